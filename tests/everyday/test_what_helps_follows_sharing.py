"""What helps on a bad day is the person's "good days and bad days" section of About me. A
check-in's picks from it reach staff only if that section is shared with them too
(issue 17, item 3). Here the person shares how they are today with their team, but not
"good days and bad days"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from alongside.everyday.models import CheckIn, Feeling
from alongside.organisations.models import StaffMember
from alongside.people.models import AboutMeSection
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import CheckInFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 30)
BAD_DAYS = "A bad day: I stay in my room.\nWhat helps:\nQuietlantern\nA walk with Sam\n"


@pytest.fixture(autouse=True)
def _a_fixed_day() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _person(*, shares_what_helps: bool) -> Any:
    person = PersonFactory()
    AboutMeSection.objects.create(
        person=person, part=Part.GOOD_AND_BAD_DAYS, text=BAD_DAYS, version=1
    )
    person.sharing[Part.TODAY] = [Audience.TEAM, Audience.MANAGER]
    person.sharing[Part.GOOD_AND_BAD_DAYS] = (
        [Audience.TEAM, Audience.MANAGER] if shares_what_helps else []
    )
    person.save()
    CheckInFactory(
        person=person, on=DAY, feeling=Feeling.BAD, helps=["Quietlantern"], note="Tired today."
    )
    return person


def _worker(person: Any) -> Client:
    user = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]).user
    return sign_in(Client(), user)


def _page(client: Client, url_name: str, *args: Any) -> str:
    response = client.get(reverse(url_name, args=list(args)))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url_name", ["everyday:check-in", "everyday:patterns"])
def test_a_worker_does_not_see_what_helps_when_it_is_not_shared(url_name: str) -> None:
    person = _person(shares_what_helps=False)
    page = _page(_worker(person), url_name, person.pk)
    assert "Tired today." in page  # how they are today is shared
    assert "Quietlantern" not in page and "A walk with Sam" not in page


def test_the_check_in_form_tells_the_worker_what_helps_is_not_shared() -> None:
    person = _person(shares_what_helps=False)
    page = _page(_worker(person), "everyday:check-in", person.pk)
    assert f"{person.preferred_name} has not shared what helps on a bad day with you." in page


def test_the_today_handover_leaves_out_what_helps_when_it_is_not_shared() -> None:
    person = _person(shares_what_helps=False)
    page = _page(_worker(person), "everyday:handover")
    assert "Tired today." in page
    assert "Quietlantern" not in page


def test_the_check_ins_api_answers_null_for_what_helps_when_it_is_not_shared() -> None:
    person = _person(shares_what_helps=False)
    body = _worker(person).get(reverse("api:person-check-ins", args=[person.pk])).json()
    assert [(c["note"], c["helps"]) for c in body["results"]] == [("Tired today.", None)]


def test_a_worker_saving_a_check_in_keeps_the_persons_picks_they_cannot_see() -> None:
    person = _person(shares_what_helps=False)
    check_in = CheckIn.objects.get(person=person)
    response = _worker(person).post(
        reverse("everyday:check-in", args=[person.pk]),
        {
            "feeling": str(Feeling.LOW),
            "note": "Better after lunch.",
            "alert_team": "no",
            "version": str(check_in.version),
            "helps": ["A walk with Sam"],  # not a question on their form: ignored
        },
    )
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert (check_in.feeling, check_in.note, check_in.helps) == (
        Feeling.LOW,
        "Better after lunch.",
        ["Quietlantern"],
    )


def test_when_what_helps_is_shared_the_worker_sees_it_everywhere() -> None:
    person = _person(shares_what_helps=True)
    worker = _worker(person)
    for url_name, args in [
        ("everyday:check-in", [person.pk]),
        ("everyday:patterns", [person.pk]),
        ("everyday:handover", []),
    ]:
        assert "Quietlantern" in _page(worker, url_name, *args), url_name
    body = worker.get(reverse("api:person-check-ins", args=[person.pk])).json()
    assert body["results"][0]["helps"] == ["Quietlantern"]
