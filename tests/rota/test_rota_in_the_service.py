"""The rota with the database: solving a week from the patterns, hand edits, the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from alongside.organisations.models import Skill, StaffMember
from alongside.rota import services
from alongside.rota.models import (
    Absence,
    PersonalCare,
    RotaShift,
    RotaWeek,
    SupportNeed,
    WorkerTerms,
)
from alongside.rota.problem import HardRule
from alongside.team.models import TeamChoice
from tests.conftest import SignedInClient
from tests.factories import (
    PersonFactory,
    RotaShiftFactory,
    RotaWeekFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)


def _at(day: int, hour: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(MONDAY + datetime.timedelta(days=day), datetime.time(hour))
    )


@pytest.fixture
def service_world() -> dict[str, Any]:
    josie = PersonFactory(preferred_name="Josie")
    ann = PersonFactory(preferred_name="Ann", service=josie.service, council=josie.council)
    org = josie.service.organisation

    def worker(name: str) -> StaffMember:
        w = StaffMemberFactory(organisation=org, services=[josie.service])
        w.user.display_name = name
        w.user.save()
        return w

    manager = StaffMemberFactory(
        organisation=org, services=[josie.service], role=StaffMember.Role.SERVICE_MANAGER
    )
    return {
        "josie": josie,
        "ann": ann,
        "sam": worker("Sam"),
        "kim": worker("Kim"),
        "lee": worker("Lee"),
        "manager": manager,
    }


def test_a_week_solved_from_the_patterns_honours_the_persons_choices(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    w = service_world
    josie = w["josie"]
    for day in range(7):
        SupportNeed.objects.create(
            person=josie, day=day, starts=datetime.time(10), ends=datetime.time(14)
        )
    WorkerTerms.objects.create(worker=w["sam"], min_hours=0, max_hours=Decimal("16"))
    Absence.objects.create(worker=w["sam"], first_day=MONDAY, last_day=MONDAY, reason="leave")
    TeamChoice.objects.create(person=josie, worker=w["sam"], choice=TeamChoice.Choice.RATHER)
    TeamChoice.objects.create(person=josie, worker=w["kim"], choice=TeamChoice.Choice.RATHER_NOT)
    week = services.solve_week(
        service=josie.service, monday=MONDAY, solved_by=w["manager"].user, deterministic_time=5
    )
    on_shifts = [list(s.workers.all()) for s in week.shifts.all()]
    assert all(w["kim"] not in workers for workers in on_shifts)
    # Sam is on leave on Monday and has 16 hours: four of the six other days.
    assert sum(w["sam"] in workers for workers in on_shifts) == 4
    assert all(len(workers) == 1 for workers in on_shifts)

    services.publish_week(week=week, published_by=w["manager"].user)
    page = signed_in_client(josie.user).get(
        reverse("rota:person-week", args=[josie.pk]) + "?week=2026-W48"
    )
    body = " ".join(page.content.decode().split())
    # Josie reads it as "you", in hours and times, not a share "out of every 100".
    assert "<strong>Sam</strong> is with you 4 times this week." in body
    assert "You are with workers you chose for 16 of your 28 hours this week." in body
    assert "On leave: 1 time" in body and "Hours used up this week: 2 times" in body
    assert "out of every" not in body and "(1)" not in body and "(2)" not in body


def _edit_setup(w: dict[str, Any]) -> tuple[RotaShift, RotaShift]:
    week = RotaWeekFactory(service=w["josie"].service, monday=MONDAY)
    morning = RotaShiftFactory(week=week, starts=_at(0, 9), ends=_at(0, 13), people=[w["josie"]])
    morning.workers.set([w["sam"]])
    evening = RotaShiftFactory(week=week, starts=_at(0, 20), ends=_at(0, 23), people=[w["ann"]])
    evening.workers.set([w["lee"]])
    return morning, evening


def _break(rule: HardRule, w: dict[str, Any]) -> tuple[RotaShift, list[StaffMember]]:
    morning, evening = _edit_setup(w)
    if rule == HardRule.COVERED:
        return morning, []
    if rule == HardRule.SKILLS:
        morning.skills = ["Driver"]
        morning.save()
        return morning, [w["kim"]]  # Kim does not drive
    if rule == HardRule.AVAILABLE:
        Absence.objects.create(worker=w["kim"], first_day=MONDAY, last_day=MONDAY)
        return morning, [w["kim"]]
    if rule == HardRule.ONE_PLACE:
        overlapping = RotaShiftFactory(
            week=morning.week, starts=_at(0, 10), ends=_at(0, 12), people=[w["ann"]]
        )
        overlapping.workers.set([w["kim"]])
        return overlapping, [w["sam"]]
    if rule == HardRule.NOT_WANTED:
        TeamChoice.objects.create(
            person=w["josie"], worker=w["kim"], choice=TeamChoice.Choice.RATHER_NOT
        )
        return morning, [w["kim"]]
    if rule == HardRule.REST:
        return evening, [w["sam"]]  # Sam works 9 to 13; 20 to 23 leaves 7 hours rest
    if rule == HardRule.WEEKLY_HOURS:
        WorkerTerms.objects.create(worker=w["sam"], max_hours=Decimal("5"))
        later = RotaShiftFactory(
            week=morning.week, starts=_at(2, 9), ends=_at(2, 13), people=[w["josie"]]
        )
        return later, [w["sam"]]
    if rule == HardRule.PERSONAL_CARE:
        morning.personal_care = True
        morning.save()
        PersonalCare.objects.create(person=w["josie"], by=PersonalCare.By.WOMEN)
        return morning, [w["kim"]]  # Kim's gender is not recorded: not a woman on file
    raise AssertionError(rule)


@pytest.mark.parametrize("rule", list(HardRule))
def test_a_hand_edit_that_breaks_a_hard_rule_is_refused_naming_the_rule(
    rule: HardRule, service_world: dict[str, Any]
) -> None:
    shift, workers = _break(rule, service_world)
    before = set(shift.workers.all())
    with pytest.raises(services.RotaRuleBroken) as refused:
        services.change_shift_workers(
            shift=shift, workers=workers, changed_by=service_world["manager"].user
        )
    assert refused.value.breaches[0].rule == rule
    assert refused.value.breaches[0].rule_words in str(refused.value)
    assert set(shift.workers.all()) == before


def test_a_hand_edit_that_keeps_the_rules_is_saved(service_world: dict[str, Any]) -> None:
    morning, _ = _edit_setup(service_world)
    services.change_shift_workers(
        shift=morning, workers=[service_world["kim"]], changed_by=service_world["manager"].user
    )
    assert list(morning.workers.all()) == [service_world["kim"]]


def test_the_manager_is_told_the_rule_on_the_page_when_an_edit_is_refused(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    shift, workers = _break(HardRule.NOT_WANTED, service_world)
    client = signed_in_client(service_world["manager"].user)
    response = client.post(
        reverse("rota:shift", args=[shift.pk]), {"workers": [str(x.pk) for x in workers]}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Error:" in body and "Never a worker the person would rather not work with" in body


def test_the_week_grid_shows_uncovered_sessions_with_the_reason(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    josie = service_world["josie"]
    need = SupportNeed.objects.create(
        person=josie, day=1, starts=datetime.time(9), ends=datetime.time(12)
    )
    need.skills.add(Skill.objects.create(name="Epilepsy care"))
    services.solve_week(service=josie.service, monday=MONDAY, solved_by=None, deterministic_time=2)
    client = signed_in_client(service_world["manager"].user)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("rota:service-week", args=[josie.service.pk, "2026-W48"]))
    assert "No worker on the team has the skill needed (Epilepsy care)" in page.content.decode()


def test_solving_and_publishing_from_the_page(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    josie = service_world["josie"]
    SupportNeed.objects.create(person=josie, day=0, starts=datetime.time(9), ends=datetime.time(12))
    client = signed_in_client(service_world["manager"].user)
    args = [josie.service.pk, "2026-W48"]
    client.post(reverse("rota:solve", args=args))
    client.post(reverse("rota:publish", args=args))
    week = RotaWeek.objects.get()
    assert week.status == RotaWeek.Status.PUBLISHED
    worker = week.shifts.get().workers.get()
    page = signed_in_client(worker.user).get(reverse("rota:my-shifts") + "?week=2026-W48")
    assert "Josie" in page.content.decode()


def test_a_bad_week_in_the_address_is_not_found(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(service_world["manager"].user)
    url = reverse("rota:service-week", args=[service_world["josie"].service.pk, "2026-W99"])
    assert client.get(url).status_code == 404


def test_solve_rotas_solves_every_service_and_reports_totals(
    service_world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    josie = service_world["josie"]
    SupportNeed.objects.create(person=josie, day=0, starts=datetime.time(9), ends=datetime.time(12))
    call_command("solve_rotas", week="2026-W48", time_limit=2)
    out = capsys.readouterr().out
    assert "queued 1 service(s)" in out
    assert "1 done, 0 left, 0 failed" in out
    assert RotaWeek.objects.get().shifts.get().workers.count() == 1


def test_solve_rotas_here_solves_in_a_pool_of_processes_without_the_workers(
    service_world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    josie = service_world["josie"]
    SupportNeed.objects.create(person=josie, day=0, starts=datetime.time(9), ends=datetime.time(12))
    call_command("solve_rotas", week="2026-W48", here=True, processes=1, time_limit=2)
    out = capsys.readouterr().out
    assert "1 service(s) solved" in out and "0 uncovered" in out
    assert RotaWeek.objects.get().shifts.get().workers.count() == 1


def test_solve_rotas_with_a_deterministic_limit_reports_the_work_done_beside_the_wall_time(
    service_world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    josie = service_world["josie"]
    SupportNeed.objects.create(person=josie, day=0, starts=datetime.time(9), ends=datetime.time(12))
    call_command(
        "solve_rotas",
        week="2026-W48",
        here=True,
        processes=1,
        time_limit=30,
        deterministic_limit=1.0,
    )
    out = capsys.readouterr().out
    assert "1 service" in out and "0 uncovered" in out
    assert "deterministic s in all" in out and "solving" in out
    assert RotaWeek.objects.get().shifts.get().workers.count() == 1


def test_the_manager_adds_a_session_to_a_persons_pattern_and_takes_it_away(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    josie = service_world["josie"]
    client = signed_in_client(service_world["manager"].user)
    url = reverse("rota:pattern", args=[josie.pk])
    client.post(
        url,
        {
            "day": "2",
            "starts": "22:00",
            "ends": "07:00",
            "kind": "sleep_in",
            "workers_needed": "1",
            "shared_with": [str(service_world["ann"].pk)],
        },
    )
    need = SupportNeed.objects.get()
    assert need.day == 2 and list(need.shared_with.all()) == [service_world["ann"]]
    client.post(url, {"remove": str(need.pk)})
    assert not SupportNeed.objects.exists()


def test_a_session_that_starts_and_ends_at_the_same_time_is_refused_in_plain_words(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(service_world["manager"].user)
    response = client.post(
        reverse("rota:pattern", args=[service_world["josie"].pk]),
        {
            "day": "0",
            "starts": "09:00",
            "ends": "09:00",
            "kind": "one_to_one",
            "workers_needed": "1",
        },
    )
    assert "The end time must be different from the start" in response.content.decode()
    assert not SupportNeed.objects.exists()


def test_more_than_48_hours_needs_the_workers_opt_out(
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(service_world["manager"].user)
    url = reverse("rota:worker", args=[service_world["sam"].pk])
    response = client.post(
        url, {"form": "terms", "min_hours": "30", "max_hours": "55", "version": "1"}
    )
    assert "needs their written opt-out" in response.content.decode()
    assert not WorkerTerms.objects.exists()
    client.post(
        url,
        {
            "form": "terms",
            "min_hours": "30",
            "max_hours": "55",
            "opted_out_of_48_hours": "on",
            "version": "1",
        },
    )
    assert WorkerTerms.objects.get().max_hours == Decimal("55")
    client.post(
        url,
        {
            "form": "absence",
            "first_day": "2026-11-24",
            "last_day": "2026-11-25",
            "reason": "sickness",
        },
    )
    client.post(url, {"form": "availability", "day": "0", "starts": "07:00", "ends": "22:00"})
    assert Absence.objects.get().reason == "sickness"
    assert service_world["sam"].availability.count() == 1


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "2026-W99"])
def test_a_week_that_does_not_exist_in_the_address_is_not_found_not_an_error(
    week: str,
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(service_world["manager"].user)
    url = reverse("rota:service-week", args=[service_world["josie"].service.pk, week])
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "2026-W99", "２０２６-W48", "soon"])
def test_a_week_that_does_not_exist_in_the_query_gets_a_plain_message(
    week: str,
    service_world: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(service_world["sam"].user)
    response = client.get(reverse("rota:my-shifts"), {"week": week})
    assert response.status_code == 400
    assert f"There is no week “{week}”. Write a week like" in response.content.decode()
