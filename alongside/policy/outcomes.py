"""outcomes: outcome figures and the Making It Real self-assessment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import QuerySet

from alongside.organisations.models import StaffMember
from alongside.policy.standing import (
    is_council_worker,
    is_org_admin,
    is_quality_lead,
    is_service_manager,
    manages_service,
    standing_of,
)

if TYPE_CHECKING:
    from alongside.organisations.models import Service


# --- outcomes: outcome figures and the Making It Real self-assessment ---------------------
# Outcome pages show counts only, never names. A service manager sees their services; a
# quality lead and an organisation admin see every service of their organisation; a council
# worker sees the people of their council, at whichever provider supports them.


@rules.predicate
def leads_or_runs_services_organisation(user: Any, service: Any) -> bool:
    s = standing_of(user)
    return (
        service is not None
        and s.staff_role in (StaffMember.Role.QUALITY_LEAD, StaffMember.Role.ORG_ADMIN)
        and service.organisation_id == s.staff_organisation_id
    )


@rules.predicate
def assesses_for_organisation(user: Any, assessment: Any) -> bool:
    """A quality lead or admin of the organisation whose self-assessment this is."""
    s = standing_of(user)
    return (
        assessment is not None
        and s.staff_role in (StaffMember.Role.QUALITY_LEAD, StaffMember.Role.ORG_ADMIN)
        and assessment.organisation_id == s.staff_organisation_id
    )


@rules.predicate
def works_for_assessing_organisation(user: Any, assessment: Any) -> bool:
    s = standing_of(user)
    return (
        assessment is not None
        and s.staff_role
        in (
            StaffMember.Role.SERVICE_MANAGER,
            StaffMember.Role.QUALITY_LEAD,
            StaffMember.Role.ORG_ADMIN,
        )
        and assessment.organisation_id == s.staff_organisation_id
    )


rules.add_perm(
    "outcomes.see_service_outcomes", manages_service | leads_or_runs_services_organisation
)
rules.add_perm(
    "outcomes.see_provider_outcomes", is_service_manager | is_quality_lead | is_org_admin
)
rules.add_perm("outcomes.see_council_outcomes", is_council_worker)
rules.add_perm("outcomes.see_self_assessments", is_service_manager | is_quality_lead | is_org_admin)
rules.add_perm("outcomes.start_self_assessment", is_quality_lead | is_org_admin)
rules.add_perm("outcomes.see_self_assessment", works_for_assessing_organisation)
rules.add_perm("outcomes.rate_self_assessment", assesses_for_organisation)


def visible_outcome_services(queryset: QuerySet[Service], user: Any) -> QuerySet[Service]:
    """The services whose outcomes `user` sees on the provider page: a manager's own
    services; every service of a quality lead's or admin's organisation."""
    s = standing_of(user)
    if s.staff_role in (StaffMember.Role.QUALITY_LEAD, StaffMember.Role.ORG_ADMIN):
        return queryset.filter(organisation_id=s.staff_organisation_id or 0)
    if s.staff_role == StaffMember.Role.SERVICE_MANAGER:
        return queryset.filter(pk__in=list(s.staff_service_ids))
    return queryset.none()


def visible_self_assessments(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Self-assessments of the user's own organisation (staff who manage or lead)."""
    s = standing_of(user)
    if s.staff_role in (
        StaffMember.Role.SERVICE_MANAGER,
        StaffMember.Role.QUALITY_LEAD,
        StaffMember.Role.ORG_ADMIN,
    ):
        return queryset.filter(organisation_id=s.staff_organisation_id or 0)
    return queryset.none()
