"""Coverage counted on a small example built by hand."""

from __future__ import annotations

import datetime

import pytest

from alongside.organisations.models import Organisation, Region, Service
from alongside.quality.models import Answer, Face, QualityAction
from alongside.quality.selectors import coverage_summary, services_with_coverage
from tests.factories import (
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    QualityCheckFactory,
    RegionFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


# The provider, and its services by what the example makes of them.
Example = tuple[Organisation, dict[str, Service]]


@pytest.fixture
def example() -> Example:
    """North: lives (checker living there), assigned (a checker assigned), untrained.
    South: stopped (their checker stopped), none. Another provider's service is not counted."""
    provider = ProviderFactory()
    north = RegionFactory(organisation=provider, name="North")
    south = RegionFactory(organisation=provider, name="South")

    def service(name: str, region: Region) -> Service:
        return ServiceFactory(organisation=provider, region=region, name=name)

    s = {
        "lives": service("Lives", north),
        "assigned": service("Assigned", north),
        "untrained": service("Untrained", north),
        "stopped": service("Stopped", south),
        "none": service("None", south),
    }
    lives = QualityCheckerFactory(
        person=PersonFactory(service=s["lives"]), trained_on=datetime.date(2026, 4, 10)
    )
    elsewhere = QualityCheckerFactory(
        person=PersonFactory(service=s["lives"]), trained_on=datetime.date(2026, 5, 20)
    )
    elsewhere.other_services.set([s["assigned"]])
    QualityCheckerFactory(person=PersonFactory(service=s["untrained"]), trained_on=None)
    QualityCheckerFactory(person=PersonFactory(service=s["stopped"]), is_active=False)
    QualityCheckerFactory(person=PersonFactory())  # another provider
    # Two checks of "lives"; the later one has one open and one closed action.
    QualityCheckFactory(
        checker=lives, service=s["lives"], status="done", done_on=datetime.date(2026, 4, 20)
    )
    later = QualityCheckFactory(
        checker=lives, service=s["lives"], status="done", done_on=datetime.date(2026, 5, 30)
    )
    statements = list(later.checklist.statements.all())
    for statement, status in zip(statements, ["open", "closed"], strict=False):
        answer = Answer.objects.create(quality_check=later, statement=statement, face=Face.NOT_GOOD)
        QualityAction.objects.create(answer=answer, service=s["lives"], due_on=TODAY, status=status)
    return provider, s


def test_coverage_counts_services_with_a_trained_active_checker_living_there_or_assigned(
    example: Example,
) -> None:
    provider, _ = example
    summary = coverage_summary(services=Service.objects.filter(organisation=provider), today=TODAY)
    assert summary.services == 5
    assert summary.covered == 2
    assert summary.percent == 40
    assert summary.open_actions == 1
    assert [(r.name, r.services, r.covered) for r in summary.regions] == [
        ("North", 3, 2),
        ("South", 2, 0),
    ]


def test_the_roll_out_counts_each_service_from_the_month_its_first_checker_was_trained(
    example: Example,
) -> None:
    provider, _ = example
    summary = coverage_summary(
        services=Service.objects.filter(organisation=provider), today=TODAY, months=4
    )
    assert [(m.month, m.covered) for m in summary.roll_out] == [
        (datetime.date(2026, 3, 1), 0),
        (datetime.date(2026, 4, 1), 1),
        (datetime.date(2026, 5, 1), 2),
        (datetime.date(2026, 6, 1), 2),
    ]


def test_each_service_shows_its_checker_last_check_and_open_actions(
    example: Example,
) -> None:
    provider, _ = example
    rows = {
        r.name: (r.has_checker, r.last_checked, r.open_action_count)
        for r in services_with_coverage(services=Service.objects.filter(organisation=provider))
    }
    assert rows == {
        "Lives": (True, datetime.date(2026, 5, 30), 1),
        "Assigned": (True, None, 0),
        "Untrained": (False, None, 0),
        "Stopped": (False, None, 0),
        "None": (False, None, 0),
    }
