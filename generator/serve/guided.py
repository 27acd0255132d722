"""The guided start: a few questions → a commented case folder that validates.

The questions are the ones that shape a case: which municipalities (name and population), which
arrangement (a joint body, joint posts or an authority task: KuntaL 51, 53 and 54 §), which lead
municipality, which field of work (``model.sectors``) and which cost basis. The answers are written
as YAML in the starter's style (``kuntasopimus new``), every guessed figure marked illustrative and
every guessed word marked to be checked; the folder is validated in a temporary place first and only
written into the case folder when it validates, so a bad answer never leaves half a case behind.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from pathlib import Path

from generator.findings import has_errors
from generator.model.sectors import SECTORS
from generator.model.shares import largest_remainder
from generator.paths import schema_dir
from generator.serve.workspace import Workspace, atomic_write
from generator.validate import validate_case

KINDS = ("joint_body", "joint_post", "authority_task")
# Employment services are organised in employment areas (Act 380/2023 12–13 §), which a few answers
# cannot describe; such a case starts from an area's own case instead.
GUIDED_SECTORS = tuple(s for s in SECTORS if s != "employment_services")
BASES = ("population", "customers", "fixed", "labour_force")

_CHOICES = {
    "fi": {
        "kind": {
            "joint_body": "yhteinen toimielin (KuntaL 51 §)",
            "joint_post": "yhteinen virka (KuntaL 53 §)",
            "authority_task": "viranomaistehtävän antaminen toiselle kunnalle (KuntaL 54 §)",
        },
        "sector": {
            "general": "yleinen (ei toimialan erityislakia)",
            "employment_services": "työvoimapalvelut (laki 380/2023)",
            "building_supervision": "rakennusvalvonta (rakentamislaki 751/2023)",
            "environmental_health": "ympäristöterveydenhuolto (laki 410/2009)",
        },
        "basis": {
            "population": "asukasluku",
            "customers": "asiakasmäärät",
            "fixed": "sovitut osuudet",
            "labour_force": "työvoima",
        },
    },
    "en": {
        "kind": {
            "joint_body": "a joint body (KuntaL 51 §)",
            "joint_post": "joint posts (KuntaL 53 §)",
            "authority_task": "an authority task given to another municipality (KuntaL 54 §)",
        },
        "sector": {
            "general": "general (no sector act)",
            "employment_services": "employment services (Act 380/2023)",
            "building_supervision": "building supervision (Building Act 751/2023)",
            "environmental_health": "environmental health (Act 410/2009)",
        },
        "basis": {
            "population": "population",
            "customers": "customers",
            "fixed": "agreed shares",
            "labour_force": "labour force",
        },
    },
}


class AnswerProblem(Exception):
    """The answers do not make a case; the message says which answer."""


def choices(lang: str) -> dict[str, dict[str, str]]:
    words = _CHOICES.get(lang, _CHOICES["fi"])
    return {
        "kind": words["kind"],
        "sector": {s: words["sector"].get(s, s) for s in GUIDED_SECTORS},
        "basis": words["basis"],
    }


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return text if text and text[0].isalpha() else f"k-{text}".strip("-")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_municipalities(text: str) -> list[tuple[str, int]]:
    """'Mallila 5400' per line → [(name, population)]."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = re.fullmatch(r"(.+?)[\s,;:]+([0-9][0-9 \u00a0]*)", line)
        if not match:
            raise AnswerProblem(f"rivi {number}: '{line}' (nimi ja väkiluku, esim. Mallila 5400)")
        out.append((match.group(1).strip(), int(re.sub(r"\D", "", match.group(2)))))
    if len(out) < 2:
        raise AnswerProblem("vähintään kaksi kuntaa")
    if len({slug(n) for n, _ in out}) != len(out):
        raise AnswerProblem("sama kunta kahdesti")
    return out


def _registry(entries: list[tuple[str, int]], year: int) -> str:
    lines = [
        "# yaml-language-server: $schema=SCHEMA_DIR/municipalities.schema.json",
        "# Jokainen sopimuksissa mainittu kunta kerran. Taivutusmuodot ja viralliset nimet on johdettu",
        "# nimestä: tarkista ne. business_id: Y-tunnus 1234567-8, tai null, jos se on vielä tarkistettava.",
        "municipalities:",
    ]
    for name, population in entries:
        genitive = f"{name}n"
        lines += [
            f"  - id: {slug(name)}",
            f"    name: {_quoted(name)}",
            f"    genitive: {_quoted(genitive)}        # tarkista taivutus",
            f"    official_name: {_quoted(genitive + ' kunta')}",
            "    business_id: null",
            "    language: fi",
            f"    council: {_quoted(genitive + ' kunnanvaltuusto')}",
            f"    board: {_quoted(genitive + ' kunnanhallitus')}",
            "    populations:",
            f'      - {{year: {year}, value: {population}, source: "ilmoitettu aloituksessa; tarkistettava", illustrative: true}}',
        ]
        lines.append(
            f'    labour_force:\n      - {{year: {year}, value: {population * 45 // 100}, source: "havainnollistava arvio (45 % väestä)", illustrative: true}}'
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cost(basis: str, ids: list[str], populations: list[int], year: int, kind: str, lead: str) -> list[str]:
    lines = ["cost_sharing:", f"  basis: {basis}                   # customers | population | labour_force | fixed"]
    lines.append(f"  year: {year}")
    if basis == "customers":
        figures = ", ".join(f"{i}: {max(1, p // 100)}" for i, p in zip(ids, populations, strict=True))
        lines.append(f"  figures: {{{figures}}}   # asiakasmäärät: havainnollistavia, korvaa oikeilla")
    elif basis == "fixed":
        payers = [i for i in ids if not (kind == "authority_task" and i == lead)]
        percents = dict(zip(payers, largest_remainder([1] * len(payers), 100), strict=True))
        figures = ", ".join(f"{i}: {percents.get(i, 0)}" for i in ids)
        lines.append(f"  figures: {{{figures}}}   # sovitut prosenttiosuudet, yhteensä 100")
        if kind == "authority_task":
            lines += [
                "  no_share:",
                f'    {lead}: "Vastuukunta hoitaa tehtävät toisen kunnan lukuun ja saa niistä korvauksen."',
            ]
    lines += ["  illustrative: true", f"  budget: {{amount: 100000, year: {year}, illustrative: true}}"]
    return lines


def _agreement(
    kind: str, sector: str, basis: str, entries: list[tuple[str, int]], lead: str, year: int, start: dt.date
) -> str:
    ids = [slug(n) for n, _ in entries]
    names = dict(zip(ids, (n for n, _ in entries), strict=True))
    populations = [p for _, p in entries]
    others = [i for i in ids if i != lead]
    head = [
        "# yaml-language-server: $schema=SCHEMA_DIR/agreement.schema.json",
        "# Kirjoitettu ohjatussa aloituksessa. Täydennä tehtävät ja ehdot; luvut lasketaan, älä kirjoita niitä käsin.",
    ]
    body: list[str]
    if kind == "joint_body":
        body = [
            "id: yhteistoimintasopimus",
            "kind: joint_body",
            f"sector: {sector}",
            f'title: "{names[lead]}n vastuukunnan yhteistoimintasopimus"   # tarkista otsikko',
            f"parties: [{', '.join(ids)}]",
            f"lead: {lead}                     # vastuukunta; on oltava osapuoli",
            "purpose: >-",
            "  Sopijakunnat hoitavat sopimuksessa luetellut tehtävät yhteistoiminnassa.",
            "body:",
            f'  name: "{names[lead]}n johtama yhteinen lautakunta"',
            "  form: itsenäinen lautakunta",
            "tasks:                                # toimielimen tehtävät (KuntaL 52 § 1 mom. 1 k.)",
            "  - sopimuksen mukaisten tehtävien järjestäminen",
            "composition:                          # jäsenmäärät lasketaan; älä kirjoita niitä käsin",
            "  rule: per_started_inhabitants",
            "  per_inhabitants: 1000",
            "  minimum: 2",
            f"  population_year: {year}",
            "presenter: toimialajohtaja",
            "right_of_take_up: retained            # retained | excluded (KuntaL 52 § 2 mom.)",
        ]
    elif kind == "joint_post":
        body = [
            "id: yhteiset-virat",
            "kind: joint_post",
            f"sector: {sector}",
            'title: "Sopimus yhteisistä viroista"   # tarkista otsikko',
            f"parties: [{', '.join(ids)}]",
            "purpose: >-",
            "  Sopijakunnat perustavat yhteisen viran, jotta tehtävät hoidetaan koko alueella.",
            f"employer: {lead}                  # työnantajakunta (KuntaL 53 § 3 mom.)",
            "established_by_identical_decisions: true",
            "posts:",
            "  - {title: yhteinen viranhaltija, count: 1, illustrative: true}",
            "shared_duties: >-",
            "  Viranhaltija hoitaa tehtäviä kaikissa sopijakunnissa virkakuvauksen mukaisesti.",
        ]
    else:
        principal = others[0]
        body = [
            f"id: {principal}-viranomaistehtavat",
            "kind: authority_task",
            f"sector: {sector}",
            f'title: "Sopimus {names[principal]}n viranomaistehtävien hoitamisesta"   # tarkista otsikko',
            f"parties: [{', '.join(ids)}]",
            "principal:",
            f"  municipality: {principal}",
            f'  authority: "{names[principal]}n lautakunta"     # tarkista toimielimen nimi',
            "provider:",
            f"  municipality: {lead}",
            f'  office_holders: "{names[lead]}n viranhaltijat"',
            f"area: [{', '.join(others)}]",
            *(
                ['statutory_basis: "täydennä: laki ja pykälä, jolla tehtävä on säädetty kunnalle"   # KuntaL 54 §']
                if sector == "general"
                else []
            ),
            "delegable_to_office_holder: true",
            "purpose: >-",
            f"  {names[principal]} antaa viranomaistehtävänsä {names[lead]}n hoidettaviksi.",
            "tasks:",
            "  - sopimuksessa nimettyjen viranomaistehtävien hoitaminen",
            "monitoring:",
            "  - Tehtäviä hoitava kunta raportoi tehtävien hoidosta toimielimelle puolivuosittain.",
        ]
    tail = [
        f"entry_into_force: {start.isoformat()}",
        "term: {indefinite: true}              # tai: {end: 2030-12-31}",
        "termination:",
        "  notice_months: 12",
        "  effective: end_of_calendar_year     # end_of_calendar_year | after_notice",
        "  illustrative: true",
    ]
    return "\n".join(head + body + _cost(basis, ids, populations, year, kind, lead) + tail) + "\n"


def _case(title: str, lead: str, ids: list[str], sector: str, today: dt.date) -> str:
    board, councils, signing = (today + dt.timedelta(days=d) for d in (30, 60, 90))
    return (
        "\n".join(
            [
                "# yaml-language-server: $schema=SCHEMA_DIR/case.schema.json",
                "# Kirjoitettu ohjatussa aloituksessa (kuntasopimus serve). Päivät ovat havainnollistavia.",
                f"id: {slug(title)}",
                f"title: {_quoted(title)}",
                "language: fi",
                f"sector: {sector}",
                "version:",
                '  number: "0.1"',
                f"  date: {today.isoformat()}",
                "  status: luonnos             # luonnos | neuvottelutulos | hyväksytty",
                f"prepared_by: {lead}",
                f"councils: [{', '.join(ids)}]",
                f"proposal_title: {_quoted(title)}",
                "schedule:",
                f"  - {{step: board, date: {board.isoformat()}, illustrative: true}}",
                f"  - {{step: councils, date: {councils.isoformat()}, illustrative: true}}",
                f"  - {{step: signing, date: {signing.isoformat()}, illustrative: true}}",
            ]
        )
        + "\n"
    )


def case_files(form: dict[str, str], today: dt.date | None = None) -> dict[str, str]:
    """The new case's files (name → text) from the answers."""
    today = today or dt.date.today()
    entries = parse_municipalities(form.get("municipalities", ""))
    ids = [slug(n) for n, _ in entries]
    kind, sector, basis = form.get("kind", ""), form.get("sector", ""), form.get("basis", "")
    if kind not in KINDS or sector not in GUIDED_SECTORS or basis not in BASES:
        raise AnswerProblem(f"{kind or '?'} / {sector or '?'} / {basis or '?'}")
    lead = slug(form.get("lead", "") or entries[0][0])
    if lead not in ids:
        raise AnswerProblem(f"vastuukunta '{form.get('lead')}' ei ole kuntien joukossa")
    title = form.get("title", "").strip() or "Yhteistoiminta"
    year = today.year - 1
    start = dt.date(today.year + 1, 1, 1)
    files = {
        "case.yaml": _case(title, lead, ids, sector, today),
        "municipalities.yaml": _registry(entries, year),
        "10-sopimus.yaml": _agreement(kind, sector, basis, entries, lead, year, start),
    }
    uri = schema_dir().resolve().as_uri()
    return {name: text.replace("SCHEMA_DIR", uri) for name, text in files.items()}


def write_case(ws: Workspace, form: dict[str, str]) -> list[str]:
    """Validate the answers' case in a temporary folder, then write it into the (empty) case folder."""
    files = case_files(form)
    with tempfile.TemporaryDirectory(prefix="kuntasopimus-new-") as tmp:
        for name, text in files.items():
            Path(tmp, name).write_text(text, "utf-8")
        _, findings = validate_case(tmp)
    if has_errors(findings):
        errors = [
            f"{Path(f.position.file).name}:{f.position.line}: {f.code} {f.message()}"
            for f in findings
            if f.severity == "error"
        ]
        raise AnswerProblem("; ".join(errors[:3]))
    ws.case_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        atomic_write(ws.case_dir / name, text.encode("utf-8"))
    return sorted(files)
