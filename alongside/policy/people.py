"""People we support: who sees the record and each part of it, About me and the plan, the
role homes; the user-scoped querysets of people and services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q, QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.sharing import (
    ABOUT_ME_PARTS,
    Audience,
    Part,
    SupporterScope,
)
from alongside.policy.standing import (
    PersonPart,
    _shared_with,
    is_a_supporter_of,
    is_council_worker,
    is_org_admin,
    is_person_we_support,
    is_persons_council_worker,
    is_quality_lead,
    is_service_manager,
    is_support_worker,
    is_supporter,
    is_the_person,
    leads_quality_for_service,
    manages_persons_service,
    standing_of,
    supporter_may,
    supporter_may_on_part,
    supporter_may_see_part,
    team_member_may_see_part,
    works_at_persons_service,
    works_in_or_manages_service,
)

if TYPE_CHECKING:
    from alongside.organisations.models import Service
    from alongside.people.models import Person


# --- The rules -------------------------------------------------------------------------

can_see_person = (
    is_the_person
    | is_a_supporter_of
    | works_at_persons_service
    | manages_persons_service
    | is_persons_council_worker
)

rules.add_perm("people.see_record", can_see_person)
rules.add_perm(
    "people.see_part",
    is_the_person
    | supporter_may_see_part
    | team_member_may_see_part
    | (manages_persons_service & _shared_with(Audience.MANAGER))
    | (is_persons_council_worker & _shared_with(Audience.COUNCIL)),
)
rules.add_perm("people.change_details", is_the_person | supporter_may(SupporterScope.HELP_EDIT))
# Only the person decides who sees what and who supports them.
rules.add_perm("people.change_sharing", is_the_person)
rules.add_perm("people.manage_supporters", is_the_person)
rules.add_perm(
    "people.see_who_looked", is_the_person | supporter_may(SupporterScope.SEE_WHO_LOOKED)
)
rules.add_perm("people.issue_sign_in_link", manages_persons_service)
# Who the person's supporters are, and their sharing choices, are the person's own business
# (the supporters page and the sharing page are theirs alone): in a FHIR export only theirs.
rules.add_perm("people.see_supporters_and_sharing", is_the_person)
# Bringing a record in from another provider (FHIR): the person, or their service manager
# with them; nothing is written until the person agrees.
rules.add_perm("fhir.bring_in_record", is_the_person | manages_persons_service)

# About me and the plan are the person's own words: they (or a supporter they allow) write
# them; staff at their service only suggest changes, which wait for the person's answer.
# A supporter's scope works only on the parts the person shares with them by name: every page
# that shows or changes a part asks with PersonPart(person, part).
helps_write_about_me = supporter_may_on_part(SupporterScope.HELP_EDIT, *ABOUT_ME_PARTS)
agrees_plan = supporter_may_on_part(SupporterScope.AGREE_PLAN, Part.PLAN)
rules.add_perm("people.change_about_me", is_the_person | helps_write_about_me)
rules.add_perm("people.change_plan", is_the_person | agrees_plan)
rules.add_perm("people.propose_change", works_at_persons_service | manages_persons_service)
rules.add_perm("people.answer_about_me_proposal", is_the_person | helps_write_about_me)
rules.add_perm("people.answer_plan_proposal", is_the_person | agrees_plan)
# Suggestions and earlier versions show the words of a part, so they follow the same rule.
rules.add_perm("people.see_proposals", is_the_person | helps_write_about_me | agrees_plan)
rules.add_perm("people.see_history", is_the_person | helps_write_about_me | agrees_plan)
# The About me history page: at least one section's history (each then asked section by
# section), never opened by the plan's scope alone.
rules.add_perm("people.see_about_me_history", is_the_person | helps_write_about_me)
rules.add_perm("people.download", is_the_person | supporter_may(SupporterScope.DOWNLOAD))

rules.add_perm("organisations.see_service", works_in_or_manages_service | leads_quality_for_service)
rules.add_perm("organisations.see_service_people", works_in_or_manages_service)

rules.add_perm("web.person_home", is_person_we_support)
rules.add_perm("web.supporter_home", is_supporter)
rules.add_perm("web.worker_home", is_support_worker)
rules.add_perm("web.manager_home", is_service_manager)
rules.add_perm("web.quality_lead_home", is_quality_lead)
rules.add_perm("web.council_home", is_council_worker)
rules.add_perm("web.admin_home", is_org_admin)

rules.add_perm("accounts.manage_own_account", rules.is_authenticated)


# --- User-scoped querysets --------------------------------------------------------------


def visible_people(queryset: QuerySet[Person], user: Any) -> QuerySet[Person]:
    """The people `user` may see at all. Matches the `people.see_record` rule exactly."""
    s = standing_of(user)
    if not user.is_authenticated:
        return queryset.none()
    condition = Q(pk__in=[])
    if s.person_id is not None:
        condition |= Q(pk=s.person_id)
    if s.supporting:
        condition |= Q(pk__in=list(s.supporting))
    if s.staff_role in (StaffMember.Role.SUPPORT_WORKER, StaffMember.Role.SERVICE_MANAGER):
        condition |= Q(service_id__in=list(s.staff_service_ids))
    if s.council_id is not None:
        condition |= Q(council_id=s.council_id)
    return queryset.filter(condition)


def visible_services(queryset: QuerySet[Service], user: Any) -> QuerySet[Service]:
    """The services `user` may open. Matches `organisations.see_service`."""
    s = standing_of(user)
    if not user.is_authenticated:
        return queryset.none()
    condition = Q(pk__in=list(s.staff_service_ids))
    if s.staff_role == StaffMember.Role.QUALITY_LEAD:
        condition |= Q(organisation_id=s.staff_organisation_id)
    return queryset.filter(condition)


def visible_parts(user: Any, person: Person) -> set[str]:
    """The parts of `person`'s record that `user` may see, for pages and exports."""
    return {
        part
        for part in Part.values
        if user.has_perm(_RULE_FOR_PART.get(part, "people.see_part"), PersonPart(person, part))
    }


# A part seen through a rule of its own: a meeting's words (in "what changed" too) only by
# those who may join the meetings.
_RULE_FOR_PART: dict[str, str] = {Part.MEETINGS: "everyday.see_meetings"}
