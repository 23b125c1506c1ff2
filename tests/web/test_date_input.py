"""The GOV.UK date input (alongside/widgets.py): a date typed as day, month and year, with
one plain message for each way it can be wrong, what was typed kept, and nothing saved."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.everyday.forms import PlanMeetingForm
from alongside.everyday.models import Meeting
from tests.conftest import move_to_day, sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _fixed_day(clock: Any) -> None:
    move_to_day(clock, TODAY)


def _meeting_form(day: str, month: str, year: str) -> PlanMeetingForm:
    return PlanMeetingForm(
        {"on_day": day, "on_month": month, "on_year": year, "how_often": "weekly"}
    )


def test_a_real_date_typed_in_three_parts_is_that_date() -> None:
    form = _meeting_form("27", "3", "2027")
    form.is_valid()
    assert form.cleaned_data["on"] == datetime.date(2027, 3, 27)


def test_spaces_and_a_leading_zero_are_fine() -> None:
    form = _meeting_form(" 07 ", "03", "2027")
    form.is_valid()
    assert form.cleaned_data["on"] == datetime.date(2027, 3, 7)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "The day of the meeting must be a real date, like 27 3 2027."),
        ("0", "3", "2027", "The day of the meeting must be a real date, like 27 3 2027."),
        ("27", "13", "2027", "The day of the meeting must be a real date, like 27 3 2027."),
        ("29", "2", "2027", "The day of the meeting must be a real date, like 27 3 2027."),
        ("27", "", "2027", "The day of the meeting must include a month."),
        ("", "3", "2027", "The day of the meeting must include a day."),
        ("27", "3", "", "The day of the meeting must include a year."),
        ("", "", "2027", "The day of the meeting must include a day and month."),
        ("27", "", "", "The day of the meeting must include a month and year."),
        ("", "", "", "Say when the next meeting is."),
        (
            "27",
            "March",
            "2027",
            "The day of the meeting: the month is not a number. "
            "Write the date in numbers, like 27 3 2027.",
        ),
        (
            "x",
            "y",
            "2027",
            "The day of the meeting: the day and month are not a number. "
            "Write the date in numbers, like 27 3 2027.",
        ),
        (
            "٢٧",
            "3",
            "2027",
            "The day of the meeting: the day is not a number. "
            "Write the date in numbers, like 27 3 2027.",
        ),
        ("27", "3", "27", "The day of the meeting must have a year with 4 numbers, like 2027."),
    ],
)
def test_each_wrong_date_has_its_own_plain_message(
    day: str, month: str, year: str, message: str
) -> None:
    form = _meeting_form(day, month, year)
    assert not form.is_valid()
    assert form.errors["on"] == [message]


def test_a_date_outside_its_range_says_which_way_to_change_it() -> None:
    form = _meeting_form("1", "1", "2040")
    assert not form.is_valid()
    assert "The day of the meeting must be before" in form.errors["on"][0]


def _boxes(html: str) -> dict[str, tuple[str, bool]]:
    """Each date box on the page: what it shows, and whether it is marked as wrong."""
    found = {}
    for tag in re.findall(r'<input class="govuk-input govuk-date-input__input[^>]*>', html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        assert name is not None
        found[name.group(1)] = (value.group(1) if value else "", "govuk-input--error" in tag)
    return found


def _plan(client: Client, person: Any, **parts: str) -> Any:
    return client.post(
        reverse("everyday:meetings", args=[person.pk]),
        {"how_often": "weekly", "with_whom": "Sam", **parts},
    )


def test_a_missing_month_is_said_plainly_keeps_what_was_typed_and_saves_nothing() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    response = _plan(client, person, on_day="27", on_month="", on_year="2027")
    html = response.content.decode()
    assert "The day of the meeting must include a month." in html
    assert _boxes(html) == {
        "on_day": ("27", False),
        "on_month": ("", True),
        "on_year": ("2027", False),
    }
    # The error summary link lands on the box that is wrong.
    assert 'href="#id_on_month"' in html and 'id="id_on_month"' in html
    assert not Meeting.objects.filter(person=person).exists()


def test_an_impossible_date_marks_all_three_boxes_and_saves_nothing() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    html = _plan(client, person, on_day="31", on_month="2", on_year="2027").content.decode()
    assert "The day of the meeting must be a real date, like 27 3 2027." in html
    assert _boxes(html) == {
        "on_day": ("31", True),
        "on_month": ("2", True),
        "on_year": ("2027", True),
    }
    assert 'href="#id_on_day"' in html
    assert not Meeting.objects.filter(person=person).exists()


def test_words_instead_of_numbers_are_kept_and_marked_and_nothing_is_saved() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    html = _plan(client, person, on_day="27", on_month="March", on_year="2027").content.decode()
    assert "the month is not a number" in html
    assert _boxes(html)["on_month"] == ("March", True)
    assert not Meeting.objects.filter(person=person).exists()


def test_a_real_date_in_three_parts_plans_the_meeting_on_that_day() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    response = _plan(client, person, on_day="27", on_month="3", on_year="2027")
    assert response.status_code == 302
    assert Meeting.objects.get(person=person).on == datetime.date(2027, 3, 27)


def test_the_date_input_is_a_group_with_a_legend_hint_and_three_labelled_boxes() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    html = client.get(reverse("everyday:meetings", args=[person.pk])).content.decode()
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_on-hint">' in html
    assert "When is the next meeting?</legend>" in html
    assert "For example, 27 3 2027" in html
    for part, label in [("day", "Day"), ("month", "Month"), ("year", "Year")]:
        assert f'for="id_on_{part}">{label}</label>' in html
        assert f'name="on_{part}" type="text" inputmode="numeric"' in html
