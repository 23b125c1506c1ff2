"""Who may give the person personal care: set by the person or their manager, kept by the
solver and the checker, and said when it decides."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from alongside.audit.models import RecordChange
from alongside.rota import services
from alongside.rota.models import PersonalCare, SupportNeed, WorkerTerms
from alongside.rota.problem import HardRule
from alongside.rota.selectors import problem_for_week, rota_of, shifts_of
from tests.conftest import SignedInClient

from .test_rota_in_the_service import MONDAY, service_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _women_and_men(w: dict[str, Any]) -> None:
    WorkerTerms.objects.create(worker=w["kim"], gender="woman")
    WorkerTerms.objects.create(worker=w["sam"], gender="man")
    WorkerTerms.objects.create(worker=w["lee"], gender="man")


def test_the_person_says_only_women_and_every_personal_care_session_is_with_a_woman(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    w = service_world
    josie = w["josie"]
    _women_and_men(w)
    for day in range(3):
        SupportNeed.objects.create(
            person=josie,
            day=day,
            starts=datetime.time(7),
            ends=datetime.time(9),
            personal_care=True,
        )
        SupportNeed.objects.create(
            person=josie, day=day, starts=datetime.time(13), ends=datetime.time(15)
        )
    client = signed_in_client(josie.user)
    url = reverse("rota:personal-care", args=[josie.pk])

    page = client.get(url)
    assert "Who may give me personal care" in page.content.decode()
    response = client.post(url, {"by": "women"})

    assert response.status_code == 302
    assert PersonalCare.objects.get(person=josie).by == "women"
    assert RecordChange.objects.filter(person=josie, action="personal_care_changed").exists()
    week = services.solve_week(
        service=josie.service, monday=MONDAY, solved_by=None, deterministic_time=1
    )
    care = [s for s in week.shifts.all() if s.personal_care]
    assert len(care) == 3
    assert all([x.pk for x in s.workers.all()] == [w["kim"].pk] for s in care)
    assert "only women" in client.get(url).content.decode()


def test_naming_no_worker_for_named_only_is_refused_in_plain_words_and_changes_nothing(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    josie = service_world["josie"]
    client = signed_in_client(josie.user)

    response = client.post(reverse("rota:personal-care", args=[josie.pk]), {"by": "named"})

    assert response.status_code == 200
    assert "Name at least one worker who may give you personal care" in response.content.decode()
    assert not PersonalCare.objects.filter(person=josie).exists()


def test_the_manager_names_the_workers_with_the_person_and_a_hand_edit_cannot_break_it(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    w = service_world
    josie = w["josie"]
    SupportNeed.objects.create(
        person=josie, day=0, starts=datetime.time(7), ends=datetime.time(9), personal_care=True
    )
    client = signed_in_client(w["manager"].user)

    client.post(
        reverse("rota:personal-care", args=[josie.pk]), {"by": "named", "workers": [w["lee"].pk]}
    )
    week = services.solve_week(
        service=josie.service, monday=MONDAY, solved_by=None, deterministic_time=1
    )

    shift = week.shifts.get()
    assert [x.pk for x in shift.workers.all()] == [w["lee"].pk]
    with pytest.raises(services.RotaRuleBroken) as refused:
        services.change_shift_workers(shift=shift, workers=[w["sam"]], changed_by=w["manager"].user)
    assert refused.value.breaches[0].rule == HardRule.PERSONAL_CARE
    assert "Sam may give them personal care" in str(refused.value)
    assert [x.pk for x in shift.workers.all()] == [w["lee"].pk]


def test_a_personal_care_session_only_a_man_could_cover_stays_uncovered_with_the_reason(
    service_world: dict[str, Any],  # noqa: F811
) -> None:
    w = service_world
    josie = w["josie"]
    WorkerTerms.objects.create(worker=w["sam"], gender="man")
    SupportNeed.objects.create(
        person=josie, day=0, starts=datetime.time(7), ends=datetime.time(9), personal_care=True
    )
    PersonalCare.objects.create(person=josie, by="women")

    week = services.solve_week(
        service=josie.service, monday=MONDAY, solved_by=None, deterministic_time=1
    )

    shift = week.shifts.get()
    assert shift.workers.count() == 0
    assert "personal care" in shift.uncovered_reason
    problem = problem_for_week(week, list(shifts_of(week)))
    assert problem.choices_of(str(josie.pk)).personal_care_by == frozenset()
    assert rota_of(list(shifts_of(week))) == {str(shift.pk): ()}
