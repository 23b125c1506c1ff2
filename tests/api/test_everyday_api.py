"""The API's everyday endpoints answer only what the person shares, and never who made an
idea."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from alongside.everyday import services
from alongside.everyday.models import Feeling, SuggestionStatus
from alongside.organisations.models import StaffMember
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import CheckInFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def test_a_worker_reads_the_check_ins_a_person_shares_with_their_team_newest_first() -> None:
    person = PersonFactory()
    worker = StaffMemberFactory(services=[person.service]).user
    CheckInFactory(person=person, on=datetime.date(2026, 11, 20), feeling=Feeling.BAD)
    CheckInFactory(person=person, on=datetime.date(2026, 11, 21), feeling=Feeling.GOOD)
    body = sign_in(Client(), worker).get(reverse("api:person-check-ins", args=[person.pk])).json()
    assert [(c["on"], c["feeling_words"]) for c in body["results"]] == [
        ("2026-11-21", Feeling.GOOD.label),
        ("2026-11-20", Feeling.BAD.label),
    ]


def test_check_ins_the_person_keeps_from_their_team_answer_as_missing() -> None:
    person = PersonFactory()
    person.sharing[Part.TODAY] = [Audience.MANAGER]
    person.save()
    worker = StaffMemberFactory(services=[person.service]).user
    CheckInFactory(person=person, note="Private")
    response = sign_in(Client(), worker).get(reverse("api:person-check-ins", args=[person.pk]))
    assert response.status_code == 404
    assert b"Private" not in response.content


def test_you_said_we_did_shows_what_happened_and_not_who_suggested_it() -> None:
    person = PersonFactory()
    manager = StaffMemberFactory(
        services=[person.service], role=StaffMember.Role.SERVICE_MANAGER
    ).user
    idea = services.make_suggestion(
        service=person.service, suggested_by=person.user, text="A garden", anonymous=False
    )
    services.respond_to_suggestion(
        suggestion=idea,
        status=SuggestionStatus.DOING,
        response="We are building raised beds.",
        responded_by=manager,
        expected_version=idea.version,
    )
    body = (
        sign_in(Client(), person.user)
        .get(reverse("api-you-said-we-did", args=[person.service.pk]))
        .content.decode()
    )
    assert "A garden" in body and "We are building raised beds." in body
    assert person.user.email not in body and person.user.display_name not in body
    assert "suggested_by" not in body


def test_managers_list_only_the_ideas_for_their_own_services() -> None:
    mine, theirs = PersonFactory(), PersonFactory()
    manager = StaffMemberFactory(services=[mine.service], role=StaffMember.Role.SERVICE_MANAGER)
    services.make_suggestion(
        service=mine.service, suggested_by=mine.user, text="Mine", anonymous=True
    )
    services.make_suggestion(
        service=theirs.service, suggested_by=theirs.user, text="Theirs", anonymous=True
    )
    body = sign_in(Client(), manager.user).get(reverse("api:suggestion-list")).json()
    assert [s["text"] for s in body["results"]] == ["Mine"]


def test_the_schema_describes_the_everyday_endpoints() -> None:
    person = PersonFactory()
    schema = sign_in(Client(), person.user).get(reverse("api-schema")).content.decode()
    for path in (
        "/api/people/{id}/check-ins/",
        "/api/services/{service_id}/you-said-we-did/",
        "/api/suggestions/",
    ):
        assert path in schema


def test_options_on_a_person_resource_says_what_it_is_without_looking_a_record_up() -> None:
    person = PersonFactory()
    worker = StaffMemberFactory(services=[person.service]).user
    response = sign_in(Client(), worker).options(reverse("api:about-me", args=[person.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "About Me"
    assert "actions" not in body
