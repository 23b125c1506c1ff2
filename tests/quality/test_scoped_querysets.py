"""The quality querysets and rules agree: no list shows a check, action or checker that
its page would refuse, and the other way round."""

from __future__ import annotations

import pytest

from alongside.policy import (
    visible_quality_actions,
    visible_quality_checkers,
    visible_quality_checks,
)
from alongside.quality.models import Answer, Face, QualityAction, QualityCheck, QualityChecker
from tests.factories import (
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    QualityCheckFactory,
    ServiceFactory,
)
from tests.world import ROLES, World, build_world

pytestmark = pytest.mark.django_db


def _checks_everywhere(world: World) -> None:
    """A check by person A at their home, one by the other person at theirs, and one at
    another provider's service; each with a "not good" action."""
    elsewhere = ServiceFactory(organisation=ProviderFactory())
    for person, service in [
        (world.person, world.service),
        (world.other_person, world.other_service),
        (PersonFactory(service=elsewhere), elsewhere),
    ]:
        check = QualityCheckFactory(
            checker=QualityCheckerFactory(person=person),
            service=service,
            status="done",
            done_on="2026-05-01",
        )
        statement = check.checklist.statements.first()
        assert statement is not None
        answer = Answer.objects.create(quality_check=check, statement=statement, face=Face.NOT_GOOD)
        QualityAction.objects.create(answer=answer, service=service, due_on="2026-06-01")


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_visible_checks_are_exactly_those_the_rule_allows(role: str) -> None:
    world = build_world()
    _checks_everywhere(world)
    user = world.users[role]
    listed = set(visible_quality_checks(QualityCheck.objects.all(), user))
    allowed = {c for c in QualityCheck.objects.all() if user.has_perm("quality.see_check", c)}
    assert listed == allowed


@pytest.mark.parametrize("role", ["service_manager", "quality_lead"])
def test_actions_listed_are_those_of_services_the_user_may_see_checks_of(role: str) -> None:
    world = build_world()
    _checks_everywhere(world)
    user = world.users[role]
    listed = set(visible_quality_actions(QualityAction.objects.all(), user))
    allowed = {
        a
        for a in QualityAction.objects.select_related("answer__quality_check")
        if user.has_perm("quality.see_check", a.answer.quality_check)
    }
    assert listed == allowed and listed


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_visible_checkers_are_exactly_those_the_rule_allows(role: str) -> None:
    world = build_world()
    _checks_everywhere(world)
    user = world.users[role]
    listed = set(visible_quality_checkers(QualityChecker.objects.all(), user))
    allowed = {
        c for c in QualityChecker.objects.all() if user.has_perm("quality.manage_checker", c)
    }
    assert listed == allowed
