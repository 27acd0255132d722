"""Negotiated wordings are judged in every language version, with that language's words.

The reproductions from the engineering review (Västra Nyland, Swedish official text): a wording
that moves the entry into force to 1.1.2031 in both languages must be refused, and a correct Swedish
disputes clause must pass.
"""

from __future__ import annotations

from pathlib import Path

from conftest import AGREEMENTS, copy_case

from generator.validate import validate_case

VN = AGREEMENTS / "vastra-nylands-sysselsattning"
AGREEMENT = "10-samarbetsavtal.yaml"


def _with_override(tmp_path: Path, block: str) -> Path:
    case = copy_case(VN, tmp_path / "vn")
    path = case / AGREEMENT
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + block, "utf-8")
    return case


def test_an_entry_into_force_contradicting_the_data_is_refused_in_both_languages(tmp_path: Path) -> None:
    case = _with_override(
        tmp_path,
        "overrides:\n  voimaantulo:\n    text:\n      sv: Avtalet träder i kraft 1.1.2031.\n"
        "      fi: Sopimus tulee voimaan 1.1.2031.\n",
    )
    model, findings = validate_case(case)
    assert model is None
    facts = [f for f in findings if f.code == "OVERRIDE-FACT"]
    assert sorted(f.params["lang_en"] for f in facts) == ["Finnish", "Swedish"]
    assert all(f.params["stated"] == "1.1.2031" and f.params["expected"] == "1.1.2025" for f in facts)
    assert all(Path(f.position.file).name == AGREEMENT for f in facts)


def test_a_correct_swedish_disputes_clause_passes(tmp_path: Path) -> None:
    case = _with_override(
        tmp_path,
        "overrides:\n  erimielisyydet:\n    text:\n"
        "      sv: Meningsskiljaktigheter som gäller avtalet avgörs som förvaltningstvistemål i "
        "förvaltningsdomstolen (KomL 63 §).\n"
        "      fi: Sopimusta koskevat erimielisyydet ratkaistaan hallintoriita-asiana hallinto-oikeudessa "
        "(KuntaL 63 §).\n",
    )
    model, findings = validate_case(case)
    assert model is not None, [f.line() for f in findings if f.severity == "error"]


def test_a_swedish_disputes_clause_that_drops_the_court_is_refused_in_swedish(tmp_path: Path) -> None:
    case = _with_override(
        tmp_path,
        "overrides:\n  erimielisyydet:\n    text:\n"
        "      sv: Meningsskiljaktigheter avgörs genom skiljeförfarande.\n"
        "      fi: Sopimusta koskevat erimielisyydet ratkaistaan hallintoriita-asiana hallinto-oikeudessa.\n",
    )
    _, findings = validate_case(case)
    (hit,) = [f for f in findings if f.severity == "error"]
    assert hit.code == "OVERRIDE-REQ" and hit.params["lang_en"] == "Swedish" and hit.citation == "KuntaL 63 §"
