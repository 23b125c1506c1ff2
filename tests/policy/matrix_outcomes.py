"""Outcome pages and the Making It Real self-assessment × every role. Outcome pages show
counts only: a service's to its manager and its organisation's quality lead and admin; the
provider's to its managers (their services only), quality lead and admin; the council's to
its council workers."""

from __future__ import annotations

from typing import Any

from alongside.outcomes.models import SelfAssessment
from alongside.outcomes.services import edition_for_assessment
from tests.world import World

from .answers import MISSING, NONE, OK, SERVICE, Kwargs, only, role_page

STAFF = ["service_manager", "quality_lead", "org_admin"]


def _assessment(w: World) -> dict[str, Any]:
    assessment = SelfAssessment.objects.create(
        organisation=w.provider, year=2026, edition=edition_for_assessment(), people_taking_part="A"
    )
    return {"assessment_id": assessment.pk}


def _service_csv(w: World) -> dict[str, Any]:
    return {"service_id": w.service.pk, "figure": "check-ins"}


def _csv(w: World) -> dict[str, Any]:
    return {"figure": "by-service"}


EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "outcomes:service": (SERVICE, only({r: OK for r in STAFF}, MISSING)),
    "outcomes:service-csv": (_service_csv, only({r: OK for r in STAFF}, MISSING)),
    "outcomes:provider": (NONE, role_page(*STAFF)),
    "outcomes:provider-csv": (_csv, role_page(*STAFF)),
    "outcomes:council": (NONE, role_page("council_worker", "other_council_worker")),
    "outcomes:council-csv": (_csv, role_page("council_worker", "other_council_worker")),
    "outcomes:self-assessments": (NONE, role_page(*STAFF)),
    "outcomes:self-assessment": (_assessment, only({r: OK for r in STAFF}, MISSING)),
}
