"""The lawyer's compliance matrix: what each agreement meets, where, and from what text.

For each agreement the councils decide on, every requirement its kind and its sector's act carry
that applies to it: the clause that meets it, the case data it rests on and whether that clause is
the case's own text, a standard wording, the parties' negotiated wording or an amendment's; or that
it is missing. A requirement that does not apply is left out rather than reasoned about. Then the
chapter checklist (which chapters rest on standard wording or still lack a fact) and the open
questions: the case's own, and what the rules warn of. An agreement in force is not judged (its
text is the signed original's); an amendment is judged as the agreement it leaves. Nothing here is
typed twice: numbers come from the trees the agreements were written from, citations from the
catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.compose.markup import runs
from generator.compose.tree import Cell, Chapter, Clause, Document, Mark, Paragraph, Run, Table, marks_of
from generator.findings import Finding
from generator.formats import fi_date
from generator.language import cite, labels, no_break
from generator.law.catalogue import RULES
from generator.law.requirements import REQUIREMENTS
from generator.model.entities import Agreement, Case
from generator.model.outline import requirement_specs

MET, MISSING, NEGOTIATED, IN_FORCE = "met", "missing", "negotiated", "in_force"
_SECTION_LETTER = re.compile(r"(\d) ([a-z]) §")
_SECTION_SIGN = re.compile(r"(\d) §")  # "8 §" never ends a line without its sign

# Column widths in cm, 15,4 in all (the text width less the clause indent). Each is wide enough for
# the longest word its column holds (10 pt): a code "KL52-OTTO", a requirement's name, a clause title
# "1.3 Suhde yhteistoimintasopimukseen", "tapauskohtainen". A narrower column makes Word and
# LibreOffice break a word mid-letters ("järjestämisva|stuu"); tests/test_compliance.py renders it.
_WIDTHS = (1.7, 2.2, 3.2, 3.1, 2.8, 2.4)
_CHECKLIST_WIDTHS = (4.4, 7.0, 4.0)


@dataclass(frozen=True)
class MatrixRow:
    code: str
    citation: str
    name: str
    clauses: tuple[tuple[str, str], ...]
    status: str
    origins: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """'2.3 Title; 2.4 Title' — each meeting clause with its number, as a lawyer cites them."""
        return "; ".join(f"{number} {title}".strip() for number, title in self.clauses) or "–"


@dataclass(frozen=True)
class Judged:
    """One agreement as the matrix judges it: the agreement, its composed tree and its heading."""

    agreement: Agreement
    tree: Document
    heading: str


def matrix_rows(agreement: Agreement, tree: Document, lang: str) -> list[MatrixRow]:
    """The rows of the applicable requirements: met (where, from what text) or missing."""
    numbered = tree.numbered_clauses()
    rows = []
    for code, spec in requirement_specs(agreement):
        requirement = REQUIREMENTS[code]
        clauses = [(number, clause) for number, clause in numbered if code in clause.requirements]
        fields = agreement.kind.content.get(code, ())
        if clauses and all(clause.provenance == IN_FORCE for _, clause in clauses):
            # Met, if at all, by the agreement in force, whose text is the signed original's: our
            # numbering and wording are not its own, so the row names the relied-on term if any.
            terms = [
                agreement.in_force.term_for(clause.id) if agreement.in_force is not None else None
                for _, clause in clauses
            ]
            meeting = tuple(("", f"{t.title} ({t.source})") for t in terms if t is not None and t.title)
            rows.append(
                MatrixRow(
                    code,
                    cite(requirement.citation, lang),
                    requirement.name(lang),
                    meeting,
                    IN_FORCE,
                    (IN_FORCE,),
                    fields,
                )
            )
        elif clauses:
            status = NEGOTIATED if any(clause.negotiated for _, clause in clauses) else MET
            origins = tuple(dict.fromkeys(clause.provenance for _, clause in clauses))
            meeting = tuple((number, clause.title) for number, clause in clauses)
            rows.append(
                MatrixRow(
                    code, cite(requirement.citation, lang), requirement.name(lang), meeting, status, origins, fields
                )
            )
        elif spec.absent == MISSING:
            rows.append(
                MatrixRow(code, cite(requirement.citation, lang), requirement.name(lang), (), MISSING, (), fields)
            )
    return rows


def _matrix(rows: list[MatrixRow], words: dict[str, object]) -> Table:
    status_words = words["status"]
    origin_words = words["origins"]
    assert isinstance(status_words, dict) and isinstance(origin_words, dict)
    table_rows = []
    for row in rows:
        mark: Mark = "plain" if row.status in (MET, IN_FORCE) else "placeholder"
        where = hyphenate(row.where)
        table_rows.append(
            (
                Cell((Run(row.code),)),
                # A column of citations only: it may wrap between their parts, never inside "4 a §".
                Cell((Run(_SECTION_SIGN.sub("\\1\u00a0§", _SECTION_LETTER.sub("\\1\u00a0\\2\u00a0§", row.citation))),)),
                Cell((Run(no_break(hyphenate(row.name))),)),
                Cell((Run(where),)),
                Cell((Run(hyphenate(", ".join(str(origin_words[o]) for o in row.origins) or "–")),)),
                Cell((Run(str(status_words[row.status]), mark),)),
            )
        )
    columns = words["columns"]
    assert isinstance(columns, list)
    return Table("compliance", tuple(columns), tuple(table_rows), _WIDTHS)


def _checklist(tree: Document, words: dict[str, object]) -> Table:
    """Each chapter: its clauses and what remains to do (standard wordings to confirm, facts to add)."""
    states = words["checklist_states"]
    assert isinstance(states, dict)
    rows = []
    for number, chapter in enumerate(tree.chapters, start=1):
        standard = [c.title for c in chapter.clauses if c.provenance == "standard"]
        todo = [c.title for c in chapter.clauses if "placeholder" in marks_of(c.blocks)]
        amended = [c.title for c in chapter.clauses if c.provenance == "amended"]
        in_force = all(c.provenance in ("in_force", "amended") for c in chapter.clauses)
        mark = "plain"
        if in_force:
            # A chapter of an agreement in force: only what the amendment changes is new text.
            key = "amended" if amended else "in_force"
            state = str(states[key]).format(clauses=", ".join(amended))
        elif todo:
            state, mark = str(states["todo"]).format(clauses=", ".join(todo)), "placeholder"
        elif standard:
            state = str(states["standard"]).format(clauses=", ".join(standard))
        else:
            state = str(states["done"])
        titles = ", ".join(c.title for c in chapter.clauses)
        rows.append(
            (Cell((Run(f"{number} {chapter.title}"),)), Cell((Run(titles),)), Cell((Run(state, mark),)))  # type: ignore[arg-type]
        )
    header = words["checklist_columns"]
    assert isinstance(header, list)
    return Table("checklist", tuple(header), tuple(rows), _CHECKLIST_WIDTHS)


def _open_questions(judged: Judged, findings: list[Finding], lang: str, words: dict[str, object]) -> list[str]:
    """The case's own open questions, the clauses that rest on estimates, then what the rules warn of
    in this agreement's file (by the rule's title: the YAML fix is for `validate`, not for a lawyer)."""
    questions = list(judged.agreement.open_questions)
    cost = judged.agreement.cost
    if cost is not None and cost.source and (cost.illustrative or (cost.budget and cost.budget.illustrative)):
        questions.append(str(words["estimates"]).format(source=cost.source))
    estimated = [c.title for c in judged.tree.clauses() if "illustrative" in marks_of(c.blocks)]
    if estimated:
        questions.append(str(words["estimated_clauses"]).format(clauses=", ".join(estimated)))
    displays = {judged.agreement.source.display}
    for f in findings:
        if f.position.file in displays:
            rule = RULES.get(f.code)
            cited = f" ({cite(f.citation, lang)})" if f.citation else ""
            title = rule.title("fi" if lang == "fi" else "en") if rule is not None else f.code
            questions.append(f"{f.code}{cited}: {title}")
    return questions


_LONG_WORD = re.compile(r"\w{15,}")
# A syllable starts at a consonant followed by a vowel (the rule Finnish and Swedish hyphenation share).
_SYLLABLE = re.compile(r"(?<=\w)(?=[^aeiouyäöå\W\d][aeiouyäöå])", re.I)


def hyphenate(text: str) -> str:
    """``text`` with soft hyphens in its long words, so a narrow table column breaks a word like
    ”meningsskiljaktigheter” with a hyphen at a syllable rather than anywhere (the Markdown writer
    drops them)."""

    def soften(match: re.Match[str]) -> str:
        word = match.group(0)
        cuts = [m.start() for m in _SYLLABLE.finditer(word) if 4 <= m.start() <= len(word) - 3]
        for at in reversed(cuts):
            word = word[:at] + "\u00ad" + word[at:]
        return word

    return _LONG_WORD.sub(soften, text)


def compose_compliance(case: Case, judged: list[Judged], findings: list[Finding]) -> Document:
    lang = case.language
    all_words = labels(lang)
    words: dict[str, object] = all_words["compliance"]
    chapters = []
    for item in judged:
        clauses = [
            Clause(
                "vaatimukset",
                str(words["clause_title"]),
                (),
                [_matrix(matrix_rows(item.agreement, item.tree, lang), words)],
            ),
            Clause("luvut", str(words["checklist_title"]), (), [_checklist(item.tree, words)]),
        ]
        questions = _open_questions(item, findings, lang, words)
        blocks = [Paragraph(runs(q)) for q in questions] or [Paragraph(runs(str(words["no_questions"])))]
        clauses.append(Clause("avoimet", str(words["questions_title"]), (), list(blocks)))
        chapters.append(Chapter(item.agreement.id, item.heading, clauses))
    lead_text = str(words["lead"]).format(case=case.title)
    if any(a.existing or a.kind.amends for a in case.agreements):
        lead_text += " " + str(words["lead_in_force"])
    lead = [Paragraph(runs(lead_text))]
    return Document(
        kind="compliance_report",
        id=f"{case.id}-vaatimustenmukaisuus",
        title=str(words["title"]),
        status=all_words["status"][case.version.status],
        version=case.version.number,
        date=fi_date(case.version.date),
        lead_paragraphs=lead,
        chapters=chapters,
        signatures_title="",
        signatories=[],
        labels=all_words,
        meta=[(all_words["version"], case.version.number), (all_words["date"], fi_date(case.version.date))],
    )
