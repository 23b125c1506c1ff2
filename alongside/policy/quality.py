"""quality: quality checks, checkers and actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q, QuerySet

from alongside.organisations.models import StaffMember
from alongside.policy.standing import (
    is_person_we_support,
    is_quality_lead,
    is_service_manager,
    leads_quality_for_service,
    manages_persons_service,
    manages_service,
    standing_of,
)

if TYPE_CHECKING:
    from alongside.organisations.models import Service


# --- quality checks ---------------------------------------------------------------------
# A quality lead sees quality data across their organisation (checkers, checks, actions,
# coverage, results) but no person's record unless it is shared with them. A service manager
# sees the checks and actions of their services. A quality checker (a person we support)
# sees their own checks.


def _service_of(obj: Any) -> Any:
    """The service a quality object is about (a check, an action, a proposal or a checker)."""
    if obj is None:
        return None
    if hasattr(obj, "service"):
        return obj.service
    return obj.person.service  # a quality checker: their home


@rules.predicate
def is_the_checker(user: Any, check: Any) -> bool:
    return (
        check is not None
        and check.checker_id is not None
        and standing_of(user).person_id == check.checker.person_id
    )


@rules.predicate
def check_is_planned(user: Any, check: Any) -> bool:
    return check is not None and check.status == "planned"


@rules.predicate
def manages_its_service(user: Any, obj: Any) -> bool:
    return bool(manages_service(user, _service_of(obj)))


@rules.predicate
def leads_quality_for_its_service(user: Any, obj: Any) -> bool:
    return bool(leads_quality_for_service(user, _service_of(obj)))


rules.add_perm("quality.volunteer", is_person_we_support)
rules.add_perm("quality.see_my_checks", is_person_we_support)
rules.add_perm(
    "quality.see_check", is_the_checker | manages_its_service | leads_quality_for_its_service
)
rules.add_perm("quality.do_check", is_the_checker & check_is_planned)
rules.add_perm("quality.see_actions", is_service_manager | is_quality_lead)
rules.add_perm("quality.see_checks", is_service_manager | is_quality_lead)
rules.add_perm("quality.respond_to_action", manages_its_service)
rules.add_perm("quality.see_coverage", is_quality_lead)
rules.add_perm("quality.manage_checkers", is_quality_lead)
rules.add_perm("quality.manage_checker", leads_quality_for_its_service)
rules.add_perm("quality.manage_checklists", is_quality_lead)
rules.add_perm("quality.plan_checks", is_quality_lead)
# A quality lead invites the people at a service to volunteer; each person says yes themselves.
rules.add_perm("quality.invite_volunteers", leads_quality_for_service)
rules.add_perm("quality.decide_proposal", leads_quality_for_its_service)
rules.add_perm("quality.see_results", is_quality_lead | is_service_manager)
# A service manager may sign up a person at their service, once the person has said yes.
rules.add_perm("quality.see_people_to_sign_up", is_service_manager)
rules.add_perm("quality.sign_up_checker", manages_persons_service)


def visible_quality_services(queryset: QuerySet[Service], user: Any) -> QuerySet[Service]:
    """The services whose quality data `user` sees: a quality lead's organisation, or the
    services a manager manages."""
    s = standing_of(user)
    if s.staff_role == StaffMember.Role.QUALITY_LEAD:
        return queryset.filter(organisation_id=s.staff_organisation_id or 0)
    if s.staff_role == StaffMember.Role.SERVICE_MANAGER:
        return queryset.filter(pk__in=list(s.staff_service_ids))
    return queryset.none()


def visible_quality_checks(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Checks `user` may open. Matches `quality.see_check`."""
    s = standing_of(user)
    if not user.is_authenticated:
        return queryset.none()
    condition = Q(pk__in=[])
    if s.person_id is not None:
        condition |= Q(checker__person_id=s.person_id)
    if s.staff_role == StaffMember.Role.QUALITY_LEAD:
        condition |= Q(service__organisation_id=s.staff_organisation_id)
    if s.staff_role == StaffMember.Role.SERVICE_MANAGER:
        condition |= Q(service_id__in=list(s.staff_service_ids))
    return queryset.filter(condition)


def visible_quality_actions(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Actions from checks: a quality lead's organisation, or a manager's services."""
    s = standing_of(user)
    if s.staff_role == StaffMember.Role.QUALITY_LEAD:
        return queryset.filter(service__organisation_id=s.staff_organisation_id)
    if s.staff_role == StaffMember.Role.SERVICE_MANAGER:
        return queryset.filter(service_id__in=list(s.staff_service_ids))
    return queryset.none()


def visible_quality_checkers(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Checkers a quality lead looks after (living at their organisation's services)."""
    s = standing_of(user)
    if s.staff_role == StaffMember.Role.QUALITY_LEAD:
        return queryset.filter(person__service__organisation_id=s.staff_organisation_id)
    return queryset.none()
