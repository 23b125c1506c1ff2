"""The person's resources over the API × every role: the same answers as their pages
(404 for a person or part the caller may not see). Writes (POST, PUT, PATCH) are asked for
each role in tests/api/test_api_writes_by_role.py; a GET of a write-only address answers
"not allowed" to everyone signed in, before anything is looked up."""

from __future__ import annotations

import datetime
from typing import Any

from tests.world import World

from .answers import (
    FORBIDDEN,
    MISSING,
    NONE,
    NOT_ALLOWED,
    OK,
    SEES_PERSON,
    Kwargs,
    everyone,
    only,
)
from .matrix_everyday import _meeting
from .matrix_reviews import SEES_BUDGET, SEES_REVIEWS, _budget, _goal, _review

P: Kwargs = lambda w: {"person_id": w.person.pk}  # noqa: E731
SECTION: Kwargs = lambda w: {"person_id": w.person.pk, "part": "what_matters"}  # noqa: E731


def _action(w: World) -> dict[str, Any]:
    from alongside.everyday.models import Meeting, MeetingAction

    # The meeting page's row may have made this meeting already (the leak test makes every
    # row in one world).
    meeting, _ = Meeting.objects.get_or_create(
        person=w.person,
        on=datetime.date(2026, 12, 1),
        defaults={"how_often": "weekly", "with_whom": "Sam"},
    )
    action = MeetingAction.objects.create(
        person=w.person, meeting=meeting, what="Book swimming", who="Sam", by_when=meeting.on
    )
    return {"person_id": w.person.pk, "action_id": action.pk}


def _worker(w: World) -> dict[str, Any]:
    from alongside.organisations.models import StaffMember
    from alongside.team.models import TeamChoice

    worker = StaffMember.objects.get(user=w.users["worker_in_service"])
    TeamChoice.objects.get_or_create(person=w.person, worker=worker, defaults={"choice": "rather"})
    return {"person_id": w.person.pk, "worker_id": worker.pk}


def _with_budget(w: World) -> dict[str, Any]:
    _budget(w)
    return {"person_id": w.person.pk}


def _suggestion(w: World) -> dict[str, Any]:
    from alongside.everyday.models import Suggestion

    return {"suggestion_id": Suggestion.objects.create(service=w.service, text="A garden").pk}


def _week(w: World) -> dict[str, Any]:
    from alongside.rota.models import RotaWeek
    from tests.factories import RotaWeekFactory

    # Any week of the service will do; "Fix this" may have made one already.
    week = RotaWeek.objects.filter(service=w.service).first() or RotaWeekFactory(service=w.service)
    return {"week_id": week.pk}


def ok(*roles: str) -> dict[str, int]:
    return only({r: OK for r in roles}, MISSING, FORBIDDEN)


WRITE_ONLY = everyone(NOT_ALLOWED, anonymous=FORBIDDEN)
SEES_PART = ["person", "supporter_with_scope", "worker_in_service", "service_manager"]
JOINS_MEETINGS = SEES_PART
SEES_TEAM = ["person", "supporter_with_scope", "service_manager"]

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "api:about-me": (P, ok(*SEES_PERSON)),
    "api:about-me-section": (SECTION, ok(*SEES_PART, "council_worker")),
    "api:about-me-proposals": (SECTION, WRITE_ONLY),
    "api:proposals": (P, ok("person", "supporter_with_scope")),
    "api:plan-proposals": (P, WRITE_ONLY),
    "api:meetings": (P, ok(*JOINS_MEETINGS)),
    "api:meeting": (_meeting, ok(*JOINS_MEETINGS)),
    "api:meeting-actions": (P, ok(*JOINS_MEETINGS)),
    "api:meeting-action": (_action, ok(*JOINS_MEETINGS)),
    "api:team-choices": (P, ok(*SEES_TEAM)),
    "api:team-choice": (_worker, ok(*SEES_TEAM)),
    "api:change-requests": (P, ok(*SEES_TEAM)),
    "api:budget": (_with_budget, ok(*SEES_BUDGET)),
    "api:budget-changes": (_with_budget, ok(*SEES_BUDGET)),
    "api:budget-spending": (_with_budget, ok(*SEES_BUDGET)),
    "api:reviews": (P, ok(*SEES_REVIEWS)),
    "api:review": (_review, ok(*SEES_REVIEWS)),
    "api:review-finish": (_review, WRITE_ONLY),
    "api:goals": (P, ok(*SEES_REVIEWS)),
    "api:goal": (_goal, ok(*SEES_REVIEWS)),
    "api:person-shifts": (P, ok(*SEES_TEAM)),
    "api:service-suggestions": (lambda w: {"service_id": w.service.pk}, WRITE_ONLY),
    # Answering ideas is a manager's: anyone else is refused before the idea is looked up.
    "api:suggestion-response": (
        _suggestion,
        only({"service_manager": OK}, FORBIDDEN, FORBIDDEN),
    ),
    # Everyone may ask; the list holds only the weeks of services the caller plans.
    "api:rota-weeks": (NONE, everyone(OK, anonymous=FORBIDDEN)),
    "api:rota-week-shifts": (_week, ok("service_manager")),
}
