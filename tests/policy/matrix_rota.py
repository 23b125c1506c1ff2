"""Rota pages × every role."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from alongside.rota.models import Absence, Availability, RotaWeek, SolveRun
from tests.factories import RotaShiftFactory, RotaWeekFactory
from tests.world import World

from .answers import MISSING, NONE, NOT_ALLOWED, OK, PERSON, Kwargs, only, role_page

WEEK = "2026-W48"


def _service_week(w: World) -> dict[str, Any]:
    return {"service_id": w.service.pk, "week": WEEK}


def _published_week(w: World) -> dict[str, Any]:
    # Another row may have made this week already (the leak test makes every row in one world).
    week = RotaWeek.objects.filter(service=w.service, monday=date(2026, 11, 23)).first()
    if week is None:
        RotaWeekFactory(service=w.service, monday=date(2026, 11, 23), status="published")
    else:
        RotaWeek.objects.filter(pk=week.pk).update(status="published")
    return {"service_id": w.service.pk, "week": WEEK}


def _shift(w: World) -> dict[str, Any]:
    # The week "Fix this" uses may already be there (the leak test makes every row in one world).
    week = RotaWeek.objects.filter(service=w.service).first() or RotaWeekFactory(service=w.service)
    shift = RotaShiftFactory(week=week, people=[w.person])
    return {"shift_id": shift.pk}


def _worker(w: World) -> dict[str, Any]:
    return {"worker_id": w.users["worker_in_service"].staff_member.pk}


def _availability(w: World) -> dict[str, Any]:
    worker = w.users["worker_in_service"].staff_member
    slot = Availability.objects.create(worker=worker, day=0, starts=time(7), ends=time(22))
    return {"availability_id": slot.pk}


def _absence(w: World) -> dict[str, Any]:
    worker = w.users["worker_in_service"].staff_member
    absence = Absence.objects.create(
        worker=worker, first_day=date(2026, 12, 1), last_day=date(2026, 12, 5)
    )
    return {"absence_id": absence.pk}


def _solve_run(w: World) -> dict[str, Any]:
    return {"run_id": SolveRun.objects.create(monday=date(2026, 11, 23)).pk}


EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "rota:service-week": (_service_week, only({"service_manager": OK}, MISSING)),
    "rota:settings": (NONE, role_page("org_admin")),
    # Solving and publishing are buttons (POST): a manager asking by GET is told 405.
    "rota:solve": (_service_week, only({"service_manager": NOT_ALLOWED}, MISSING)),
    "rota:publish": (_service_week, only({"service_manager": NOT_ALLOWED}, MISSING)),
    "rota:fix": (_published_week, only({"service_manager": OK}, MISSING)),
    "rota:solve-progress": (_service_week, only({"service_manager": OK}, MISSING)),
    # Progress of `solve_rotas --week`: the admin sees their organisation's part of it.
    "rota:solve-run": (_solve_run, role_page("org_admin")),
    "rota:shift": (_shift, only({"service_manager": OK}, MISSING)),
    "rota:my-shifts": (NONE, role_page("worker_in_service", "worker_out_of_service")),
    "rota:pattern": (PERSON, only({"service_manager": OK}, MISSING)),
    "rota:worker": (_worker, only({"service_manager": OK}, MISSING)),
    "rota:availability": (_availability, only({"service_manager": OK}, MISSING)),
    "rota:availability-delete": (_availability, only({"service_manager": OK}, MISSING)),
    "rota:absence": (_absence, only({"service_manager": OK}, MISSING)),
    "rota:absence-delete": (_absence, only({"service_manager": OK}, MISSING)),
    "rota:personal-care": (PERSON, only({"person": OK, "service_manager": OK}, MISSING)),
    "rota:person-week": (
        PERSON,
        only({"person": OK, "supporter_with_scope": OK, "service_manager": OK}, MISSING),
    ),
}
