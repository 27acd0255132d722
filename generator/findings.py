"""Findings: what validation says to the user, with a position and a code.

A finding keeps its message parameters rather than a rendered string, so the same finding can be
printed in Finnish or English and compared in tests by code and position.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.messages import render_message

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Position:
    """Where a value stands in a case file; lines and columns count from 1 as editors do."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        """file:line:col; an output file read back has no line, so just its path."""
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    position: Position
    params: dict[str, Any] = field(default_factory=dict)
    citation: str | None = None

    def message(self, lang: str = "fi") -> str:
        return render_message(self.code, lang, self.params)

    def line(self, lang: str = "fi") -> str:
        cited = f" ({self.citation})" if self.citation else ""
        return f"{self.position}: {self.severity} {self.code}: {self.message(lang)}{cited}"

    def as_json(self, lang: str = "fi") -> dict[str, Any]:
        return {
            "file": self.position.file,
            "line": self.position.line,
            "column": self.position.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "citation": self.citation,
        }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.position.file, f.position.line, f.position.column, f.code))


def format_findings(findings: Iterable[Finding], lang: str, fmt: str) -> str:
    ordered = sort_findings(findings)
    if fmt == "json":
        return json.dumps([f.as_json(lang) for f in ordered], ensure_ascii=False, indent=2)
    return "\n".join(f.line(lang) for f in ordered)
