"""Writes for the Making It Real self-assessment. Every write checks itself first and says
what is wrong in plain words; nothing is saved when something is wrong."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alongside.accounts.models import User
from alongside.concurrency import EditConflict
from alongside.organisations.models import Organisation
from alongside.quality.models import Edition, QualityChecker
from alongside.saving import save_and_record

from .models import Rating, SelfAssessment, SelfAssessmentAction, WeStatement, WeStatementRating
from .reference import ensure_we_statements

TAKING_PART_MESSAGE = (
    "Name at least one person we support or one quality checker who took part. "
    "We rate ourselves together with the people we support, never without them."
)


class AssessmentConflict(EditConflict):
    """Someone else saved this self-assessment after the editor opened it."""

    message = "Someone else saved this self-assessment while you were editing."


def _check_taking_part(*, people_taking_part: str, checkers: Iterable[QualityChecker]) -> None:
    if not people_taking_part.strip() and not list(checkers):
        raise ValidationError({"people_taking_part": TAKING_PART_MESSAGE})


def edition_for_assessment() -> Edition:
    """The newest Making It Real edition that has We statements."""
    ensure_we_statements()
    edition = (
        Edition.objects.filter(themes__we_statements__isnull=False)
        .order_by("-loaded_at", "-pk")
        .first()
    )
    if edition is None:  # pragma: no cover - the starter edition always has them
        raise ValidationError("No Making It Real edition with We statements is loaded.")
    return edition


def start_self_assessment(
    *,
    organisation: Organisation,
    year: int,
    started_by: User,
    people_taking_part: str,
    checkers: Iterable[QualityChecker],
    staff_taking_part: str = "",
) -> SelfAssessment:
    """Start this year's self-assessment. One a year for each organisation."""
    checkers = list(checkers)
    _check_taking_part(people_taking_part=people_taking_part, checkers=checkers)
    if SelfAssessment.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(
            {"year": f"There is already a self-assessment for {year}. Open it to carry on."}
        )
    assessment = SelfAssessment(
        organisation=organisation,
        year=year,
        edition=edition_for_assessment(),
        people_taking_part=people_taking_part.strip(),
        staff_taking_part=staff_taking_part.strip(),
        started_by=started_by,
    )
    try:
        with transaction.atomic():
            save_and_record(obj=assessment, by=started_by, validate_constraints=False)
            assessment.checkers_taking_part.set(checkers)
    except IntegrityError:
        raise ValidationError(
            {"year": f"There is already a self-assessment for {year}. Open it to carry on."}
        ) from None
    return assessment


def save_self_assessment(
    *,
    assessment: SelfAssessment,
    changed_by: User,
    expected_version: int,
    ratings: dict[int, tuple[int | None, str]],
    people_taking_part: str,
    checkers: Iterable[QualityChecker],
    staff_taking_part: str,
) -> SelfAssessment:
    """Save who took part and the rating and evidence for each We statement.

    `ratings` maps a We statement's id to (rating or None for "not rated yet", evidence).
    Raises AssessmentConflict if someone else saved first (their words are kept).
    """
    checkers = list(checkers)
    _check_taking_part(people_taking_part=people_taking_part, checkers=checkers)
    statements = {
        s.pk: s for s in WeStatement.objects.filter(theme__edition_id=assessment.edition_id)
    }
    unknown = set(ratings) - set(statements)
    if unknown:
        raise ValidationError("Some of these statements are not part of this edition.")
    for rating, evidence in ratings.values():
        if rating is not None and rating not in Rating.values:
            raise ValidationError("Choose how well we do each statement from the list.")
        if rating is None and evidence.strip():
            raise ValidationError(
                "Choose how well we do it for every statement you wrote evidence for."
            )
    assessment.people_taking_part = people_taking_part.strip()
    assessment.staff_taking_part = staff_taking_part.strip()
    with transaction.atomic():
        save_and_record(
            obj=assessment,
            by=changed_by,
            expected_version=expected_version,
            conflict=AssessmentConflict,
            fields=["people_taking_part", "staff_taking_part"],
            validate_constraints=False,
        )
        assessment.checkers_taking_part.set(checkers)
        existing = {r.statement_id: r for r in assessment.ratings.all()}
        for statement_id, (rating, evidence) in ratings.items():
            row = existing.get(statement_id)
            if rating is None:
                if row is not None:
                    row.delete()
                continue
            if row is None:
                row = WeStatementRating(assessment=assessment, statement_id=statement_id)
            if row.pk is None or row.rating != rating or row.evidence != evidence.strip():
                row.rating = rating
                row.evidence = evidence.strip()
                save_and_record(obj=row, by=changed_by, validate_constraints=False)
    return assessment


def add_action(
    *,
    assessment: SelfAssessment,
    added_by: User,
    what: str,
    who: str,
    by_when: datetime.date,
    statement: WeStatement | None = None,
) -> SelfAssessmentAction:
    """Something we will do to get better: what, who, and by when."""
    if statement is not None and statement.theme.edition_id != assessment.edition_id:
        raise ValidationError({"statement": "Choose a statement from this self-assessment."})
    action = SelfAssessmentAction(
        assessment=assessment,
        statement=statement,
        what=what.strip(),
        who=who.strip(),
        by_when=by_when,
    )
    save_and_record(obj=action, by=added_by)
    return action


def rating_fields(assessment: SelfAssessment) -> dict[int, Any]:
    """The stored ratings by We statement id."""
    return {r.statement_id: r for r in assessment.ratings.all()}
