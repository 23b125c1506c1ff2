"""Writes for quality checks. Each checks its input, saves, and (for a checker's own record)
writes to the audit trail in words the person can read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.saving import save_and_record

from . import notifications
from .models import (
    CORE_MODULE,
    Answer,
    AnswerPhoto,
    CheckerTraining,
    Checklist,
    Face,
    IStatement,
    PlanProposal,
    QualityAction,
    QualityCheck,
    QualityChecker,
    VolunteerInvitation,
)
from .photos import CleanPhoto

if TYPE_CHECKING:
    from alongside.accounts.models import User

# How long a service manager has to act on a "not good".
ACTION_DAYS = 28


# --- Quality checkers ---------------------------------------------------------------------


def invite_to_volunteer(*, service: Service, invited_by: User) -> int:
    """Invite the people at a service who are not quality checkers (and were not invited
    yet) to think about volunteering. Nobody becomes a checker here: each person says yes
    themselves. Returns how many people were invited."""
    people = (
        Person.objects.filter(service=service, user__isnull=False)
        .exclude(pk__in=QualityChecker.objects.values("person_id"))
        .exclude(pk__in=VolunteerInvitation.objects.values("person_id"))
    )
    made = VolunteerInvitation.objects.bulk_create(
        [VolunteerInvitation(person=p, service=service, invited_by=invited_by) for p in people]
    )
    return len(made)


def sign_up_checker(
    *,
    person: Person,
    signed_up_by: User,
    consent_given_on: datetime.date,
    needs: Sequence[str],
    availability: str,
    checks_per_month: int,
    checks_in_region: bool,
) -> QualityChecker:
    """A person becomes a quality checker: they volunteer, or someone signs them up after
    the person said yes (the day they said yes is recorded)."""
    if QualityChecker.objects.filter(person=person).exists():
        raise ValidationError(f"{person} is already a quality checker.")
    volunteered = person.user_id is not None and person.user_id == signed_up_by.pk
    checker = QualityChecker(
        person=person,
        how_signed_up=QualityChecker.HowSignedUp.VOLUNTEERED
        if volunteered
        else QualityChecker.HowSignedUp.SIGNED_UP_WITH_CONSENT,
        consent_given_on=consent_given_on,
        signed_up_by=signed_up_by,
        needs=list(needs),
        availability=availability,
        checks_per_month=checks_per_month,
        checks_in_region=checks_in_region,
    )
    save_and_record(
        obj=checker,
        by=signed_up_by,
        person=person,
        action="quality_checker_joined",
        summary="Became a quality checker",
    )
    return checker


def update_checker(
    *,
    checker: QualityChecker,
    changed_by: User,
    expected_version: int,
    needs: Sequence[str],
    availability: str,
    checks_per_month: int,
    checks_in_region: bool,
    other_services: Iterable[Service] | None = None,
) -> QualityChecker:
    """Change the support a checker needs, when and how much they check. Raises
    EditConflict if someone saved first."""
    checker.needs = list(needs)
    checker.availability = availability
    checker.checks_per_month = checks_per_month
    checker.checks_in_region = checks_in_region
    with transaction.atomic():
        save_and_record(
            obj=checker,
            by=changed_by,
            expected_version=expected_version,
            fields=["needs", "availability", "checks_per_month", "checks_in_region"],
            person=checker.person,
            action="quality_checker_changed",
            summary="Changed how you do quality checks",
        )
        if other_services is not None:
            checker.other_services.set(other_services)
    return checker


def record_training(
    *, checker: QualityChecker, module: str, completed_on: datetime.date, recorded_by: User
) -> CheckerTraining:
    """Record a training module the checker finished. The core module makes them trained."""
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The day they finished cannot be in the future."})
    record = CheckerTraining(checker=checker, module=module, completed_on=completed_on)
    if CheckerTraining.objects.filter(checker=checker, module=module).exists():
        raise ValidationError({"module": "This training is already recorded."})
    with transaction.atomic():
        save_and_record(
            obj=record,
            by=recorded_by,
            person=checker.person,
            action="quality_training",
            summary=f"Finished the training “{record.get_module_display()}”",
        )
        if module == CORE_MODULE and (
            checker.trained_on is None or completed_on < checker.trained_on
        ):
            QualityChecker.objects.filter(pk=checker.pk).update(trained_on=completed_on)
            checker.trained_on = completed_on
    return record


# --- Checklists and checks ---------------------------------------------------------------


def create_checklist(*, name: str, statements: Sequence[IStatement], created_by: User) -> Checklist:
    """A checklist of I statements, all from the same edition of Making It Real."""
    if not statements:
        raise ValidationError({"statements": "Choose at least one I statement."})
    editions = {s.theme.edition_id for s in statements}
    if len(editions) != 1:
        raise ValidationError({"statements": "Choose I statements from one edition only."})
    checklist = Checklist(name=name.strip(), edition_id=editions.pop(), created_by=created_by)
    checklist.full_clean()
    with transaction.atomic():
        checklist.save()
        checklist.statements.set(statements)
    return checklist


def plan_check(
    *,
    service: Service,
    checker: QualityChecker,
    checklist: Checklist,
    planned_for: datetime.date,
    planned_by: User,
    re_check_of: QualityCheck | None = None,
) -> QualityCheck:
    """Plan a visit: this checker checks this service on this day with this checklist."""
    if not checker.is_active:
        raise ValidationError({"checker": f"{checker.person} is not checking at the moment."})
    check = QualityCheck(
        service=service,
        checker=checker,
        checklist=checklist,
        planned_for=planned_for,
        planned_by=planned_by,
        re_check_of=re_check_of,
    )
    save_and_record(obj=check, by=planned_by)
    notifications.check_planned(check=check)
    return check


@dataclass
class AnswerGiven:
    statement_id: int
    face: str
    comment: str = ""
    photos: list[CleanPhoto] = field(default_factory=list)


def complete_check(
    *,
    check: QualityCheck,
    done_by: User,
    done_on: datetime.date,
    answers: Sequence[AnswerGiven],
    summary: str = "",
) -> QualityCheck:
    """The checker finishes a check. Every "not good" becomes an action for the service
    manager, due in ACTION_DAYS. A re-check closes the actions it was planned to see."""
    asked = set(check.checklist.statements.values_list("pk", flat=True))
    given = {a.statement_id for a in answers}
    if given != asked or len(answers) != len(asked):
        raise ValidationError("Answer every question, or choose “Did not see”.")
    if any(a.face not in Face.values for a in answers):
        raise ValidationError("Choose one of the faces for each question.")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "The day of the check cannot be in the future."})
    with transaction.atomic():
        locked = QualityCheck.objects.select_for_update().get(pk=check.pk)
        if locked.status != QualityCheck.Status.PLANNED:
            raise ValidationError("This check is already done.")
        check.status = QualityCheck.Status.DONE
        check.done_on = done_on
        check.summary = summary
        save_and_record(obj=check, by=done_by, fields=["status", "done_on", "summary"])
        saved = Answer.objects.bulk_create(
            Answer(quality_check=check, statement_id=a.statement_id, face=a.face, comment=a.comment)
            for a in answers
        )
        AnswerPhoto.objects.bulk_create(
            AnswerPhoto(
                answer=answer,
                data=p.data,
                content_type=p.content_type,
                width=p.width,
                height=p.height,
            )
            for answer, given_answer in zip(saved, answers, strict=True)
            for p in given_answer.photos
        )
        due = done_on + datetime.timedelta(days=ACTION_DAYS)
        for answer in saved:
            if answer.face == Face.NOT_GOOD:
                QualityAction.objects.create(answer=answer, service=check.service, due_on=due)
        if check.re_check_of_id:
            _close_the_loop(re_check=check, answers=saved)
    assert check.checker is not None  # only the checker may do a check
    record_change(
        person=check.checker.person,
        changed_by=done_by,
        action="quality_check_done",
        summary=f"Finished a quality check of {check.service}",
    )
    return check


def _close_the_loop(*, re_check: QualityCheck, answers: Sequence[Answer]) -> None:
    """Close the actions of the check this one re-checks, by what the checker found now."""
    face_for = {a.statement_id: a.face for a in answers}
    open_actions = QualityAction.objects.filter(
        answer__quality_check_id=re_check.re_check_of_id
    ).exclude(status=QualityAction.Status.CLOSED)
    for action in open_actions.select_related("answer"):
        face = face_for.get(action.answer.statement_id)
        if face is None or face == Face.NOT_SEEN:
            continue  # not looked at this time: stays open
        action.status = QualityAction.Status.CLOSED
        action.closed_by_check = re_check
        # Still "not good" means a new action was made from this re-check.
        action.outcome = (
            QualityAction.Outcome.NOT_BETTER
            if face == Face.NOT_GOOD
            else QualityAction.Outcome.BETTER
        )
        action.save(update_fields=["status", "closed_by_check", "outcome"])


def respond_to_action(
    *, action: QualityAction, responded_by: User, expected_version: int, response: str
) -> QualityCheck | None:
    """The service manager says what they did. When every action from a check has an
    answer, a re-check with the same checker is planned. Returns the re-check if planned."""
    response = response.strip()
    if not response:
        raise ValidationError({"response": "Say what you did about this."})
    if action.status == QualityAction.Status.CLOSED:
        raise ValidationError("This action is closed: the service was checked again.")
    action.response = response
    action.responded_by = responded_by
    action.responded_at = timezone.now()
    action.status = QualityAction.Status.ANSWERED
    with transaction.atomic():
        save_and_record(
            obj=action,
            by=responded_by,
            expected_version=expected_version,
            fields=["response", "responded_by", "responded_at", "status"],
        )
        check = QualityCheck.objects.select_for_update().get(pk=action.answer.quality_check_id)
        waiting = QualityAction.objects.filter(
            answer__quality_check=check, status=QualityAction.Status.OPEN
        ).exists()
        if waiting or check.re_checks.exists() or check.checker is None:
            return None
        latest_due = max(
            QualityAction.objects.filter(answer__quality_check=check).values_list(
                "due_on", flat=True
            )
        )
        return plan_check(
            service=check.service,
            checker=check.checker,
            checklist=check.checklist,
            planned_for=max(latest_due, timezone.localdate() + datetime.timedelta(days=7)),
            planned_by=responded_by,
            re_check_of=check,
        )


# --- The planner's proposals --------------------------------------------------------------


def accept_proposal(
    *,
    proposal: PlanProposal,
    accepted_by: User,
    checklist: Checklist,
    checker: QualityChecker | None = None,
) -> QualityCheck:
    """The quality lead accepts a proposal, or changes who checks, and the check is planned."""
    if proposal.status != PlanProposal.Status.PROPOSED:
        raise ValidationError("This proposal has already been decided.")
    chosen = checker or proposal.checker
    with transaction.atomic():
        check = plan_check(
            service=proposal.service,
            checker=chosen,
            checklist=checklist,
            planned_for=max(
                proposal.month + datetime.timedelta(days=14),
                timezone.localdate() + datetime.timedelta(days=7),
            ),
            planned_by=accepted_by,
        )
        proposal.checker = chosen
        proposal.status = PlanProposal.Status.ACCEPTED
        proposal.planned_check = check
        proposal.save(update_fields=["checker", "status", "planned_check"])
    return check


def decline_proposal(*, proposal: PlanProposal) -> PlanProposal:
    if proposal.status != PlanProposal.Status.PROPOSED:
        raise ValidationError("This proposal has already been decided.")
    proposal.status = PlanProposal.Status.DECLINED
    proposal.save(update_fields=["status"])
    return proposal
