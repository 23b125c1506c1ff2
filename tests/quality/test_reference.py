from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from alongside.quality.models import Answer, Edition, Face, IStatement
from alongside.quality.reference import STARTER_EDITION
from tests.factories import QualityCheckFactory

pytestmark = pytest.mark.django_db

LATER = """
edition: official-2
framework: Making It Real
themes:
  - key: wellbeing-independence
    name: Wellbeing and independence
    i_statements:
      - key: live-the-life-i-want
        text: I live the life I want, with the support I choose.
"""


def test_the_starter_edition_is_loaded_by_the_migrations() -> None:
    edition = Edition.objects.get(key="alongside-starter-1")
    assert edition.themes.count() == 6
    assert IStatement.objects.filter(theme__edition=edition).count() == 21


def test_loading_an_edition_again_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_making_it_real", str(STARTER_EDITION))
    assert Edition.objects.count() == 1
    assert IStatement.objects.count() == 21
    assert "already loaded" in capsys.readouterr().out


def test_a_later_edition_is_added_and_checks_keep_the_wording_they_were_made_against(
    tmp_path: Path,
) -> None:
    check = QualityCheckFactory(status="done", done_on="2026-03-01")
    old = check.checklist.statements.get(key="live-the-life-i-want")
    Answer.objects.create(quality_check=check, statement=old, face=Face.GOOD)
    later = tmp_path / "later.yaml"
    later.write_text(LATER)
    call_command("load_making_it_real", str(later))
    assert Edition.objects.count() == 2
    answer = Answer.objects.get()
    assert answer.statement.text.startswith("I can live the life I want")
    assert answer.statement.theme.edition.key == "alongside-starter-1"
    new = IStatement.objects.get(theme__edition__key="official-2")
    assert new.text == "I live the life I want, with the support I choose."


def test_a_file_without_i_statements_is_refused_in_plain_words(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("edition: x\nthemes:\n  - key: a\n    name: A\n")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="needs a key, a name and I statements"):
        call_command("load_making_it_real", str(bad))
    assert not Edition.objects.filter(key="x").exists()


def test_read_edition_refuses_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    from alongside.quality.reference import read_edition

    bad = tmp_path / "bad.yaml"
    bad.write_text("edition: [unclosed")
    with pytest.raises(ValidationError):
        read_edition(bad)
