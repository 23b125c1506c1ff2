from __future__ import annotations

import pytest
from django.test import Client
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
