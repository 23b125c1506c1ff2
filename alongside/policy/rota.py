"""rota: support patterns, availability and the weekly rota."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import QuerySet

from alongside.organisations.models import StaffMember
from alongside.policy.standing import (
    is_a_supporter_of,
    is_org_admin,
    is_support_worker,
    is_the_person,
    manages_persons_service,
    manages_service,
    standing_of,
)
from alongside.policy.team import may_see_team_choices

if TYPE_CHECKING:
    from alongside.organisations.models import Service


# --- rota: support patterns, availability and the weekly rota ---------------------------

rules.add_perm("rota.plan_service", manages_service)
rules.add_perm("rota.plan_person", manages_persons_service)
rules.add_perm("rota.my_shifts", is_support_worker)
rules.add_perm(
    "rota.see_person_week",
    # A supporter sees the week if the person shared their team choices with them.
    is_the_person | (is_a_supporter_of & may_see_team_choices) | manages_persons_service,
)
rules.add_perm("rota.see_why", may_see_team_choices)
# Who may give the person personal care: the person, or their manager with them.
rules.add_perm("rota.set_personal_care", is_the_person | manages_persons_service)
# How much each soft goal of the rota counts, for the admin's own organisation.
rules.add_perm("rota.change_settings", is_org_admin)
# Progress of `solve_rotas --week` (run by operators): the admin sees their organisation's part.
rules.add_perm("rota.see_solve_runs", is_org_admin)


def visible_rota_services(queryset: QuerySet[Service], user: Any) -> QuerySet[Service]:
    """The services whose rota `user` plans. Matches `rota.plan_service`."""
    s = standing_of(user)
    if s.staff_role != StaffMember.Role.SERVICE_MANAGER:
        return queryset.none()
    return queryset.filter(pk__in=list(s.staff_service_ids))


@rules.predicate
def manages_workers_service(user: Any, worker: Any) -> bool:
    s = standing_of(user)
    return (
        worker is not None
        and s.staff_role == StaffMember.Role.SERVICE_MANAGER
        and worker.role == StaffMember.Role.SUPPORT_WORKER
        and bool(set(worker.services.values_list("pk", flat=True)) & s.staff_service_ids)
    )


rules.add_perm("rota.plan_worker", manages_workers_service)
