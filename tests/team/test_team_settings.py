"""An organisation admin sets how many days its services have to answer a request."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.team import services
from alongside.team.models import TeamSettings
from tests.conftest import SignedInClient
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def org() -> dict[str, Any]:
    person = PersonFactory()
    organisation = person.service.organisation

    def admin() -> StaffMember:
        return StaffMemberFactory(organisation=organisation, role=StaffMember.Role.ORG_ADMIN)

    return {
        "person": person,
        "worker": StaffMemberFactory(organisation=organisation, services=[person.service]),
        "ana": admin(),
        "ben": admin(),
    }


def _ask(org: dict[str, Any]) -> datetime.date:
    return services.ask_for_change(
        person=org["person"],
        worker=org["worker"],
        my_words="",
        asked_by=org["person"].user,
        today=TODAY,
    ).deadline


@pytest.mark.parametrize(("days", "within"), [(1, "1 day"), (10, "10 days")])
def test_asking_for_a_change_promises_an_answer_within_the_days_the_admin_set(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
    days: int,
    within: str,
) -> None:
    services.set_change_request_days(
        organisation=org["person"].service.organisation,
        days=days,
        expected_version=1,
        changed_by=org["ana"].user,
    )
    page = signed_in_client(org["person"].user).get(
        reverse("team:ask-for-change", args=[org["person"].pk])
    )
    body = page.content.decode()
    assert f"Your service manager will answer within {within}." in body
    assert "2 weeks" not in body


def test_new_requests_get_the_days_the_admin_saved_and_earlier_ones_keep_theirs(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    before = _ask(org)
    client = signed_in_client(org["ana"].user)
    assert reverse("team:settings") in client.get(reverse("web:admin-home")).content.decode()
    assert 'value="14"' in client.get(reverse("team:settings")).content.decode()
    response = client.post(reverse("team:settings"), {"days": "7", "version": "1"})
    assert response.status_code == 302
    assert before == TODAY + datetime.timedelta(days=14)
    assert _ask(org) == TODAY + datetime.timedelta(days=7)
    assert TeamSettings.objects.get().history.first().history_user == org["ana"].user


@pytest.mark.parametrize("typed", ["", "0", "91", "a week", "3.5"])
def test_days_that_are_not_1_to_90_are_refused_in_plain_words_and_nothing_changes(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
    typed: str,
) -> None:
    client = signed_in_client(org["ana"].user)
    response = client.post(reverse("team:settings"), {"days": typed, "version": "1"})
    assert response.status_code == 200
    assert "Enter a number of days from 1 to 90" in response.content.decode()
    assert not TeamSettings.objects.exists()


def test_a_second_admin_saving_an_old_page_is_told_and_nothing_is_overwritten(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    signed_in_client(org["ana"].user).post(reverse("team:settings"), {"days": "7", "version": "1"})
    response = signed_in_client(org["ben"].user).post(
        reverse("team:settings"), {"days": "21", "version": "1"}
    )
    page = response.content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "7 days" in page
    assert 'value="21"' in page
    assert TeamSettings.objects.get().change_request_days == 7


def test_a_service_manager_may_not_change_the_days(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    manager = StaffMemberFactory(
        organisation=org["person"].service.organisation,
        services=[org["person"].service],
        role=StaffMember.Role.SERVICE_MANAGER,
    )
    response = signed_in_client(manager.user).post(
        reverse("team:settings"), {"days": "7", "version": "1"}
    )
    assert response.status_code == 403
    assert not TeamSettings.objects.exists()
