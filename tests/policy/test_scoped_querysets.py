"""The user-scoped querysets and the rules agree: no list shows someone a single page
would refuse, and no page refuses someone a list shows."""

from __future__ import annotations

import pytest

from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.policy import visible_services
from tests.factories import PersonFactory
from tests.world import ROLES, build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_visible_people_are_exactly_those_the_rule_allows(role: str) -> None:
    world = build_world()
    PersonFactory(service=world.service, council=world.other_council)
    user = world.users[role]
    listed = set(Person.objects.visible_to(user))
    allowed = {p for p in Person.objects.all() if user.has_perm("people.see_record", p)}
    assert listed == allowed


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_visible_services_are_exactly_those_the_rule_allows(role: str) -> None:
    world = build_world()
    user = world.users[role]
    listed = set(visible_services(Service.objects.all(), user))
    allowed = {s for s in Service.objects.all() if user.has_perm("organisations.see_service", s)}
    assert listed == allowed


def test_nobody_signed_out_sees_anyone() -> None:
    from django.contrib.auth.models import AnonymousUser

    build_world()
    assert not Person.objects.visible_to(AnonymousUser()).exists()


def test_a_quality_lead_and_an_org_admin_see_no_personal_record_by_default() -> None:
    world = build_world()
    for role in ("quality_lead", "org_admin"):
        assert not Person.objects.visible_to(world.users[role]).exists()
