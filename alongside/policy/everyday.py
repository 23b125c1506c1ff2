"""everyday: how I am today, the team's handover, suggestions, meetings, messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.sharing import (
    Audience,
    Part,
    SupporterScope,
)
from alongside.policy.standing import (
    PersonPart,
    _person_of,
    _shared_with,
    is_quality_lead,
    is_service_manager,
    is_support_worker,
    is_the_person,
    manages_persons_service,
    manages_service,
    standing_of,
    supporter_may_on_part,
    team_member_may_see_part,
)

if TYPE_CHECKING:
    from alongside.organisations.models import Service


# --- everyday: how I am today, and the team's handover ----------------------------------
# A check-in is the `today` part of the person's record: the person writes it (or a support
# worker at their service does it with them, if the person shares `today` with their team);
# everyone else sees it only as the person's sharing choices allow.


@rules.predicate
def may_see_part(user: Any, obj: Any) -> bool:
    return isinstance(obj, PersonPart) and user.has_perm("people.see_part", obj)


rules.add_perm("everyday.check_in", is_the_person | team_member_may_see_part)
rules.add_perm("everyday.see_check_ins", may_see_part)


@rules.predicate
def may_see_what_helps(user: Any, obj: Any) -> bool:
    """What would help today is picked from the person's "good days and bad days" section,
    so a check-in's picks are seen only by those who may see that section too."""
    if obj is None:
        return False
    return bool(
        user.has_perm("people.see_part", PersonPart(_person_of(obj), Part.GOOD_AND_BAD_DAYS))
    )


rules.add_perm("everyday.see_what_helps", may_see_what_helps)
rules.add_perm("everyday.see_handover", is_support_worker | is_service_manager)

# Suggestions: anyone who lives at, supports someone at, or works at a service may suggest an
# improvement to it; its manager answers; everyone connected to it sees "You said, we did".


def suggestion_service_ids(user: Any) -> set[int]:
    """The services `user` may make suggestions to and read "You said, we did" for."""
    from alongside.people.models import Person

    s = standing_of(user)
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_alongside_suggestion_services", None)
    if cached is not None:
        return cached
    ids = set(s.staff_service_ids)
    people = [pk for pk in [s.person_id, *s.supporting] if pk is not None]
    if people:
        ids |= set(Person.objects.filter(pk__in=people).values_list("service_id", flat=True))
    user._alongside_suggestion_services = ids
    return ids


@rules.predicate
def may_suggest(user: Any) -> bool:
    return bool(suggestion_service_ids(user))


@rules.predicate
def connected_to_service(user: Any, service: Any) -> bool:
    return service is not None and service.pk in suggestion_service_ids(user)


@rules.predicate
def manages_suggestion_service(user: Any, suggestion: Any) -> bool:
    return suggestion is not None and bool(manages_service(user, suggestion.service))


rules.add_perm("everyday.suggest", may_suggest)
rules.add_perm("everyday.see_you_said_we_did", connected_to_service)
rules.add_perm("everyday.see_suggestions", is_service_manager)
rules.add_perm("everyday.respond_to_suggestion", manages_suggestion_service)


def visible_suggestions(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Suggestions a manager answers: those for the services they manage."""
    s = standing_of(user)
    if s.staff_role == StaffMember.Role.SERVICE_MANAGER:
        return queryset.filter(service_id__in=list(s.staff_service_ids))
    return queryset.none()


# Regular meetings are the person's own, and a part of their record they share (`meetings`):
# they plan them, add to the agenda, write notes and agree actions with a supporter who helps
# them write, if they share their meetings with that supporter by name, and with the support
# workers and manager at their service, if shared with the team or the manager (the default).
_joins_meetings = (
    is_the_person
    | supporter_may_on_part(SupporterScope.HELP_EDIT, Part.MEETINGS)
    | team_member_may_see_part
    | (manages_persons_service & _shared_with(Audience.MANAGER))
)


def _meetings_part(obj: Any) -> PersonPart:
    return PersonPart(_person_of(obj), Part.MEETINGS)


@rules.predicate
def can_join_meetings(user: Any, obj: Any) -> bool:
    """Asked of the person (or any part of them): always about their meetings part."""
    return obj is not None and bool(_joins_meetings.test(user, _meetings_part(obj)))


rules.add_perm("everyday.see_meetings", can_join_meetings)
rules.add_perm("everyday.write_meeting", can_join_meetings)

# Everyone signed in has their own messages; nobody sees anyone else's.
rules.add_perm("everyday.see_notifications", rules.is_authenticated)

# How quickly each service answers ideas: managers for their services, quality leads for
# their organisation. Counts and times only, never the ideas' authors.
rules.add_perm("everyday.see_response_times", is_service_manager | is_quality_lead)


def visible_response_time_services(queryset: QuerySet[Service], user: Any) -> QuerySet[Service]:
    s = standing_of(user)
    if s.staff_role == StaffMember.Role.QUALITY_LEAD:
        return queryset.filter(organisation_id=s.staff_organisation_id or 0)
    if s.staff_role == StaffMember.Role.SERVICE_MANAGER:
        return queryset.filter(pk__in=list(s.staff_service_ids))
    return queryset.none()
