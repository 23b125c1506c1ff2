"""Sentences built from a count read right for none, one and many (alongside/words.py), and
every template that says a count goes through the `counted` filter with a phrase tested
here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from alongside.words import counted, sentence

TEMPLATES = Path(__file__).resolve().parent.parent / "alongside" / "templates"

# Every phrase the templates count with, and how it reads for 0, 1 and 3.
PHRASES: dict[str, tuple[str, str, str]] = {
    "thing was not good,things were not good": (
        "no things were not good",
        "1 thing was not good",
        "3 things were not good",
    ),
    "check,checks": ("no checks", "1 check", "3 checks"),
    "action from checks is still open,actions from checks are still open": (
        "no actions from checks are still open",
        "1 action from checks is still open",
        "3 actions from checks are still open",
    ),
    "action from checks is overdue,actions from checks are overdue": (
        "no actions from checks are overdue",
        "1 action from checks is overdue",
        "3 actions from checks are overdue",
    ),
    "person at this service can be invited,people at this service can be invited": (
        "no people at this service can be invited",
        "1 person at this service can be invited",
        "3 people at this service can be invited",
    ),
    "suggestion,suggestions": ("no suggestions", "1 suggestion", "3 suggestions"),
    "review,reviews": ("no reviews", "1 review", "3 reviews"),
    "time,times": ("no times", "1 time", "3 times"),
    "page,pages": ("no pages", "1 page", "3 pages"),
    "service,services": ("no services", "1 service", "3 services"),
    "person,people": ("no people", "1 person", "3 people"),
    "row,rows": ("no rows", "1 row", "3 rows"),
    "recovery code,recovery codes": (
        "no recovery codes",
        "1 recovery code",
        "3 recovery codes",
    ),
}


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_counted_phrase_reads_right_for_none_one_and_many(phrase: str) -> None:
    template = Template('{{ n|counted:"' + phrase + '" }}')
    read = tuple(template.render(Context({"n": n})) for n in (0, 1, 3))
    assert read == PHRASES[phrase]


def test_every_count_in_a_template_uses_a_tested_phrase_and_none_uses_pluralize() -> None:
    used, pluralized = set(), []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        used |= set(re.findall(r'\|counted:"([^"]+)"', text))
        if "pluralize" in text:
            pluralized.append(path.name)
    assert not pluralized, f"Count with |counted, not pluralize: {pluralized}"
    assert used == set(PHRASES), f"Phrases not tested here: {used - set(PHRASES)}"


def test_a_sentence_starts_with_a_capital_whatever_the_count() -> None:
    assert sentence(counted(0, "review", "reviews")) == "No reviews"
    assert sentence(counted(1, "review", "reviews")) == "1 review"
    assert sentence(counted(2, "review", "reviews", none="nothing")) == "2 reviews"
    assert counted(0, "review", "reviews", none="nothing yet") == "nothing yet"
