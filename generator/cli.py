"""The ``kuntasopimus`` command: validate, build, new.

Exit codes: 0 success (warnings allowed), 1 the case has errors, 2 the command was used wrongly,
3 an internal error (a bug: reported in one line, with a traceback only if KUNTASOPIMUS_DEBUG is set).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from generator.compose.templating import TemplateProblem
from generator.findings import Finding, Position, format_findings, has_errors

LANGS = click.Choice(["fi", "en"])

_TEXT = {
    "fi": {
        "valid": "{path}: kunnossa ({counts}).",
        "invalid": "{path}: {counts}.",
        "errors": ("virhe", "virhettä"),
        "warnings": ("varoitus", "varoitusta"),
        "wrote": "Kirjoitettu {count} tiedostoa kansioon {out}:",
        "template": "{where}: error TEMPLATE: mallipohjaa ei voitu täyttää: {reason}",
        "internal": "kuntasopimus: sisäinen virhe ({kind}: {reason}). Tämä on ohjelmavirhe; ilmoita siitä kehittäjille.",
        "new_exists": "{path}: kansio on jo olemassa eikä ole tyhjä. Valitse uusi kansio.",
        "backup": "Käsin muokattu tiedosto säilytettiin: {path}",
        "write_failed": "{out}: tiedostoja ei voitu kirjoittaa ({reason}). Aiemmat tiedostot ovat ennallaan.",
        "write_mixed": "{out}: tiedostoja ei voitu kirjoittaa ({reason}), eikä kaikkia aiempia tiedostoja voitu palauttaa. Korjaa syy ja aja build uudelleen.",
        "recovered": "{out}: edellinen build keskeytyi kirjoittaessaan; sen tiedostot kirjoitettiin loppuun ennen tätä buildia.",
        "new_done": "Uusi tapaus kirjoitettu kansioon {path}. Muokkaa tiedostoja ja aja: kuntasopimus build {path} --out OUT",
        "wrote_case": "{case}: kirjoitettu {count} tiedostoa kansioon {out}",
        "batch_summary": "{count} tapausta: {ok} kirjoitettu, {failed} virheellistä.",
        "same_name": "useammalla tapauskansiolla on sama nimi ({names}); tulokset menisivät samaan kansioon. Nimeä kansiot eri nimisiksi.",
        "no_soffice": "--pdf tarvitsee LibreOfficen (komento soffice), jota ei löydy. Asenna libreoffice-writer-nogui ja libreoffice-impress-nogui tai jätä --pdf pois.",
        "progress_build": "Tapaukset",
        "progress_pdf": "PDF-tiedostot",
        "stale_pdf": "Poistettu vanhentunut PDF (sen lähdetiedosto muuttui): {path}",
    },
    "en": {
        "valid": "{path}: valid ({counts}).",
        "invalid": "{path}: {counts}.",
        "errors": ("error", "errors"),
        "warnings": ("warning", "warnings"),
        "wrote": "Wrote {count} files to {out}:",
        "template": "{where}: error TEMPLATE: the template could not be filled: {reason}",
        "internal": "kuntasopimus: internal error ({kind}: {reason}). This is a bug; please report it.",
        "new_exists": "{path}: the folder exists and is not empty. Choose a new folder.",
        "backup": "The hand-edited file was kept: {path}",
        "write_failed": "{out}: could not write the files ({reason}). The previous files are unchanged.",
        "write_mixed": "{out}: could not write the files ({reason}), and not every previous file could be restored. Fix the cause and run build again.",
        "recovered": "{out}: the previous build was interrupted while writing; its files were completed before this build.",
        "new_done": "New case written to {path}. Edit the files, then run: kuntasopimus build {path} --out OUT",
        "wrote_case": "{case}: wrote {count} files to {out}",
        "batch_summary": "{count} cases: {ok} written, {failed} with errors.",
        "same_name": "several case folders have the same name ({names}); their outputs would share a folder. Give the folders different names.",
        "no_soffice": "--pdf needs LibreOffice (the soffice command), which is not installed. Install libreoffice-writer-nogui and libreoffice-impress-nogui, or leave out --pdf.",
        "progress_build": "Cases",
        "progress_pdf": "PDF files",
        "stale_pdf": "Removed an out-of-date PDF (its source file changed): {path}",
    },
}


def _say(lang: str, key: str, **params: object) -> str:
    text = _TEXT[lang][key]
    assert isinstance(text, str)
    return text.format(**params)


def _count(lang: str, key: str, n: int) -> str:
    one, many = _TEXT[lang][key]
    return f"{n} {one if n == 1 else many}"


def _summary(findings, lang: str, path: str) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    counts = f"{_count(lang, 'errors', errors)}, {_count(lang, 'warnings', warnings)}"
    return _say(lang, "invalid" if errors else "valid", path=path, counts=counts)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kuntasopimus")
def cli() -> None:
    """Kuntien yhteistoimintasopimukset YAML-kuvauksista: tarkistus ja sopimusluonnokset (.docx)."""


@cli.command()
@click.argument("case", type=click.Path(file_okay=False, path_type=str))
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Ilmoitusten kieli.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate(case: str, lang: str, fmt: str) -> None:
    """Tarkistaa tapauskansion CASE: skeemat, viittaukset ja lasketut luvut."""
    from generator.validate import validate_case

    _, findings = validate_case(case)
    if fmt == "json":
        click.echo(format_findings(findings, lang, "json"))
    else:
        if findings:
            click.echo(format_findings(findings, lang, "text"))
        click.echo(_summary(findings, lang, case), err=True)
    sys.exit(1 if has_errors(findings) else 0)


@cli.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=str))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str), help="Tuloskansio.")
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="Rinnakkaisten töiden määrä (oletus: suorittimien määrä)."
)
@click.option("--pdf", is_flag=True, help="Tee jokaisesta asiakirjasta ja esityksestä myös PDF (LibreOffice).")
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Ilmoitusten kieli.")
@click.option(
    "--review",
    is_flag=True,
    help="Lisää jokaiseen lakisääteiseen kohtaan Word-kommentti, jossa on lainkohta ja säännön koodi.",
)
@click.option(
    "--force", is_flag=True, help="Korvaa käsin muokatut tulostiedostot; muokattu tiedosto säilyy varmuuskopiona."
)
def build(
    cases: tuple[str, ...], out_dir: str, jobs: int | None, pdf: bool, lang: str, review: bool, force: bool
) -> None:
    """Tarkistaa tapaukset ja kirjoittaa sopimusluonnokset, vaatimustaulukon, esitykset ja päätösehdotukset.

    CASES on tapauskansio (jossa on case.yaml) tai kansio, jossa on tapauskansioita. Yksi tapaus
    kirjoitetaan suoraan --out-kansioon, useampi kukin omaan alikansioonsa.
    """
    from generator.batch import UsageProblem, add_pdfs, build_all, find_targets
    from generator.write.pdf import soffice

    jobs = jobs or os.cpu_count() or 1
    try:
        targets = find_targets(list(cases), Path(out_dir))
    except UsageProblem as problem:
        raise click.UsageError(_say(lang, "same_name", names=problem)) from None
    if pdf and soffice() is None:
        raise click.UsageError(_say(lang, "no_soffice"))
    with _progress(lang, "progress_build", len(targets)) as advance:
        reports = build_all(targets, jobs, review=review, force=force, advance=advance)
    pdf_failures = []
    if pdf:
        count = sum(1 for r in reports if r.written for path, _, _ in r.outputs if path.endswith((".docx", ".pptx")))
        with _progress(lang, "progress_pdf", count) as advance:
            pdf_failures = add_pdfs(reports, jobs, advance)
    for report in reports:
        _print_report(report, lang, several=len(targets) > 1)
    for source, reason in pdf_failures:
        click.echo(Finding("BUILD-PDF", "error", Position(str(source), 0, 0), {"reason": reason}).line(lang))
    if len(targets) > 1:
        failed = sum(not r.written for r in reports)
        click.echo(_say(lang, "batch_summary", count=len(targets), ok=len(targets) - failed, failed=failed), err=True)
    if any(r.internal for r in reports):
        sys.exit(3)
    sys.exit(1 if pdf_failures or not all(r.written for r in reports) else 0)


@contextmanager
def _progress(lang: str, key: str, length: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal and there is more than one thing to do."""
    if length <= 1 or not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=length, label=_say(lang, key), file=sys.stderr) as bar:
        yield bar.update


def _print_report(report, lang: str, several: bool) -> None:
    from generator.build import MANIFEST

    if report.findings:
        click.echo(format_findings(report.findings, lang, "text"))
    if report.problem is not None:
        key, params = report.problem
        click.echo(_say(lang, key, **params), err=True)
        return
    out = str(report.target.out)
    if report.recovered:
        click.echo(_say(lang, "recovered", out=out), err=True)
    if not report.written:
        click.echo(_summary(report.findings, lang, str(report.target.folder)), err=True)
        return
    if several:
        click.echo(_say(lang, "wrote_case", case=report.target.folder, count=len(report.outputs) + 1, out=out))
    else:
        click.echo(_say(lang, "wrote", count=len(report.outputs) + 1, out=out))
        for path, kind, _ in report.outputs:
            click.echo(f"  {os.path.join(out, path)}  ({kind})")
        click.echo(f"  {os.path.join(out, MANIFEST)}")
    for backup in report.backups:
        click.echo(_say(lang, "backup", path=backup))
    for removed in report.removed:
        click.echo(_say(lang, "stale_pdf", path=removed))


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Ilmoitusten kieli.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(out_dir: str, lang: str, fmt: str) -> None:
    """Lukee OUT_DIR:n asiakirjat ja esitykset ja tarkistaa, että jokainen luku on kaikkialla sama kuin mallissa
    ja että tiedostot ovat saavutettavia (otsikko, kieli, vaihtoehtoiset tekstit, otsikkorivit, kontrasti)."""
    from generator.readback.accessibility import check_outputs_accessibility
    from generator.readback.consistency import check_outputs

    findings = check_outputs(out_dir, lang) + check_outputs_accessibility(out_dir)
    if findings or fmt == "json":
        click.echo(format_findings(findings, lang, fmt))
    click.echo(_summary(findings, lang, out_dir), err=True)
    sys.exit(1 if has_errors(findings) else 0)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str), help="Tuloskansio.")
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Ilmoitusten kieli.")
@click.option(
    "--force", is_flag=True, help="Korvaa käsin muokatut tulostiedostot; muokattu tiedosto säilyy varmuuskopiona."
)
def diff(old: str, new: str, out_dir: str, lang: str, force: bool) -> None:
    """Vertaa kahta luonnosta (kansio tai REVISIO:polku) ja kirjoittaa muutokset Wordin muutosmerkintöinä."""
    from generator.diff.run import diff_cases
    from generator.diff.sources import SourceProblem

    try:
        result = diff_cases(old, new, out_dir, force=force)
    except SourceProblem as problem:
        click.echo(f"kuntasopimus diff: {problem}", err=True)
        sys.exit(1)
    except OSError as exc:
        key = "write_failed" if getattr(exc, "unchanged", True) else "write_mixed"
        click.echo(_say(lang, key, out=out_dir, reason=exc.strerror or str(exc)), err=True)
        sys.exit(1)
    if result.findings:
        click.echo(format_findings(result.findings, lang, "text"))
        sys.exit(1)
    click.echo(result.summary, nl=False)
    for path in result.files:
        click.echo(f"  {path}")
    for backup in result.backups:
        click.echo(_say(lang, "backup", path=backup))


@cli.command()
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Kuvausten kieli.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(lang: str, fmt: str) -> None:
    """Luettelee tarkistussäännöt: koodi, lainkohta, vakavuus ja kuvaus."""
    import json

    from generator.law.catalogue import RULES

    entries = [
        {
            "code": r.code,
            "citation": r.citation,
            "severity": r.severity,
            "title": r.title_fi if lang == "fi" else r.title_en,
            "message": r.fi if lang == "fi" else r.en,
        }
        for r in RULES.values()
    ]
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    width = max(len(e["code"]) for e in entries)
    for e in entries:
        click.echo(f"{e['code']:<{width}}  {e['severity']:<7}  {e['citation']}: {e['title']}")


@cli.command()
@click.argument("directory", type=click.Path(path_type=str))
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Ilmoitusten kieli.")
def new(directory: str, lang: str) -> None:
    """Kirjoittaa kansioon DIRECTORY kommentoidun aloitustapauksen, joka läpäisee tarkistuksen."""
    from generator.starter import write_starter

    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        click.echo(_say(lang, "new_exists", path=directory), err=True)
        sys.exit(2)
    write_starter(target)
    click.echo(_say(lang, "new_done", path=directory))


@cli.command()
@click.argument("case", required=False, default=".", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--out",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Tuloskansio.",
)
@click.option(
    "--port", type=click.IntRange(min=0, max=65535), default=8765, show_default=True, help="Portti (0: vapaa portti)."
)
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Käyttöliittymän ja ilmoitusten kieli.")
def serve(case: str, out_dir: str, port: int, lang: str) -> None:
    """Käynnistää paikallisen muokkaimen (vain 127.0.0.1): lomakkeet, tarkistus ja esikatselu selaimessa.

    CASE on tapauskansio (oletus: nykyinen kansio). Jos siinä ei ole case.yaml-tiedostoa, muokain
    aloittaa ohjatulla uuden tapauksen luonnilla. Avaa tulostettu osoite selaimessa.
    """
    from generator.serve.server import run

    path = Path(case)
    if path.exists() and not path.is_dir():
        raise click.UsageError(f"{case}: ei ole kansio")
    sys.exit(run(path, Path(out_dir), port, lang))


def main() -> None:
    lang = "en" if "--lang=en" in sys.argv or ("--lang" in sys.argv and "en" in sys.argv) else "fi"
    try:
        cli.main(prog_name="kuntasopimus", standalone_mode=True)
    except TemplateProblem as problem:
        click.echo(_say(lang, "template", where=f"{problem.template}:{problem.line}", reason=problem.reason), err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
        if os.environ.get("KUNTASOPIMUS_DEBUG"):
            traceback.print_exc()
        click.echo(_say(lang, "internal", kind=type(exc).__name__, reason=exc), err=True)
        sys.exit(3)
