from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.audit.models import RecordView, SecurityEvent
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def test_a_worker_looking_at_a_record_is_shown_to_the_person() -> None:
    person = PersonFactory()
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    sign_in(Client(), worker.user).get(reverse("people:record", args=[person.pk]))
    view = RecordView.objects.get(person=person)
    assert view.viewer == worker.user
    page = sign_in(Client(), person.user).get(reverse("people:who-looked", args=[person.pk]))
    assert worker.user.display_name in page.content.decode()


def test_a_change_is_shown_to_the_person_with_who_made_it() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    client.post(
        reverse("people:details", args=[person.pk]),
        {"preferred_name": "Jo", "pronouns": "", "version": 1},
    )
    page = client.get(reverse("people:who-looked", args=[person.pk])).content.decode()
    assert "Changed the name I like to be called" in page
    assert "You" in page


def test_the_person_looking_at_their_own_record_is_not_listed() -> None:
    person = PersonFactory()
    sign_in(Client(), person.user).get(reverse("people:record", args=[person.pk]))
    assert not RecordView.objects.exists()


def test_a_refused_look_is_logged_as_a_security_event_without_names() -> None:
    person = PersonFactory()
    outsider = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER)
    response = sign_in(Client(), outsider.user).get(reverse("people:record", args=[person.pk]))
    assert response.status_code == 404
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.ACCESS_REFUSED)
    assert event.user_id_at_time == outsider.user.pk
    assert event.path_name == "people:record"
    assert not RecordView.objects.exists()


# --- Grouped, paged, filtered ----------------------------------------------------------


def _views_over_time(person: Any, viewers: list[Any], count: int, start: dt.datetime) -> None:
    """`count` views of `person`, one every 10 minutes from `start`, the viewers in turn."""
    RecordView.objects.bulk_create(
        RecordView(
            person=person,
            viewer=viewers[i % len(viewers)],
            page="Your record",
            viewed_at=start + dt.timedelta(minutes=10 * i),
        )
        for i in range(count)
    )


def _page(client: Client, person: Any, **query: Any) -> str:
    url = reverse("people:who-looked", args=[person.pk])
    return client.get(url, query).content.decode()


def test_many_looks_in_one_hour_are_one_line_with_how_many_times() -> None:
    person = PersonFactory()
    kim = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    start = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    RecordView.objects.bulk_create(
        RecordView(
            person=person,
            viewer=kim.user,
            page="Your record",
            viewed_at=start + dt.timedelta(minutes=m),
        )
        for m in range(17)
    )
    page = _page(sign_in(Client(), person.user), person)
    name = kim.user.display_name
    assert page.count(f"<strong>{name}</strong> looked at “Your record” 17 times.") == 1
    assert "30 November 2026, from 9:00a.m. to 9:16a.m." in page
    # The summary at the top: who, how many times, the first and the last time.
    assert f"<strong>{name}</strong> looked 17 times." in page
    assert "First on 30 November 2026, 9:00a.m.. Last on 30 November 2026, 9:16a.m.." in page


def test_who_looked_is_paged_back_to_the_very_first_view() -> None:
    person = PersonFactory()
    kim = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    first = dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.UTC)
    # One look every 10 minutes by turns of two workers (6 an hour): 3,000 looks.
    lou = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    _views_over_time(person, [kim.user, lou.user], 3000, first)
    client = sign_in(Client(), person.user)
    page_one = _page(client, person)
    # Two workers share each hour: 500 hours, 1,000 lines, 50 a page.
    assert "Page 1 of 20" in page_one
    last = _page(client, person, page=20)
    assert "6 January 2025, from 8:00a.m. to 8:40a.m." in last
    assert "The very first time" not in last


def test_the_same_number_of_queries_on_page_1_and_page_100(
    django_assert_max_num_queries: Any,
) -> None:
    person = PersonFactory()
    workers = [
        StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]).user
        for _ in range(5)
    ]
    _views_over_time(person, workers, 30_000, dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    client = sign_in(Client(), person.user)
    counts = []
    for number in (1, 100):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("people:who-looked", args=[person.pk]), {"page": number})
        assert f"Page {number} of " in response.content.decode()
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(reverse("people:who-looked", args=[person.pk]), {"page": 100})


def test_who_looked_can_be_narrowed_to_one_person_and_one_month() -> None:
    person = PersonFactory()
    kim = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    lou = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    _views_over_time(person, [kim.user], 3, dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC))
    _views_over_time(person, [lou.user], 2, dt.datetime(2026, 11, 5, 9, 0, tzinfo=dt.UTC))
    _views_over_time(person, [kim.user], 1, dt.datetime(2026, 11, 6, 9, 0, tzinfo=dt.UTC))
    client = sign_in(Client(), person.user)
    page = _page(client, person, who=kim.user.pk, month="2026-11")
    assert f"<strong>{kim.user.display_name}</strong> looked 1 time." in page
    assert "Who has looked in November 2026" in page
    assert lou.user.display_name + "</strong> looked" not in page
    assert "5 October 2026" not in page
    assert "6 November 2026, 9:00a.m." in page


def test_a_month_not_in_the_list_gets_a_clear_message_and_filters_nothing() -> None:
    person = PersonFactory()
    kim = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    _views_over_time(person, [kim.user], 2, dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC))
    page = _page(sign_in(Client(), person.user), person, month="1999-13", who="nobody")
    assert "Choose a month from the list." in page
    assert "Choose someone from the list of who has looked." in page
    assert f"<strong>{kim.user.display_name}</strong> looked 2 times." in page


def test_the_person_reads_you_and_your_words() -> None:
    person = PersonFactory()
    page = _page(sign_in(Client(), person.user), person)
    assert "Who has looked at your information" in page
    assert "their record" not in page.lower()
