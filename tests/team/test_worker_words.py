"""A support worker writes a few words about themselves; the people they support read them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.team import services
from tests.conftest import SignedInClient
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service() -> dict[str, Any]:
    person = PersonFactory()
    worker = StaffMemberFactory(organisation=person.service.organisation, services=[person.service])
    return {"person": person, "worker": worker}


def test_a_worker_writes_their_words_and_the_person_sees_them_on_my_team(
    service: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    worker = service["worker"]
    client = signed_in_client(worker.user)
    assert (
        reverse("team:worker-words", args=[worker.pk])
        in client.get(reverse("web:worker-home")).content.decode()
    )
    response = client.post(
        reverse("team:worker-words", args=[worker.pk]),
        {"about_me": "I love football\r\nand I speak Polish.", "original": ""},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.about_me == "I love football\nand I speak Polish."
    assert worker.history.first().history_user == worker.user
    person = service["person"]
    page = signed_in_client(person.user).get(reverse("team:my-team", args=[person.pk]))
    assert "I love football" in page.content.decode()


def test_words_longer_than_600_characters_are_refused_and_nothing_changes(
    service: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    worker = service["worker"]
    response = signed_in_client(worker.user).post(
        reverse("team:worker-words", args=[worker.pk]), {"about_me": "a" * 601, "original": ""}
    )
    assert response.status_code == 200
    assert "Write 600 characters or fewer" in response.content.decode()
    worker.refresh_from_db()
    assert worker.about_me == ""


def test_words_changed_since_the_page_was_shown_are_not_overwritten(
    service: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    worker = service["worker"]
    StaffMember.objects.filter(pk=worker.pk).update(about_me="Written by\nthe admin")
    response = signed_in_client(worker.user).post(
        reverse("team:worker-words", args=[worker.pk]),
        {"about_me": "My own words", "original": ""},
    )
    page = response.content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "My own words" in page  # what they typed is kept
    worker.refresh_from_db()
    assert worker.about_me == "Written by\nthe admin"
    # Starting from what is saved now (sent back with CRLF, as browsers do), it saves.
    services.set_worker_words(
        worker=worker, words="Mine", original="Written by\r\nthe admin", changed_by=worker.user
    )
    worker.refresh_from_db()
    assert worker.about_me == "Mine"


def test_a_manager_cannot_write_a_workers_words_for_them(
    service: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    manager = StaffMemberFactory(
        organisation=service["person"].service.organisation,
        services=[service["person"].service],
        role=StaffMember.Role.SERVICE_MANAGER,
    )
    response = signed_in_client(manager.user).post(
        reverse("team:worker-words", args=[service["worker"].pk]),
        {"about_me": "Not theirs", "original": ""},
    )
    assert response.status_code == 404
    service["worker"].refresh_from_db()
    assert service["worker"].about_me == ""
