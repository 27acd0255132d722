"""Live checking and live preview: the case as it would be with the page's unsaved text.

The edited file's text is handed to validation in place of the file on disk (``drafts``), so every
keystroke is checked by exactly the code ``kuntasopimus validate`` runs, and nothing is written. The
model is kept even when the rules find errors, so the preview shows the recomputed seats next to the
finding that says the written total no longer agrees. A finding's line and column are mapped back to
the path of the value that stands there, which is the name of the form field it is about.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.compose.plan import plan_outputs
from generator.compose.templating import TemplateProblem
from generator.findings import Finding, has_errors, sort_findings
from generator.load.yaml_loader import LoadedFile, load_yaml_file
from generator.model.documents import documents
from generator.model.entities import Case
from generator.serve.forms import dotted
from generator.serve.workspace import PathRefused, Workspace
from generator.validate import check_case
from generator.write.html_writer import html_fragment


@dataclass(frozen=True)
class ShownFinding:
    """A finding as the page shows it: its words, and the file and field it is about."""

    finding: Finding
    message: str
    file: str  # the case file's name, or a path for a file of a referenced case
    local: bool  # a file of this case (it has a form to link to)
    path: str  # dotted path of the value, "" when only the file is known

    @property
    def where(self) -> str:
        pos = self.finding.position
        return f"{self.file}:{pos.line}:{pos.column}" if pos.line else self.file


@dataclass
class LiveResult:
    case: Case | None
    findings: list[ShownFinding]
    documents: list[tuple[str, str]] = field(default_factory=list)  # (path, kind)
    preview: Markup = Markup("")
    preview_problem: str = ""

    @property
    def errors(self) -> int:
        return sum(f.finding.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def field_findings(self, name: str) -> list[dict[str, str]]:
        """The findings about fields of the case file ``name``, for the page to set beside them."""
        return [
            {"path": f.path, "severity": f.finding.severity, "code": f.finding.code, "message": f.message}
            for f in self.findings
            if f.local and f.file == name
        ]


def _positions(loaded: LoadedFile) -> dict[tuple[int, int], str]:
    """(line, column) → the dotted path of the deepest value or key that starts there."""
    out: dict[tuple[int, int], str] = {}
    for table in (loaded.key_positions, loaded.value_positions):
        for path, pos in sorted(table.items(), key=lambda item: len(item[0])):
            out[(pos.line, pos.column)] = dotted(path)
    return out


class Checker:
    """Checks and previews one workspace; caches what does not change between keystrokes."""

    def __init__(self, workspace: Workspace, lang: str = "fi") -> None:
        self.ws = workspace
        self.lang = lang
        self._position_cache: dict[tuple[str, bytes], dict[tuple[int, int], str]] = {}

    def _field_map(self, name: str, content: bytes) -> dict[tuple[int, int], str]:
        key = (name, content)
        if key not in self._position_cache:
            if len(self._position_cache) > 64:
                self._position_cache.clear()
            loaded, _ = load_yaml_file(self.ws.case_dir / name, name, content)
            self._position_cache[key] = _positions(loaded) if loaded is not None else {}
        return self._position_cache[key]

    def show(self, findings: list[Finding], drafts: dict[str, bytes]) -> list[ShownFinding]:
        shown = []
        root = str(self.ws.case_dir)
        for f in sort_findings(findings):
            display = f.position.file
            local = os.path.dirname(os.path.abspath(display)) == root and display.endswith(".yaml")
            name = os.path.basename(display) if local else os.path.relpath(display, root)
            path = ""
            if local and f.position.line:
                content = drafts.get(name)
                if content is None:
                    try:
                        content = self.ws.read_bytes(name)
                    except PathRefused:
                        content = b""
                path = self._field_map(name, content).get((f.position.line, f.position.column), "")
            shown.append(ShownFinding(f, f.message(self.lang), name, local, path))
        return shown

    def check(self, drafts: dict[str, str] | None = None, preview: str | None = None) -> LiveResult:
        """Validate with ``drafts`` (case file name → unsaved text) and render ``preview`` (an output's name)."""
        encoded = {name: text.encode("utf-8") for name, text in (drafts or {}).items()}
        by_path = {(self.ws.case_dir / name).resolve(): data for name, data in encoded.items()}
        case, findings = check_case(str(self.ws.case_dir), by_path)
        result = LiveResult(case, self.show(findings, encoded))
        if case is None:
            return result
        result.documents = [(d.path, d.kind) for d in documents(case) if d.format != "md"]
        if preview is None and result.documents:
            preview = result.documents[0][0]
        if preview is not None:
            result.preview, result.preview_problem = self.render(case, preview, has_errors(findings))
        return result

    def render(self, case: Case, path: str, errors: bool) -> tuple[Markup, str]:
        try:
            planned = plan_outputs(case, paths=[path])
        except TemplateProblem as problem:
            return Markup(""), f"{problem.template}:{problem.line}: {problem.reason}"
        except Exception as exc:  # noqa: BLE001 - a model with errors may not compose; the findings say why
            if not errors:
                raise
            return Markup(""), type(exc).__name__
        if not planned:
            return Markup(""), ""
        return Markup(html_fragment(planned[0].tree)), ""
