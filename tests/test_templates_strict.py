"""A clause template never leaves a silent gap: a missing value stops rendering, naming both."""

from __future__ import annotations

import pytest

from generator.compose.templating import TemplateProblem, render


def test_missing_variable_names_the_template_and_the_variable() -> None:
    with pytest.raises(TemplateProblem) as caught:
        render("fi", "kinds/joint_body/vastuukunta.j2", {"parties": []})
    problem = caught.value
    assert problem.template.replace("\\", "/") == "templates/fi/kinds/joint_body/vastuukunta.j2"
    assert "'lead' is undefined" in problem.reason
    assert problem.line == 3


def test_missing_attribute_is_an_error_not_an_empty_string() -> None:
    class Lead:
        official_name = "Esimerkkilän kunta"

    with pytest.raises(TemplateProblem) as caught:
        render("fi", "kinds/joint_body/toimielin.asema.j2", {"d": {"body": {"name": "X"}}, "lead": Lead()})
    assert "form" in caught.value.reason
