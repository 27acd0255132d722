"""Documents in Finnish and Swedish: which values are texts, what a Swedish document needs, and that
the language versions of one agreement say the same thing.

The tests start from the starter case (`kuntasopimus new`), so they do not depend on how the
example cases are translated.
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import AGREEMENTS

from generator.build import build, municipality_ids
from generator.compose.plan import plan_outputs
from generator.load.case_folder import load_case_folder
from generator.model.build import build_model
from generator.model.documents import document_languages, documents, shown
from generator.model.languages import MARKED, text_paths
from generator.model.names import municipality_names
from generator.model.references import referenced
from generator.model.schema import schemas
from generator.model.versions import clause_parity, in_scope, localize_case, text_index
from generator.readback.consistency import check_language_versions
from generator.starter import write_starter
from generator.validate import validate_case

AGREEMENT = "10-yhteistoimintasopimus.yaml"


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    folder = tmp_path / "esimerkkiseutu"
    write_starter(folder)
    return folder


def add_line(path: Path, after: str, line: str) -> str:
    text = path.read_text("utf-8")
    assert text.count(after) == 1, after
    text = text.replace(after, f"{after}\n{line}")
    path.write_text(text, "utf-8")
    return text


def set_in(data: Any, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def translate_everything(case: Path, lang: str = "sv") -> None:
    """Give every text of the case a version in ``lang`` ('SV ' and the Finnish text), as an author would."""
    raw, _ = load_case_folder(case)
    _, missing = localize_case(raw, lang)
    by_file: dict[Path, list] = {}
    for gap in missing:
        by_file.setdefault(gap.file.path, []).append(gap)
    for path, gaps in by_file.items():
        data = yaml.safe_load(path.read_text("utf-8"))
        for gap in gaps:
            set_in(data, gap.path, {"fi": gap.text, lang: f"SV {gap.text}"})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_the_schema_says_which_values_are_texts(starter: Path) -> None:
    raw, _ = load_case_folder(starter)
    ids = {name: s["$id"] for name, s in schemas().items()}
    registry = set(text_paths(raw.registry, ids["municipalities"]))
    assert {
        ("municipalities", 0, "name"),
        ("municipalities", 0, "council"),
        ("municipalities", 0, "populations", 0, "source"),
    } <= registry
    assert (
        not {("municipalities", 0, "id"), ("municipalities", 0, "language"), ("municipalities", 0, "business_id")}
        & registry
    )
    agreement = set(text_paths(raw.agreements[0], ids["agreement"]))
    assert {("title",), ("purpose",), ("tasks", 0), ("body", "name")} <= agreement
    assert not {("kind",), ("entry_into_force",), ("lead",), ("cost_sharing", "basis")} & agreement


def test_a_swedish_version_without_swedish_texts_names_each_text_it_would_show(starter: Path) -> None:
    text = add_line(starter / AGREEMENT, "kind: joint_body", "languages: [fi, sv]")
    case, findings = validate_case(starter)
    assert case is None
    gaps = [f for f in findings if f.severity == "error"]
    assert {f.code for f in gaps} == {"LANG-TEXT"}
    assert all(f.params["document"] == "yhteistoimintasopimus.sv.docx" for f in gaps)
    lines = {(Path(f.position.file).name, f.position.line) for f in gaps}
    agreement_lines = text.splitlines()
    for needle in ("title: ", "  - elinkeinotoiminnan kehittäminen", "  name: Esimerkkiseudun"):
        line = next(i for i, row in enumerate(agreement_lines, start=1) if row.startswith(needle))
        assert (AGREEMENT, line) in lines, needle
    # The registry's population sources show in the Swedish seats note; official names are derived.
    registry = (starter / "municipalities.yaml").read_text("utf-8").splitlines()
    source = next(i for i, row in enumerate(registry, start=1) if "source:" in row)
    official = next(i for i, row in enumerate(registry, start=1) if "official_name:" in row)
    assert ("municipalities.yaml", source) in lines and ("municipalities.yaml", official) not in lines


def test_official_names_follow_from_the_name_and_the_kind() -> None:
    class File:  # the two fields the fallback reads
        def __init__(self, entry: dict) -> None:
            self.data = {"municipalities": [entry]}

    karleby = File({"name": {"fi": "Kokkola", "sv": "Karleby"}, "official_name": "Kokkolan kaupunki"})
    assert municipality_names("fi")(karleby, ("municipalities", 0, "official_name"), "sv") == "Karleby stad"
    lestijarvi = File({"name": "Lestijärvi", "official_name": "Lestijärven kunta"})
    assert municipality_names("fi")(lestijarvi, ("municipalities", 0, "official_name"), "sv") == "Lestijärvi kommun"
    raseborg = File(
        {"name": {"sv": "Raseborg", "fi": "Raasepori"}, "genitive": "Raaseporin", "official_name": "Raseborgs stad"}
    )
    assert municipality_names("sv")(raseborg, ("municipalities", 0, "official_name"), "fi") == "Raaseporin kaupunki"
    assert municipality_names("fi")(karleby, ("municipalities", 0, "council"), "sv") is None


@pytest.fixture
def bilingual(starter: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    add_line(starter / AGREEMENT, "kind: joint_body", "languages: [fi, sv]")
    translate_everything(starter)
    out = tmp_path / "out"
    result = build(starter, out)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    manifest["ids"] = municipality_ids(result.case)
    return out, manifest


def document_text(path: Path) -> str:
    """Paragraph by paragraph, the runs of each joined as Word shows them."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs).replace("\u00a0", " ")


def test_both_versions_are_written_each_in_its_language(bilingual: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = bilingual
    agreements = {o["path"]: o for o in manifest["outputs"] if o["kind"] == "agreement"}
    assert {p: o["lang"] for p, o in agreements.items()} == {
        "yhteistoimintasopimus.docx": "fi",
        "yhteistoimintasopimus.sv.docx": "sv",
    }
    assert "KomL 51 §" in agreements["yhteistoimintasopimus.sv.docx"]["legal_basis"]
    assert "KuntaL 51 §" in agreements["yhteistoimintasopimus.docx"]["legal_basis"]
    assert set(manifest["facts"]) == {"fi", "sv"}
    finnish, swedish = (
        document_text(out / "yhteistoimintasopimus.docx"),
        document_text(out / "yhteistoimintasopimus.sv.docx"),
    )
    assert "Kieli: suomi – virallinen kieliversio; sopimuksesta on käännös ruotsiksi" in finnish
    language_line = next(line for line in swedish.splitlines() if line.startswith("Språk: "))
    assert "översättning" in language_line and "finska" in language_line
    assert "Esimerkkilä kommun" in swedish and "Esimerkkilän kunta" in finnish
    assert "kommunallagen (410/2015)" in swedish


def test_the_versions_have_the_same_clauses_in_the_same_order(bilingual: tuple[Path, dict[str, Any]]) -> None:
    out, _ = bilingual

    def headings(path: Path) -> list[str]:
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        return re.findall(r'<w:pStyle w:val="(Heading[12])"/>', xml)

    assert headings(out / "yhteistoimintasopimus.docx") == headings(out / "yhteistoimintasopimus.sv.docx")


def test_a_language_version_that_states_another_figure_is_a_finding(bilingual: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = bilingual
    from generator.write.manifest import Output

    def output(path: str) -> Output:
        entry = next(o for o in manifest["outputs"] if o["path"] == path)
        return Output(path, "agreement", entry["title"], (out / path).read_bytes(), extra=entry)

    official, swedish = output("yhteistoimintasopimus.docx"), output("yhteistoimintasopimus.sv.docx")
    ids = manifest["ids"]
    assert check_language_versions([official, swedish], manifest["facts"], ids, out) == []
    edited = swedish.data
    with zipfile.ZipFile(out / swedish.path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
        assert ">12 månader<" in xml
        from io import BytesIO

        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for info in package.infolist():
                data = package.read(info.filename)
                target.writestr(
                    info,
                    xml.replace(">12 månader<", ">6 månader<").encode()
                    if info.filename == "word/document.xml"
                    else data,
                )
        edited = buffer.getvalue()
    tampered = Output(swedish.path, "agreement", swedish.title, edited, extra=swedish.extra)
    findings = check_language_versions([official, tampered], manifest["facts"], ids, out)
    assert [(f.code, f.params["fact"], f.params["expected"], f.params["found"]) for f in findings] == [
        ("LANG-FACTS", "notice:yhteistoimintasopimus", "12", "6")
    ]


def test_versions_with_different_clauses_are_a_finding(starter: Path) -> None:
    """Clauses follow from the data; a version whose data drops a conditional clause is reported."""
    add_line(starter / AGREEMENT, "id: yhteistoimintasopimus", "languages: [fi, sv]")
    translate_everything(starter)
    case, findings = validate_case(starter)
    assert case is not None, [f.line() for f in findings if f.severity == "error"]
    swedish = case.versions["sv"].agreement("yhteistoimintasopimus")
    swedish.purpose, swedish.history = None, ()  # the background clause (tausta) is conditional on these
    findings = clause_parity(case.versions, case.agreement("yhteistoimintasopimus"))
    assert [(f.code, f.params["expected"], f.params["found"]) for f in findings] == [
        ("LANG-CLAUSES", "tausta", "vastuukunta")
    ]


def test_a_council_gets_its_material_in_its_own_language(starter: Path, tmp_path: Path) -> None:
    registry = starter / "municipalities.yaml"
    text = registry.read_text("utf-8")
    mallila = text.index("id: mallila")
    registry.write_text(text[:mallila] + text[mallila:].replace("language: fi", "language: sv-fi", 1), "utf-8")
    case, findings = validate_case(starter)
    assert case is None
    documents = {f.params["document"] for f in findings if f.code == "LANG-TEXT"}
    # Each missing text is reported once, naming the first of Mallila's Swedish documents that shows it.
    assert documents and documents <= {"mallila-fullmaktigepresentation.pptx", "mallila-beslutsforslag.docx"}
    translate_everything(starter)
    out = tmp_path / "out"
    assert build(starter, out).case is not None
    langs = {o["path"]: o["lang"] for o in json.loads((out / "manifest.json").read_text("utf-8"))["outputs"]}
    assert langs["mallila-beslutsforslag.docx"] == "sv" and langs["esimerkkila-paatosehdotus.docx"] == "fi"


def review_comments(path: Path) -> list[tuple[str, list[str]]]:
    """Each Word comment of a .docx: its author and its paragraphs."""
    xml = zipfile.ZipFile(path).read("word/comments.xml").decode("utf-8")
    return [
        (author, ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p[ >].*?</w:p>", body)])
        for author, body in re.findall(r'<w:comment [^>]*w:author="([^"]*)"[^>]*>(.*?)</w:comment>', xml, flags=re.S)
    ]


def test_review_comments_of_the_swedish_version_are_in_swedish(starter: Path, tmp_path: Path) -> None:
    """The review copy's margin notes (what someone must act on) are the tool's, in the version's
    language, on the same clauses in both versions."""
    add_line(starter / AGREEMENT, "kind: joint_body", "languages: [fi, sv]")
    translate_everything(starter)
    out = tmp_path / "out"
    assert build(starter, out, review=True).case is not None
    finnish = review_comments(out / "yhteistoimintasopimus.docx")
    swedish = review_comments(out / "yhteistoimintasopimus.sv.docx")
    assert finnish and len(swedish) == len(finnish)
    assert {author for author, _ in finnish} == {"kuntasopimus – automaattinen tarkistus"}
    assert {author for author, _ in swedish} == {"kuntasopimus – automatisk granskning"}
    # Each note in Swedish says what its Finnish counterpart says.
    kinds = {
        "Vakiomuotoilu: ": "Standardformulering: ",
        "Arvio: ": "Uppskattning: ",
        "Täydennettävä: ": "Ska kompletteras: ",
    }
    for (_, fi_notes), (_, sv_notes) in zip(finnish, swedish, strict=True):
        assert len(fi_notes) == len(sv_notes)
        for fi_note, sv_note in zip(fi_notes, sv_notes, strict=True):
            opening = next(k for k in kinds if fi_note.startswith(k))
            assert sv_note.startswith(kinds[opening]), (fi_note, sv_note)
    assert {kind for _, notes in swedish for note in notes for kind in kinds.values() if note.startswith(kind)} == set(
        kinds.values()
    )
    swedish_text = " ".join(note for _, notes in swedish for note in notes)
    assert "KuntaL" not in swedish_text and "sopijapuolet" not in swedish_text and "tarkistettava" not in swedish_text


# --- what a document shows is declared, and the declaration is complete ---------------------------

SCOPED_CASES = ["kaustisen-seutukunta", "vastra-nylands-sysselsattning", "keski-pohjanmaan-tyollisyysalue"]


def _strings(tree: Any) -> Iterator[str]:
    if isinstance(tree, str):
        yield tree
    elif dataclasses.is_dataclass(tree) and not isinstance(tree, type):
        for field in dataclasses.fields(tree):
            yield from _strings(getattr(tree, field.name))
    elif isinstance(tree, (list, tuple)):
        for item in tree:
            yield from _strings(item)
    elif isinstance(tree, dict):
        for item in tree.values():
            yield from _strings(item)


@pytest.mark.parametrize("name", SCOPED_CASES)
def test_no_document_shows_a_text_its_declaration_leaves_out(name: str) -> None:
    """Validation finds untranslated texts by what each document declares it shows, without composing.
    Here every text of the case is kept in its own language only, every document in the other
    language is composed with each untranslated text marked, and each mark on a page must be a
    text that page's declaration covers: a text missing from the declarations would otherwise
    reach a Swedish council in Finnish without any finding."""
    case, findings = validate_case(AGREEMENTS / name)
    assert case is not None, [f.line() for f in findings if f.severity == "error"]
    raw, _ = load_case_folder(AGREEMENTS / name)
    texts = text_index(raw)
    registries = {c.registry.display for c in (raw, *referenced(raw)) if c.registry is not None}
    docs = documents(case)
    checked = 0
    for lang in [lang for lang in document_languages(case) if lang != case.base_language]:
        # Strip the case to its own language: localising to ``lang`` then misses every text.
        only_base, _ = localize_case(raw, case.base_language, texts)
        marked, gaps = localize_case(only_base, lang, text_index(only_base), mark=True)
        version, version_findings = build_model(marked, lang)
        assert version is not None, version_findings
        version.versions = {case.base_language: case, lang: version}
        case.versions = version.versions
        for planned in plan_outputs(case, {lang}):
            spec = next(d for d in docs if d.path == planned.path)
            scope = shown(case, spec)
            for text in _strings(planned.tree):
                for match in MARKED.finditer(text):
                    gap = gaps[int(match.group(1))]
                    assert in_scope(gap, scope, registries), (planned.path, gap.file.display, gap.path)
                    checked += 1
    assert checked > 20  # the test saw the marks it looks for
