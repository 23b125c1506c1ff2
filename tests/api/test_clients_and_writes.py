"""Integration clients with their own tokens, and check-ins written over the API without
lost updates (If-Match)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.api.models import ApiClient
from alongside.api.services import create_client, revoke_client
from alongside.api.throttling import PerClientThrottle
from alongside.audit.models import RecordChange
from alongside.everyday.models import CheckIn, Feeling
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import CheckInFactory, StaffMemberFactory
from tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> World:
    cache.clear()  # the throttle's counts
    return build_world()


def _token(world: World, role: str = "worker_in_service", scope: str = "read_write") -> str:
    _, token = create_client(
        organisation=world.provider,
        name="Rota app",
        acts_as=world.users[role],
        scope=scope,
        days=30,
        created_by=world.users["org_admin"],
    )
    return token


def _with(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _today_url(world: World) -> str:
    return reverse(
        "api:person-check-in",
        kwargs={"pk": world.person.pk, "on": timezone.localdate().isoformat()},
    )


def _put(client: Client, url: str, body: dict[str, Any], **headers: str) -> Any:
    return client.put(url, body, content_type="application/json", headers=headers)


def test_a_client_token_reads_as_the_account_it_acts_as(world: World) -> None:
    token = _token(world)
    answer = _with(token).get(reverse("api:person-list")).json()
    assert [p["id"] for p in answer["results"]] == [world.person.pk]
    client = ApiClient.objects.get()
    assert client.token_hash != token and token.startswith(client.token_start)


def test_a_revoked_token_is_refused_at_once_with_the_reason(world: World) -> None:
    token = _token(world)
    revoke_client(client=ApiClient.objects.get(), revoked_by=world.users["org_admin"])
    response = _with(token).get(reverse("api:person-list"))
    assert response.status_code == 403  # refused, with the reason (ADR 0062)
    assert response.json()["detail"] == (
        "This client's token was revoked. Ask your organisation admin for a new one."
    )


def test_an_expired_token_is_refused(world: World, clock: Any) -> None:
    token = _token(world)
    clock.shift(datetime.timedelta(days=31))
    response = _with(token).get(reverse("api:person-list"))
    assert response.status_code == 403  # refused, with the reason (ADR 0062)
    assert "has expired" in response.json()["detail"]


def test_an_unknown_token_is_refused(world: World) -> None:
    response = _with("not-a-token").get(reverse("api:person-list"))
    assert response.status_code == 403  # refused, with the reason (ADR 0062)
    assert response.json()["detail"] == "This token is not one we know."


def test_a_read_only_token_may_not_write_and_nothing_changes(world: World) -> None:
    token = _token(world, scope="read")
    response = _put(_with(token), _today_url(world), {"feeling": 2}, **{"If-None-Match": "*"})
    assert response.status_code == 403
    assert "may only read" in response.json()["detail"]
    assert not CheckIn.objects.exists()


def test_each_client_is_throttled_on_its_own(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(PerClientThrottle, "rate", "2/minute", raising=False)
    first, second = _token(world), _token(world, role="service_manager")
    url = reverse("api:person-list")
    assert [_with(first).get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert _with(second).get(url).status_code == 200  # another client's allowance


def test_a_check_in_is_recorded_then_changed_with_its_etag_and_logged(world: World) -> None:
    client = _with(_token(world))
    url = _today_url(world)

    made = _put(client, url, {"feeling": Feeling.LOW, "note": "Tired."}, **{"If-None-Match": "*"})

    assert made.status_code == 200, made.content
    assert made["ETag"] == '"1"'
    assert made.json()["note"] == "Tired."
    check_in = CheckIn.objects.get(person=world.person)
    assert (check_in.feeling, check_in.recorded_by) == (
        Feeling.LOW,
        world.users["worker_in_service"],
    )
    changed = _put(client, url, {"feeling": Feeling.GOOD}, **{"If-Match": made["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] == '"2"'
    assert client.get(url).json()["feeling_words"] == "I feel good"
    summaries = list(
        RecordChange.objects.filter(person=world.person, action="check_in").values_list(
            "summary", flat=True
        )
    )
    assert sorted(summaries) == [
        "Changed how you are today (with support)",
        "Said how you are today (with support)",
    ]


def test_a_write_without_if_match_is_428_and_a_stale_one_412_and_nothing_changes(
    world: World,
) -> None:
    CheckInFactory(person=world.person, feeling=Feeling.OK, note="Before")
    client = _with(_token(world))
    url = _today_url(world)

    without = _put(client, url, {"feeling": Feeling.BAD})
    stale = _put(client, url, {"feeling": Feeling.BAD}, **{"If-Match": '"7"'})
    again = _put(client, url, {"feeling": Feeling.BAD}, **{"If-None-Match": "*"})

    assert without.status_code == 428
    assert "Send If-Match" in without.json()["detail"]
    assert stale.status_code == 412
    assert stale.json()["detail"] == (
        "Someone changed this since you read it. Read it again, then try again."
    )
    assert again.status_code == 412
    check_in = CheckIn.objects.get(person=world.person)
    assert (check_in.feeling, check_in.note, check_in.version) == (Feeling.OK, "Before", 1)
    assert not RecordChange.objects.filter(person=world.person, action="check_in").exists()


def test_bad_check_in_input_says_what_to_change_and_saves_nothing(world: World) -> None:
    client = _with(_token(world))
    response = _put(client, _today_url(world), {"feeling": 9}, **{"If-None-Match": "*"})
    assert response.status_code == 400, response.content
    assert response.json() == {"feeling": ["Choose how the person feels: a number from 1 to 5."]}
    assert not CheckIn.objects.exists()


def test_only_those_the_policy_lets_check_in_may_write_one(world: World) -> None:
    # The manager sees how the person is, but checking in is the person's or their team's.
    manager = _with(_token(world, role="service_manager"))
    response = _put(manager, _today_url(world), {"feeling": 3}, **{"If-None-Match": "*"})
    assert response.status_code == 403
    # A worker at the service whose team the person no longer shares today with: missing.
    world.person.sharing[Part.TODAY] = [Audience.MANAGER]
    world.person.save()
    worker = _with(_token(world))
    response = _put(worker, _today_url(world), {"feeling": 3}, **{"If-None-Match": "*"})
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_the_person_records_their_own_check_in_through_a_browser_session(world: World) -> None:
    client = sign_in(Client(), world.person.user)
    response = _put(client, _today_url(world), {"feeling": 5}, **{"If-None-Match": "*"})
    assert response.status_code == 200
    assert CheckIn.objects.get().with_support is False


def test_the_org_admin_makes_a_client_sees_its_token_once_and_revokes_it(world: World) -> None:
    admin = sign_in(Client(), world.users["org_admin"])
    worker = world.users["worker_in_service"]
    page = admin.post(
        reverse("api-clients"),
        {"name": "Council system", "acts_as": worker.pk, "scope": "read", "days": 90},
    )
    token = page.context["token"]
    assert token in page.content.decode()
    assert token not in admin.get(reverse("api-clients")).content.decode()  # once only
    client = ApiClient.objects.get()
    assert (client.acts_as, client.scope) == (worker, "read")
    assert client.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    admin.post(reverse("api-client-revoke", kwargs={"client_id": client.pk}))
    assert _with(token).get(reverse("api:person-list")).status_code == 403


def test_a_client_may_act_only_as_staff_of_the_admins_organisation(world: World) -> None:
    admin = sign_in(Client(), world.users["org_admin"])
    elsewhere = StaffMemberFactory().user
    page = admin.post(
        reverse("api-clients"),
        {"name": "Sneaky", "acts_as": elsewhere.pk, "scope": "read_write", "days": 90},
    )
    assert page.context["form"].errors["acts_as"] == ["Choose someone from the list"]
    assert not ApiClient.objects.exists()
