"""The plan's version lines: no empty "agreed ." and no "Written by someone."."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.people.models import Person, PlanVersion
from tests.conftest import sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _plan(person: Person, **fields: Any) -> PlanVersion:
    return PlanVersion.objects.create(
        person=person, number=1, status=PlanVersion.Status.CURRENT, my_goals="Swim", **fields
    )


def test_a_plan_agreed_with_no_date_says_its_version_and_no_empty_date() -> None:
    person = PersonFactory(preferred_name="Josie")
    _plan(person)
    page = sign_in(Client(), person.user).get(reverse("people:plan", args=[person.pk]))
    body = page.content.decode()
    assert "Version 1, written on " in body and ", not agreed yet." in body
    assert "agreed ." not in body and "agreed  ." not in body


def test_a_plan_agreed_on_a_day_by_the_person_says_both() -> None:
    person = PersonFactory(preferred_name="Josie")
    _plan(person, agreed_at=dt.datetime(2026, 5, 3, 10, tzinfo=dt.UTC), agreed_by=person.user)
    body = sign_in(Client(), person.user).get(reverse("people:plan", args=[person.pk]))
    assert "Version 1, agreed on 3 May 2026 by Josie." in body.content.decode()


def test_a_version_whose_writer_is_not_known_does_not_say_written_by_someone() -> None:
    person = PersonFactory(preferred_name="Josie")
    _plan(person, agreed_at=dt.datetime(2026, 5, 3, 10, tzinfo=dt.UTC))
    body = sign_in(Client(), person.user).get(reverse("people:plan-history", args=[person.pk]))
    text = body.content.decode()
    assert "Written by someone" not in text
    assert "Agreed 3 May 2026." in text


def test_a_version_the_person_wrote_says_so() -> None:
    person = PersonFactory(preferred_name="Josie")
    _plan(person, written_by=person.user, agreed_at=dt.datetime(2026, 5, 3, 10, tzinfo=dt.UTC))
    body = sign_in(Client(), person.user).get(reverse("people:plan-history", args=[person.pk]))
    assert "Written by Josie, agreed 3 May 2026." in body.content.decode()
