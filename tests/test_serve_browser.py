"""The editor in a real browser: Debian's chromium, headless, driven by Playwright, against the real server.

The administration chief's round trip: open the case, change a population so that a seat count
changes, see the finding and the preview's seats table change, save, find the file's comments
intact, follow the finding to the written total and correct it, build, download the zip and find the
changed figure in the agreement's .docx (the agreement as amended, where an amendment recounts the seats). And the safety net: a second tab's stale save is refused
with a conflict message, and the file keeps the first tab's change.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_case
from docx import Document
from serve_helpers import SeatChange, Server, running_server, seat_change

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def case(tmp_path: Path, example_case: Path) -> Path:
    return copy_case(example_case, tmp_path / example_case.name)


@pytest.fixture
def server(case: Path, tmp_path: Path) -> Iterator[Server]:
    with running_server(case, tmp_path / "out") as running:
        yield running


def _page(browser: Any, server: Server) -> Any:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.url)  # the printed address: the token becomes a cookie, the address loses it
    assert "token=" not in page.url
    return page


def _field(page: Any, path: str) -> Any:
    return page.locator(f'#editor [name="f.{path}"]')


def _seat_cell(page: Any, change: SeatChange) -> str:
    """The seats column of the municipality's row in the preview's seats table."""
    row = page.locator(f'.preview-body table[data-table="{change.table_id}"] tr', has_text=change.municipality).first
    return row.locator("td").nth(2).inner_text()


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#") or " # " in line]


def test_edit_check_preview_save_build_and_download(browser: Any, server: Server, case: Path) -> None:
    change = seat_change(case)
    registry = case / change.registry_file
    before = registry.read_text("utf-8")
    page = _page(browser, server)

    # The case at a glance links to every file; the registry opens as a form with the preview beside it.
    page.click(f'nav a[href="/file/{change.registry_file}"]')
    page.select_option("#doc-select", change.document)
    page.wait_for_selector(f'.preview-body table[data-table="{change.table_id}"]')
    assert _seat_cell(page, change) == str(change.old_seats)

    _field(page, change.population_path).fill(str(change.new_population))

    # The preview recomputes the seats, and the written total no longer agrees: a finding says so.
    page.wait_for_function(
        "([id, name, seats]) => [...document.querySelectorAll(`.preview-body table[data-table='${id}'] tr`)]"
        ".some(r => r.cells[0] && r.cells[0].innerText.includes(name) && r.cells[2].innerText.trim() === seats)",
        arg=[change.table_id, change.municipality, str(change.new_seats)],
    )
    assert change.shown_population in page.locator(f'.preview-body table[data-table="{change.table_id}"]').inner_text()
    if change.declared_total is not None:
        finding = page.locator('.finding[data-code="SEAT-DECLARED"]')
        finding.wait_for()
        assert "virhe" in page.inner_text(".findings h2").lower() or "error" in finding.get_attribute("class")
        assert str(change.new_total) in finding.inner_text()
    assert registry.read_text("utf-8") == before, "nothing is written before Save"

    page.click("#save")
    page.wait_for_selector("#save-status .saved")
    after = registry.read_text("utf-8")
    assert _comments(after) == _comments(before), "the file keeps every comment"
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and str(change.new_population) in changed[0][1], changed

    if change.declared_total is not None:
        # The finding links to the field it is about, in the agreement's form; correct the total.
        page.click('.finding[data-code="SEAT-DECLARED"] a.where')
        page.wait_for_url(re.compile(re.escape(change.agreement_file)))
        total = _field(page, change.declared_path)
        assert page.evaluate("document.activeElement.name") == f"f.{change.declared_path}"
        total.fill(str(change.new_total))
        page.wait_for_function("!document.querySelector('.finding[data-code=\"SEAT-DECLARED\"]')")
        page.click("#save")
        page.wait_for_selector("#save-status .saved")

    page.click('nav a[href="/build"]')
    page.click("#build-button")
    page.wait_for_selector("#built, #build-failed", timeout=60_000)
    assert page.locator("#built").count() == 1, page.inner_text("#build-result")
    with page.expect_download() as download:
        page.click("#download-zip")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "manifest.json" in archive.namelist()
    document = Document(io.BytesIO(archive.read(change.document)))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    mine = [r for r in rows if r and r[0].startswith(change.municipality)]
    assert any(change.shown_population in r and str(change.new_seats) in r for r in mine), mine


def test_a_second_tabs_stale_save_is_refused_with_a_conflict_message(browser: Any, server: Server, case: Path) -> None:
    change = seat_change(case)
    registry = case / change.registry_file
    first = _page(browser, server)
    second = first.context.new_page()
    for tab in (first, second):
        tab.goto(f"{server.base}/file/{change.registry_file}")

    _field(first, change.population_path).fill(str(change.new_population))
    first.click("#save")
    first.wait_for_selector("#save-status .saved")
    saved = registry.read_text("utf-8")

    _field(second, change.population_path).fill(str(change.new_population + 1000))
    second.click("#save")
    second.wait_for_selector("#save-status .conflict")
    assert "muuttunut" in second.inner_text("#save-status")
    assert registry.read_text("utf-8") == saved, "the stale tab wrote nothing"

    # The first tab goes on saving: it carries the hash of what it wrote.
    _field(first, change.population_path).fill(str(change.new_population + 1))
    first.evaluate("document.querySelector('#save-status').innerHTML = ''")
    first.click("#save")
    first.wait_for_selector("#save-status .saved")
    assert str(change.new_population + 1) in registry.read_text("utf-8")
