"""Demo data for outcomes: last year's Making It Real self-assessment for the demo provider
(so the year-on-year view has a year to compare with), and the monthly check-in counts."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from alongside.organisations.models import Organisation
from alongside.outcomes.models import Rating, SelfAssessment, WeStatement, WeStatementRating
from alongside.outcomes.reference import ensure_we_statements
from alongside.outcomes.rollups import rebuild_all

from .organisations import SMALL_PROVIDER


def load_small(seed: int) -> None:
    """The monthly counts, and last year's self-assessment for the small demo's provider."""
    rebuild_all()  # the demo's check-ins and rotas are bulk-made, without history
    provider = Organisation.objects.filter(name=SMALL_PROVIDER).first()
    if provider is None or SelfAssessment.objects.filter(organisation=provider).exists():
        return
    edition = ensure_we_statements()
    last_year = timezone.localdate().year - 1
    assessment = SelfAssessment.objects.create(
        organisation=provider,
        year=last_year,
        edition=edition,
        people_taking_part="Josie, and two people from Elm Court",
        staff_taking_part="Kyle Morgan (quality lead)",
    )
    ratings = [Rating.STARTING, Rating.GETTING_THERE, Rating.NOT_YET, Rating.GETTING_THERE]
    WeStatementRating.objects.bulk_create(
        WeStatementRating(
            assessment=assessment,
            statement=s,
            rating=ratings[i % len(ratings)],
            evidence="Talked about at the people's meeting.",
        )
        for i, s in enumerate(WeStatement.objects.filter(theme__edition=edition))
    )
    assessment.actions.create(
        what="Make an easy-read guide to answering ideas",
        who="Kyle Morgan with Josie",
        by_when=datetime.date(last_year, 12, 1),
    )


def load_large(seed: int, log: Any) -> None:
    """The monthly counts again, after the large demo's bulk loads."""
    months, weeks = rebuild_all()
    log(f"Recounted {months} monthly check-in counts and {weeks} monthly rota counts for outcomes.")
