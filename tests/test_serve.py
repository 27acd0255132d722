"""The editor's application without a browser: its guards, saves, live checks, guided start and compare.

Requests go through the whole ASGI application in process (Starlette's test client), the same
middleware and routes the browser meets; the browser's own round trip is in test_serve_browser.py.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from conftest import AGREEMENTS, JOINT_BODY_FILE, copy_case
from serve_helpers import seat_change

from generator.compose.deck_tree import Deck
from generator.compose.plan import plan_outputs
from generator.serve.app import Settings, create_app
from generator.serve.forms import edits_from_form
from generator.serve.yamledit import apply_edits, read_data
from generator.validate import validate_case
from generator.write.html_writer import html_fragment, write_html

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def case(tmp_path: Path, example_case: Path) -> Path:
    return copy_case(example_case, tmp_path / example_case.name)


@pytest.fixture
def settings(case: Path, tmp_path: Path) -> Settings:
    return Settings(case=case, out=tmp_path / "out", port=PORT)


@pytest.fixture
def anonymous(settings: Settings) -> Iterator:
    """A client that has not presented the token."""
    from starlette.testclient import TestClient

    with TestClient(create_app(settings), base_url=BASE, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def client(anonymous, settings: Settings):
    """A client that opened the printed address (token → cookie) and sends the page's CSRF header."""
    response = anonymous.get(f"/?token={settings.token}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert settings.cookie in response.cookies
    anonymous.headers["X-CSRF-Token"] = settings.csrf
    return anonymous


def _base(client, name: str) -> str:
    page = client.get(f"/file/{name}").text
    return re.search(r'name="base" id="base" value="([0-9a-f]{64})"', page).group(1)


def _no_traceback(response) -> None:
    assert "Traceback" not in response.text and 'File "' not in response.text


# --- the guards --------------------------------------------------------------------------------------


def test_without_the_token_every_page_is_refused(anonymous, settings: Settings) -> None:
    for path in ("/", "/file/case.yaml", "/build", "/download/outputs.zip", f"/?token={settings.token}x"):
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code == 403, path
        assert "tunniste" in response.text
        _no_traceback(response)
    anonymous.cookies.set(settings.cookie, "wrong")
    assert anonymous.get("/").status_code == 403


def test_a_request_to_another_host_name_is_refused(client) -> None:
    response = client.get("/", headers={"Host": "attacker.example:8765"})
    assert response.status_code == 400 and "127.0.0.1" in response.text


def test_a_write_without_the_csrf_token_is_refused_and_writes_nothing(client, case: Path) -> None:
    before = (case / "case.yaml").read_bytes()
    base = _base(client, "case.yaml")
    form = {"base": base, "view": "raw", "text": "id: x\n"}
    for headers in ({"X-CSRF-Token": ""}, {"X-CSRF-Token": "wrong"}):
        response = client.post("/save/case.yaml", data=form, headers=headers)
        assert response.status_code == 403 and "suojatunniste" in response.text
    del client.headers["X-CSRF-Token"]
    assert client.post("/save/case.yaml", data=form).status_code == 403
    assert client.post("/build", data={}).status_code == 403
    assert (case / "case.yaml").read_bytes() == before


def test_a_write_from_another_origin_is_refused(client, case: Path) -> None:
    base = _base(client, "case.yaml")
    response = client.post(
        "/save/case.yaml",
        data={"base": base, "view": "raw", "text": "id: x\n"},
        headers={"Origin": "http://attacker.example"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/file/..%2F..%2F..%2Fetc%2Fpasswd",
        "/file/../case.yaml",
        "/file/%2e%2e%2fkeski-pohjanmaan-tyollisyysalue%2fcase.yaml",
        "/file/.hidden.yaml",
        "/file/notes.txt",
        "/out/..%2F..%2Fetc%2Fpasswd",
        "/out/%2e%2e/kaustisen-seutukunta/case.yaml",
        "/out//etc/passwd",
    ],
)
def test_paths_outside_the_case_and_output_folders_are_refused(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, (path, response.status_code)
    assert "Tiedostoa tai sivua ei ole" in response.text
    _no_traceback(response)


def test_a_link_out_of_the_case_folder_is_refused(client, case: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("salaisuus: 1\n", "utf-8")
    os.symlink(secret, case / "linkki.yaml")
    response = client.get("/file/linkki.yaml")
    assert response.status_code == 404 and "salaisuus" not in response.text
    response = client.post("/save/linkki.yaml", data={"base": "0" * 64, "view": "raw", "text": "x: 2\n"})
    assert response.status_code == 404
    assert secret.read_text("utf-8") == "salaisuus: 1\n"


def test_a_case_file_larger_than_the_loader_reads_is_refused_not_read(client, case: Path) -> None:
    from generator.load.yaml_loader import MAX_FILE_BYTES

    (case / "iso.yaml").write_bytes(b"teksti: " + b"x" * MAX_FILE_BYTES + b"\n")
    (case / "pieni.yaml").write_bytes(b"teksti: " + b"x" * 1000 + b"\n")
    assert client.get("/file/pieni.yaml").status_code == 200
    response = client.get("/file/iso.yaml")
    assert response.status_code == 404 and "xxxx" not in response.text
    response = client.post("/save/iso.yaml", data={"base": "0" * 64, "view": "raw", "text": "x: 1\n"})
    assert response.status_code == 404
    assert (case / "iso.yaml").stat().st_size > MAX_FILE_BYTES


def test_the_raw_yaml_view_checks_and_saves_the_text_as_typed(client, case: Path) -> None:
    base = _base(client, "case.yaml")
    text = (case / "case.yaml").read_text("utf-8")
    broken = text.replace("language: fi", "language: [fi")
    live = client.post("/check/case.yaml", data={"base": base, "view": "raw", "text": broken})
    assert 'data-code="YAML-SYNTAX"' in live.text and (case / "case.yaml").read_text("utf-8") == text
    edited = text.replace("status: luonnos", "status: luonnos  # tarkistettu")
    response = client.post("/save/case.yaml", data={"base": base, "view": "raw", "text": edited})
    assert response.status_code == 200
    assert (case / "case.yaml").read_text("utf-8") == edited


def test_a_malformed_request_gets_a_clear_error_not_a_traceback(client, case: Path) -> None:
    response = client.post(
        "/save/case.yaml",
        content=b"--x\r\nContent-Disposition: form-data\r\n\r\nbroken",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 400 and "virheellinen" in response.text
    _no_traceback(response)
    response = client.post("/save/case.yaml", content=b"x" * 10, headers={"Content-Length": "99999999999"})
    assert response.status_code in (400, 413)
    _no_traceback(response)
    assert client.get("/no/such/page").status_code == 404


# --- saving ------------------------------------------------------------------------------------------


def test_a_stale_save_is_refused_with_a_conflict_message(client, case: Path) -> None:
    base = _base(client, JOINT_BODY_FILE)
    other = (case / JOINT_BODY_FILE).read_text("utf-8").replace("minimum: 2", "minimum: 3")
    (case / JOINT_BODY_FILE).write_text(other, "utf-8")  # another editor saved meanwhile
    response = client.post(
        f"/save/{JOINT_BODY_FILE}", data={"base": base, "view": "form", "f.composition.declared_total": "18"}
    )
    assert response.status_code == 409
    assert "muuttunut levyllä" in response.text
    assert (case / JOINT_BODY_FILE).read_text("utf-8") == other
    # The live check says so too, before the user even tries to save.
    live = client.post(f"/check/{JOINT_BODY_FILE}", data={"base": base, "view": "form"})
    assert 'id="stale"' in live.text
    fresh = client.post(f"/check/{JOINT_BODY_FILE}", data={"base": _base(client, JOINT_BODY_FILE), "view": "form"})
    assert 'id="stale"' not in fresh.text


def test_a_form_save_keeps_comments_and_validates_as_before(client, case: Path) -> None:
    change = seat_change(case)
    before = (case / change.registry_file).read_text("utf-8")
    base = _base(client, change.registry_file)
    response = client.post(
        f"/save/{change.registry_file}",
        data={"base": base, "view": "form", f"f.{change.population_path}": str(change.new_population)},
    )
    assert response.status_code == 200 and "Tallennettu" in response.text
    after = (case / change.registry_file).read_text("utf-8")
    diff = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(diff) == 1 and diff[0][0].replace(str(change.old_population), str(change.new_population)) == diff[0][1]
    # The response carries the new hash, so the same page can save again without a conflict.
    new_base = re.search(r'id="base" value="([0-9a-f]{64})"', response.text).group(1)
    response = client.post(
        f"/save/{change.registry_file}",
        data={"base": new_base, "view": "form", f"f.{change.population_path}": str(change.old_population)},
    )
    assert response.status_code == 200
    assert (case / change.registry_file).read_text("utf-8") == before
    assert validate_case(case)[0] is not None


def _integer_paths(node, at):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _integer_paths(value, at + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _integer_paths(value, at + (i,))
    elif isinstance(node, int) and not isinstance(node, bool):
        yield at


def test_every_value_of_the_example_can_be_rewritten_in_place(example_case: Path) -> None:
    """Each number of each file, changed alone, changes that one line and reads back as asked."""
    for path in sorted(example_case.glob("*.yaml")):
        text = path.read_text("utf-8")
        data = read_data(text)
        numbers = list(_integer_paths(data, ()))
        assert numbers or path.name == "case.yaml"
        for at in numbers:
            edited = apply_edits(text, {at: 987654}, data)
            changed = [b for a, b in zip(text.splitlines(), edited.splitlines(), strict=True) if a != b]
            assert len(changed) == 1 and "987654" in changed[0], (path.name, at)


def _folded_text(case: Path) -> tuple[str, str]:
    """The first case file with a top-level folded text (``key: >-``), and its key."""
    for path in sorted(case.glob("*.yaml")):
        found = re.search(r"^(\w+): >-$", path.read_text("utf-8"), re.M)
        if found:
            return path.name, found.group(1)
    raise AssertionError("no case file has a top-level folded text")


def test_a_folded_text_is_edited_through_the_round_trip_and_keeps_the_comments(case: Path) -> None:
    name, key = _folded_text(case)
    text = (case / name).read_text("utf-8")
    data = read_data(text)
    edited = apply_edits(text, {(key,): "Uusi tarkoitus: kunnat toimivat yhdessä."}, data)
    assert read_data(edited)[key] == "Uusi tarkoitus: kunnat toimivat yhdessä."
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        line for line in edited.splitlines() if line.startswith("#")
    ]
    assert f"{key}: >-" in edited


def test_form_values_keep_their_types_and_a_wrong_one_stays_text_for_the_validator(case: Path) -> None:
    data = read_data((case / JOINT_BODY_FILE).read_text("utf-8"))
    edits = edits_from_form(
        {
            "f.composition.declared_total": "18",
            "f.term.indefinite": "false",
            "f.composition.minimum": "kaksi",
            "f.title": data["title"],
            "f.no.such.field": "x",
        },
        data,
        JOINT_BODY_FILE,
    )
    assert edits == {
        ("composition", "declared_total"): 18,
        ("term", "indefinite"): False,
        ("composition", "minimum"): "kaksi",
    }


# --- live checking and preview ---------------------------------------------------------------------


def test_an_edit_is_checked_before_it_is_saved_and_the_finding_names_its_field(client, case: Path) -> None:
    change = seat_change(case)
    before = (case / change.registry_file).read_bytes()
    response = client.post(
        f"/check/{change.registry_file}",
        data={"view": "form", f"f.{change.population_path}": "paljon", "doc": change.document},
    )
    assert response.status_code == 200
    fields = json.loads(re.search(r'id="field-findings">(.*?)</script>', response.text, re.S).group(1))
    assert {"path": change.population_path, "code": "SCHEMA-TYPE"}.items() <= fields[0].items()
    assert "kokonaisluku" in fields[0]["message"]

    response = client.post(
        f"/check/{change.registry_file}",
        data={"view": "form", f"f.{change.population_path}": str(change.new_population), "doc": change.document},
    )
    assert 'data-code="SEAT-DECLARED"' in response.text
    assert f'href="/file/{change.agreement_file}#f-{change.declared_path}"' in response.text
    table = re.search(rf'<table data-table="{change.table_id}">.*?</table>', response.text, re.S).group(0)
    row = next(r for r in re.findall(r"<tr.*?</tr>", table, re.S) if change.municipality in r)
    assert f">{change.new_seats}<" in row
    assert (case / change.registry_file).read_bytes() == before


def test_every_document_of_the_example_previews(client, case: Path) -> None:
    model, _ = validate_case(case)
    for planned in plan_outputs(model):
        if planned.format == "md":
            continue
        page = client.get("/preview", params={"doc": planned.path}).text
        body = page.split('<div class="preview-body">', 1)[1]
        assert "<article" in body, planned.path
        if planned.kind == "deck":
            assert body.count('class="slide') == len(planned.tree.slides)
            assert "<svg" in body and 'class="notes"' in body


@pytest.mark.parametrize("name", sorted(p.name for p in AGREEMENTS.iterdir() if (p / "case.yaml").is_file()))
def test_every_output_of_every_example_case_writes_as_html(name: str) -> None:
    """Every document tree the build composes has an HTML preview; a deck shows each slide with its
    headline, its appendix mark, its chart's printed labels and its tables."""
    model, findings = validate_case(AGREEMENTS / name)
    assert model is not None, [f.line() for f in findings if f.severity == "error"]
    for planned in plan_outputs(model):
        if planned.format == "md":
            continue
        page = html_fragment(planned.tree)
        assert page.startswith("<article") and page.endswith("</article>"), planned.path
        if not isinstance(planned.tree, Deck):
            continue
        slides = planned.tree.slides
        assert page.count('<section class="slide') == len(slides), planned.path
        assert page.count('class="callout"') == sum(bool(s.callout) for s in slides), planned.path
        assert page.count(' appendix"') == sum(s.appendix for s in slides), planned.path
        for slide in slides:
            assert f'data-slide="{slide.id}"' in page
            if slide.chart is not None:
                assert all(escape(label) in page for labels in slide.chart.value_labels for label in labels)
            if slide.table is not None:
                assert f'data-table="{slide.table.id}"' in page
            if slide.diagram is not None:
                assert all(f'data-node="{node.id}"' in page for node in slide.diagram.nodes)


def test_the_html_writer_writes_a_whole_page_with_the_marks(example_case: Path) -> None:
    change = seat_change(example_case)
    model, _ = validate_case(example_case)
    pages = {p.path: write_html(p.tree, p.lang).decode("utf-8") for p in plan_outputs(model) if p.kind == "agreement"}
    assert all(page.startswith("<!DOCTYPE html>") and "<style>" in page for page in pages.values())
    assert f'data-table="{change.table_id}"' in pages[change.document]
    # What a reader must notice: figures that are illustrative, and what is still to be filled in.
    assert any('<mark class="illustrative">' in page for page in pages.values())
    assert any('<mark class="placeholder">' in page for page in pages.values())


# --- guided start, build and compare -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["joint_body", "joint_post", "authority_task"])
def test_each_kind_the_guided_start_offers_composes_every_document(kind: str, tmp_path: Path) -> None:
    """A 54 § agreement alone (no joint body) draws both its municipalities in the deck's diagram."""
    from generator.serve.guided import KINDS, case_files

    assert kind in KINDS
    answers = {"municipalities": "Mallila 5400\nEsimerkkilä 2100", "lead": "Mallila", "kind": kind}
    for name, text in case_files({**answers, "sector": "general", "basis": "population"}).items():
        (tmp_path / name).write_text(text, "utf-8")
    model, findings = validate_case(tmp_path)
    assert model is not None, [f.line() for f in findings if f.severity == "error"]
    for planned in plan_outputs(model):
        if isinstance(planned.tree, Deck):
            for diagram in (s.diagram for s in planned.tree.slides if s.diagram is not None):
                boxes = {node.id for node in diagram.nodes}
                assert all({e.source, e.target} <= boxes for e in diagram.edges), planned.path
        if planned.format != "md":
            assert html_fragment(planned.tree).startswith("<article"), planned.path


def test_the_guided_start_writes_a_case_that_validates(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    settings = Settings(case=tmp_path / "uusi", out=tmp_path / "out", port=PORT)
    with TestClient(create_app(settings), base_url=BASE) as client:
        assert client.get(f"/?token={settings.token}").url.path == "/new"
        client.headers["X-CSRF-Token"] = settings.csrf
        answers = {
            "title": "Mallilan seudun rakennusvalvonta",
            "municipalities": "Mallila 5400\nEsimerkkilä 2100\nKokeilula 1 300",
            "lead": "Mallila",
            "kind": "joint_body",
            "sector": "building_supervision",
            "basis": "population",
        }
        response = client.post("/new", data={**answers, "lead": "Muualla"})
        assert response.status_code == 422 and not (tmp_path / "uusi" / "case.yaml").exists()
        assert client.post("/new", data=answers).status_code == 200
        case, findings = validate_case(tmp_path / "uusi")
        assert case is not None, [f.line() for f in findings]
        assert case.agreements[0].lead.name == "Mallila"
        assert case.agreements[0].sector.id == "building_supervision"
        assert [s.seats for s in case.agreements[0].composition.seats] == [6, 3, 2]
        assert client.post("/new", data=answers).status_code == 409


def test_build_then_zip_holds_what_the_manifest_lists(client, case: Path, tmp_path: Path) -> None:
    response = client.post("/build", data={})
    assert 'id="built"' in response.text
    archive = client.get("/download/outputs.zip")
    assert archive.status_code == 200 and archive.headers["content-type"] == "application/zip"
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert names == [o["path"] for o in manifest["outputs"]] + ["manifest.json"]
    (tmp_path / "out" / "stray.txt").write_text("x", "utf-8")
    assert "stray.txt" not in zipfile.ZipFile(io.BytesIO(client.get("/download/outputs.zip").content)).namelist()


def test_compare_with_a_saved_version_shows_the_redline(client, case: Path, tmp_path: Path) -> None:
    assert "tallennettu" in client.post("/snapshot").text
    version = sorted((tmp_path / "out" / "versions").iterdir())[0].name
    text = (case / JOINT_BODY_FILE).read_text("utf-8")
    (case / JOINT_BODY_FILE).write_text(text.replace("seudun edunvalvonta", "seudun yhteinen edunvalvonta"), "utf-8")
    response = client.post("/compare", data={"against": "snapshot", "snapshot": version})
    assert response.status_code == 200, response.text
    assert "<ins>" in response.text and "yhteinen" in response.text
    links = re.findall(r'href="/out/(muutokset/[^"]+)"', response.text)
    assert any(link.endswith("-muutokset.docx") for link in links)
    assert client.get(f"/out/{links[0]}").status_code == 200
    refused = client.post("/compare", data={"against": "snapshot", "snapshot": "../../etc"})
    assert "Vertailu ei onnistunut" in refused.text


# --- the command -----------------------------------------------------------------------------------


def test_serve_prints_a_tokened_local_address_and_serves_it(case: Path, tmp_path: Path) -> None:
    import httpx
    from serve_helpers import running_server

    with running_server(case, tmp_path / "out") as server:
        assert server.base.startswith("http://127.0.0.1:") and len(server.token) >= 24
        assert httpx.get(f"{server.base}/").status_code == 403
        with httpx.Client(base_url=server.base) as browser_like:
            response = browser_like.get(f"/?token={server.token}", follow_redirects=True)
            assert response.status_code == 200 and "Kaustisen" in response.text
            assert "token=" not in str(response.url)


def test_serve_refuses_a_file_as_the_case_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    target = tmp_path / "case.yaml"
    target.write_text("id: x\n", "utf-8")
    result = CliRunner().invoke(cli, ["serve", str(target)])
    assert result.exit_code == 2
