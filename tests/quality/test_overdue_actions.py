"""Actions from checks past their date are marked overdue to the manager and the quality
lead, asked of the database."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.organisations.models import StaffMember
from alongside.policy import visible_quality_actions
from alongside.quality.models import Answer, Face, QualityAction
from alongside.quality.selectors import overdue_quality_actions
from tests.factories import (
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    QualityCheckFactory,
    RegionFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


def _action(service: Any, *, due_on: datetime.date, status: str = "open") -> QualityAction:
    check = QualityCheckFactory(
        checker=QualityCheckerFactory(person=PersonFactory(service=service)),
        service=service,
        status="done",
        done_on=due_on - datetime.timedelta(days=30),
    )
    statement = check.checklist.statements.first()
    assert statement is not None
    answer = Answer.objects.create(quality_check=check, statement=statement, face=Face.NOT_GOOD)
    return QualityAction.objects.create(
        answer=answer, service=service, due_on=due_on, status=status
    )


@pytest.fixture
def org() -> dict[str, Any]:
    provider = ProviderFactory()
    home = ServiceFactory(organisation=provider, region=RegionFactory(organisation=provider))
    today = timezone.localdate()
    late = _action(home, due_on=today - datetime.timedelta(days=1))
    _action(home, due_on=today)  # due today: not late yet
    _action(home, due_on=today - datetime.timedelta(days=9), status="answered")  # answered
    return {
        "late": late,
        "manager": StaffMemberFactory(
            organisation=provider, role=StaffMember.Role.SERVICE_MANAGER, services=[home]
        ).user,
        "lead": StaffMemberFactory(organisation=provider, role=StaffMember.Role.QUALITY_LEAD).user,
    }


def test_only_open_actions_past_their_date_are_overdue(org: dict[str, Any]) -> None:
    overdue = overdue_quality_actions(
        visible_quality_actions(QualityAction.objects.all(), org["lead"])
    )
    assert list(overdue) == [org["late"]]
    assert "WHERE" in str(overdue.query) and "due_on" in str(overdue.query)


@pytest.mark.parametrize("role", ["manager", "lead"])
def test_the_manager_and_quality_lead_see_overdue_actions_marked_and_counted(
    org: dict[str, Any], signed_in_client: Any, role: str
) -> None:
    client = signed_in_client(org[role])
    home = client.get(reverse("web:home"), follow=True).content.decode()
    assert "1 action from checks is overdue" in home
    listed = client.get(reverse("quality:actions")).content.decode()
    assert listed.count(">Overdue</strong>") == 1
    only = client.get(reverse("quality:actions"), {"show": "overdue"}).content.decode()
    rows = re.findall(r'<tr class="govuk-table__row">', only)
    assert len(rows) == 2  # the header and the one overdue action
    assert org["late"].answer.statement.text in only
