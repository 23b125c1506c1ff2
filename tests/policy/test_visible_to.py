"""Every scoped model answers `Model.objects.visible_to(user)` from the policy's scope, and
`get_visible_or_404` is the one fetch-and-authorise call: missing and hidden alike are 404."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.http import Http404

from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.policy import visible_people, visible_services
from alongside.visibility import VisibleQuerySet, get_visible_or_404, scope_for
from tests.world import ROLES, build_world

pytestmark = pytest.mark.django_db


def test_every_model_with_a_visible_queryset_has_a_scope_in_the_policy() -> None:
    scoped = [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), VisibleQuerySet)
    ]
    assert {m._meta.label for m in scoped} >= {"people.Person", "organisations.Service"}
    for model in scoped:
        assert callable(scope_for(model)), model._meta.label


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_visible_to_lists_exactly_what_the_named_scope_lists(role: str) -> None:
    world = build_world()
    user = world.users[role]
    assert set(Person.objects.visible_to(user)) == set(visible_people(Person.objects.all(), user))
    assert set(Service.objects.visible_to(user)) == set(
        visible_services(Service.objects.all(), user)
    )


def test_a_person_the_user_may_see_is_fetched() -> None:
    world = build_world()
    found = get_visible_or_404(Person.objects.all(), world.users["person"], pk=world.person.pk)
    assert found == world.person


def test_a_hidden_person_and_a_missing_one_both_answer_not_found() -> None:
    world = build_world()
    user = world.users["person"]
    with pytest.raises(Http404):
        get_visible_or_404(Person.objects.all(), user, pk=world.other_person.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Person.objects.all(), user, pk=world.other_person.pk + 1000)


def test_a_value_that_is_not_an_id_answers_not_found() -> None:
    world = build_world()
    with pytest.raises(Http404):
        get_visible_or_404(Person.objects.all(), world.users["person"], pk="not-a-number")
