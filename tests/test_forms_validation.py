"""Odd values are refused with a clear message and change nothing: dates far off for what
they are, hidden direction characters in names and short text, money in other digits."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from alongside.forms_validation import date_within, no_bidi_controls
from alongside.organisations.models import StaffMember
from alongside.reviews.models import Spending
from alongside.reviews.money import parse_pounds
from alongside.rota.models import Absence
from tests.factories import PersonFactory, StaffMemberFactory, budget_for


@pytest.fixture(autouse=True)
def a_fixed_day() -> Any:
    """Every test here runs on one fixed day, so "today" and the ranges from it never move."""
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0), tick=False):
        yield


D = datetime.date


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (D(1, 1, 1), "The day it was spent must be after 23 November 2021. Check the year."),
        (D(9999, 12, 31), "The day it was spent cannot be in the future."),
        (D(2026, 11, 24), "The day it was spent cannot be in the future."),
    ],
)
def test_a_date_outside_its_range_is_refused_with_the_range(day: D, message: str) -> None:
    check = date_within(what="The day it was spent", years_back=5, years_ahead=0)
    with pytest.raises(ValidationError) as refused:
        check(day)
    assert refused.value.messages == [message]


def test_a_date_ahead_is_refused_after_its_last_day_and_allowed_up_to_it() -> None:
    check = date_within(what="The last day", years_back=5, years_ahead=2)
    check(D(2028, 11, 23))  # two years from the fixed today is allowed
    check(D(2021, 11, 23))
    with pytest.raises(ValidationError, match="must be before 23 November 2028"):
        check(D(3026, 12, 1))


@pytest.mark.parametrize(
    "name",
    ["Jo\u202eenaJ", "\u2066Jo\u2069", "Jo\u200f", "Jo\u200e", "Jo\u061c", "\u202aJo\u202c"],
)
def test_a_name_with_a_hidden_direction_character_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="hidden character that changes the direction"):
        no_bidi_controls(name)


def test_names_in_any_language_without_hidden_characters_are_kept() -> None:
    for name in ["Jo", "Zoë", "محمد", "יוסי", "李娜"]:
        no_bidi_controls(name)


@pytest.mark.parametrize("text", ["٤٠", "£４０", "1,２00.50", "४०", "40.٥٠"])
def test_money_in_digits_other_than_0_to_9_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_pounds(text)
    assert refused.value.messages == [
        "Write the amount with the numbers 0 to 9, like £40 or 1,200.50."
    ]


def test_money_in_0_to_9_is_still_read() -> None:
    assert parse_pounds("£1,200.50") == Decimal("1200.50")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "day", "message"),
    [
        ("12", "01/01/0001", "The day must be after 23 November 2021. Check the year."),
        ("12", "31/12/9999", "The day cannot be in the future."),
        ("٤٠", "20/11/2026", "Write the amount with the numbers 0 to 9"),
    ],
)
def test_spending_with_an_odd_date_or_digits_is_refused_and_not_kept(
    signed_in_client: Any, amount: str, day: str, message: str
) -> None:
    person = PersonFactory()
    use = budget_for(person).uses.first()
    response = signed_in_client(person.user).post(
        reverse("reviews:spending", args=[person.pk]),
        {"use": str(use.pk), "amount": amount, "spent_on": day},  # type: ignore[union-attr]
    )
    assert message in response.content.decode()
    assert not Spending.objects.exists()


@pytest.fixture
def manager_and_worker() -> tuple[Any, Any]:
    person = PersonFactory()
    org = person.service.organisation
    worker = StaffMemberFactory(organisation=org, services=[person.service])
    manager = StaffMemberFactory(
        organisation=org, services=[person.service], role=StaffMember.Role.SERVICE_MANAGER
    )
    return manager, worker


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2026-12-01", "3026-12-01", "The last day must be before 23 November 2028."),
        ("2026-01-05", "2027-06-01", "Leave or sickness can be at most a year (366 days)."),
        ("0001-01-01", "2026-12-01", "The first day must be after 23 November 2021."),
    ],
)
def test_an_absence_of_an_odd_length_is_refused_and_not_kept(
    signed_in_client: Any, manager_and_worker: tuple[Any, Any], first: str, last: str, message: str
) -> None:
    manager, worker = manager_and_worker
    response = signed_in_client(manager.user).post(
        reverse("rota:worker", args=[worker.pk]),
        {"form": "absence", "first_day": first, "last_day": last, "reason": "leave"},
    )
    assert message in response.content.decode()
    assert not Absence.objects.exists()


@pytest.mark.django_db
def test_an_absence_of_a_whole_year_is_kept(
    signed_in_client: Any, manager_and_worker: tuple[Any, Any]
) -> None:
    manager, worker = manager_and_worker
    signed_in_client(manager.user).post(
        reverse("rota:worker", args=[worker.pk]),
        {"form": "absence", "first_day": "2026-01-01", "last_day": "2026-12-31", "reason": "leave"},
    )
    assert Absence.objects.get().last_day == D(2026, 12, 31)


@pytest.mark.django_db
def test_a_name_with_a_right_to_left_override_is_refused_and_the_name_kept(
    signed_in_client: Any,
) -> None:
    person = PersonFactory(preferred_name="Josephine")
    response = signed_in_client(person.user).post(
        reverse("people:details", args=[person.pk]),
        {"preferred_name": "Jo\u202eenihpesoJ", "pronouns": "", "version": person.version},
    )
    assert "hidden character that changes the direction" in response.content.decode()
    person.refresh_from_db()
    assert person.preferred_name == "Josephine"
