"""The large demo's rota loader, run at a tiny scale: patterns, hours, then every rota solved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from alongside.demo.organisations import LARGE_PROVIDER
from alongside.demo.rota import load_large
from alongside.organisations.models import StaffMember
from alongside.rota.checker import breaches_beyond_uncovered
from alongside.rota.models import RotaWeek, SupportNeed, WorkerTerms
from alongside.rota.selectors import problem_for_week, rota_of, shifts_of
from tests.factories import PersonFactory, ProviderFactory, ServiceFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_large_demo() -> list[StaffMember]:
    provider = ProviderFactory(name=LARGE_PROVIDER)
    workers = []
    for _ in range(2):
        service = ServiceFactory(organisation=provider)
        for _ in range(3):
            PersonFactory(service=service, what_matters="")
        for hours in ("24", "30", "37.5", "37.5", "40", "40"):
            workers.append(
                StaffMemberFactory(
                    organisation=provider, services=[service], contracted_hours=Decimal(hours)
                )
            )
    return workers


def test_the_large_demo_loader_gives_patterns_that_solve_to_rotas_the_checker_passes(
    tiny_large_demo: list[StaffMember],
) -> None:
    said: list[str] = []
    load_large(7, said.append)
    # 3 people x (7 days + 2 evenings) + 7 shared sleep-ins, in each of the 2 services.
    assert SupportNeed.objects.count() == 2 * (3 * 9 + 7)
    sleep_in = SupportNeed.objects.filter(kind="sleep_in").first()
    assert sleep_in is not None and sleep_in.shared_with.count() == 2
    assert WorkerTerms.objects.count() == len(tiny_large_demo)
    assert said == ["68 support sessions a week in the large demo's patterns"]

    call_command("solve_rotas", week="2026-W48", processes=1, time_limit=2)
    weeks = list(RotaWeek.objects.all())
    assert len(weeks) == 2
    for week in weeks:
        shifts = list(shifts_of(week))
        assert len(shifts) == 3 * 9 + 7
        flagged = {str(s.pk) for s in shifts if s.uncovered_reason}
        problem = problem_for_week(week, shifts)
        assert breaches_beyond_uncovered(problem, rota_of(shifts), flagged) == []
        assert len(flagged) < len(shifts)


def test_loading_the_large_demo_twice_adds_nothing_the_second_time(
    tiny_large_demo: list[StaffMember],
) -> None:
    load_large(7, lambda _: None)
    said: list[str] = []
    load_large(7, said.append)
    assert SupportNeed.objects.count() == 2 * (3 * 9 + 7)
    assert WorkerTerms.objects.count() == len(tiny_large_demo)
    assert said == ["The large demo's support patterns are already loaded."]
