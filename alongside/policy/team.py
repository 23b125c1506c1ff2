"""team: the person's choices about their team, and requests for a change."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.sharing import (
    Part,
    SupporterScope,
)
from alongside.policy.standing import (
    PersonPart,
    _person_of,
    is_org_admin,
    is_service_manager,
    is_the_person,
    manages_persons_service,
    standing_of,
    supporter_may_on_part,
)

# --- team: the person's choices about their team, and requests for a change -----------


@rules.predicate
def may_see_team_choices(user: Any, obj: Any) -> bool:
    """The person's team choices are the `my_team` part of their record."""
    from alongside.people.sharing import Part

    if obj is None:
        return False
    return bool(user.has_perm("people.see_part", PersonPart(_person_of(obj), Part.MY_TEAM)))


rules.add_perm("team.see_choices", may_see_team_choices)
# Only the person decides who they would rather (not) work with.
rules.add_perm("team.choose", is_the_person)
# The reason for "rather not" is for the person and their service manager only.
rules.add_perm("team.see_choice_reasons", is_the_person | manages_persons_service)
# Asking for a change is about the `my_team` part: only if it is shared with the supporter.
asks_for_team_change = supporter_may_on_part(SupporterScope.ASK_FOR_CHANGE, Part.MY_TEAM)
rules.add_perm("team.ask_for_change", is_the_person | asks_for_team_change)
rules.add_perm(
    "team.see_change_requests", is_the_person | asks_for_team_change | manages_persons_service
)
rules.add_perm("team.handle_change_requests", is_service_manager)
rules.add_perm("team.handle_change_request", manages_persons_service)
# How many days a service has to answer a request, for the admin's own organisation.
rules.add_perm("team.change_settings", is_org_admin)


def visible_change_requests(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Requests for a change that `user` handles: those at the services they manage."""
    s = standing_of(user)
    if s.staff_role != StaffMember.Role.SERVICE_MANAGER:
        return queryset.none()
    return queryset.filter(person__service_id__in=list(s.staff_service_ids))
