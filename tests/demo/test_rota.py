"""The small demo's rota: solved, published at Willow House, and keeping every rule."""

from __future__ import annotations

import pytest

from alongside.demo.load import load_demo
from alongside.people.models import Person
from alongside.rota.checker import breaches_beyond_uncovered
from alongside.rota.models import RotaWeek
from alongside.rota.selectors import problem_for_week, rota_of, shifts_of
from alongside.team.models import TeamChoice

pytestmark = pytest.mark.django_db


def test_the_small_demo_has_a_published_rota_that_honours_josies_choices() -> None:
    load_demo(scale="small", seed=2026, log=lambda _: None)
    josie = Person.objects.get(preferred_name="Josie")
    week = RotaWeek.objects.get(service=josie.service)
    assert week.status == RotaWeek.Status.PUBLISHED
    shifts = list(shifts_of(week))
    problem = problem_for_week(week, shifts)
    flagged = {str(s.pk) for s in shifts if s.uncovered_reason}
    assert breaches_beyond_uncovered(problem, rota_of(shifts), flagged) == []
    not_wanted = TeamChoice.objects.get(person=josie, choice=TeamChoice.Choice.RATHER_NOT)
    assert not week.shifts.filter(people=josie, workers=not_wanted.worker).exists()
    wanted = TeamChoice.objects.get(person=josie, choice=TeamChoice.Choice.RATHER)
    assert week.shifts.filter(people=josie, workers=wanted.worker).exists()
