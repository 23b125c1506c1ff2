"""Quality check pages × every role. Person A (w.person) is the quality checker here;
their home, w.service, is managed by the world's service manager."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from alongside.quality.models import (
    Answer,
    AnswerPhoto,
    Face,
    PlanProposal,
    QualityAction,
    QualityChecker,
)
from tests.factories import QualityCheckerFactory, QualityCheckFactory
from tests.world import World

from .answers import (
    BAD_REQUEST,
    FORBIDDEN,
    MISSING,
    NONE,
    OK,
    PERSON,
    SERVICE,
    Kwargs,
    only,
    role_page,
)


def _checker(w: World) -> Any:
    # One checker per person; the browser tests ask for it again in the same world.
    return QualityChecker.objects.filter(person=w.person).first() or QualityCheckerFactory(
        person=w.person
    )


def _planned_check(w: World) -> dict[str, Any]:
    return {"check_id": QualityCheckFactory(checker=_checker(w), service=w.service).pk}


def _done_answer(w: World) -> Answer:
    check = QualityCheckFactory(checker=_checker(w), service=w.service, status="done")
    check.done_on = check.planned_for
    check.save()
    statement = check.checklist.statements.first()
    assert statement is not None
    return Answer.objects.create(quality_check=check, statement=statement, face=Face.NOT_GOOD)


def _photo(w: World) -> dict[str, Any]:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG")
    photo = AnswerPhoto.objects.create(
        answer=_done_answer(w), content_type="image/png", data=out.getvalue(), width=4, height=4
    )
    return {"photo_id": photo.pk}


def _action(w: World) -> dict[str, Any]:
    answer = _done_answer(w)
    action = QualityAction.objects.create(
        answer=answer, service=w.service, due_on=answer.quality_check.planned_for
    )
    return {"action_id": action.pk}


def _proposal(w: World) -> dict[str, Any]:
    proposal = PlanProposal.objects.create(
        month="2026-11-01", service=w.service, checker=_checker(w), reason="Lives here"
    )
    return {"proposal_id": proposal.pk}


CHECKER_ID: Kwargs = lambda w: {"checker_id": _checker(w).pk}  # noqa: E731
SEES_CHECK = {"person": OK, "service_manager": OK, "quality_lead": OK}

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "quality:volunteer": (NONE, role_page("person", "other_person")),
    "quality:my-checks": (NONE, role_page("person", "other_person")),
    "quality:sign-up-list": (NONE, role_page("service_manager")),
    "quality:sign-up": (PERSON, only({"service_manager": OK}, MISSING)),
    "quality:check": (_planned_check, only(SEES_CHECK, MISSING)),
    "quality:do-check": (_planned_check, only({"person": OK}, MISSING)),
    "quality:photo": (_photo, only(SEES_CHECK, MISSING)),
    "quality:checks": (NONE, role_page("service_manager", "quality_lead")),
    "quality:actions": (NONE, role_page("service_manager", "quality_lead")),
    "quality:action": (_action, only({"service_manager": OK}, MISSING)),
    "quality:checkers": (NONE, role_page("quality_lead")),
    "quality:checker": (CHECKER_ID, only({"quality_lead": OK}, MISSING)),
    "quality:checklists": (NONE, role_page("quality_lead")),
    "quality:coverage": (NONE, role_page("quality_lead")),
    "quality:planner": (NONE, role_page("quality_lead")),
    # Only a quality lead of the service's organisation; for anyone else it is not found.
    "quality:invite-volunteers": (SERVICE, only({"quality_lead": OK}, MISSING)),
    "quality:proposal": (_proposal, only({"quality_lead": OK}, MISSING)),
    "quality:results": (NONE, role_page("service_manager", "quality_lead")),
    # Without a statement the address is incomplete: a plain 400 for those allowed.
    "quality:result-checks": (
        NONE,
        only({"service_manager": BAD_REQUEST, "quality_lead": BAD_REQUEST}, FORBIDDEN),
    ),
}
