"""What each role sees of one person's record follows the person's sharing choices."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.people.sharing import Part, supporter_audience
from tests.conftest import sign_in
from tests.world import World, build_world

pytestmark = pytest.mark.django_db

WORDS = "Swimming on Saturdays."
CAN_OPEN = [
    "person",
    "supporter_with_scope",
    "supporter_without_scope",
    "worker_in_service",
    "service_manager",
    "council_worker",
]


def _sees_about_me(world: World, role: str) -> bool:
    client = sign_in(Client(), world.users[role])
    response = client.get(reverse("people:record", args=[world.person.pk]))
    assert response.status_code == 200
    return WORDS in response.content.decode()


def test_with_the_starting_choices_only_a_supporter_without_the_scope_misses_about_me() -> None:
    world = build_world()
    seen = {role: _sees_about_me(world, role) for role in CAN_OPEN}
    assert seen == {
        "person": True,
        "supporter_with_scope": True,
        "supporter_without_scope": False,
        "worker_in_service": True,
        "service_manager": True,
        "council_worker": True,
    }


def test_sharing_with_nobody_at_work_leaves_only_the_person_and_the_supporter_named() -> None:
    world = build_world()
    named = supporter_audience(world.supporter_with_scope.pk)
    world.person.sharing = {part: [named] for part in Part.values}
    world.person.save()
    seen = {role: _sees_about_me(world, role) for role in CAN_OPEN}
    assert seen == {
        "person": True,
        "supporter_with_scope": True,
        "supporter_without_scope": False,
        "worker_in_service": False,
        "service_manager": False,
        "council_worker": False,
    }
