"""The one permission policy for Alongside.

Every view, API view and template asks this module. Rules are named predicates (the
`rules` package); lists start from the user-scoped querysets at the bottom, so a record
someone may not see is never even fetched. Read docs/permissions.md beside this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q, QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.sharing import (
    ABOUT_ME_PARTS,
    Audience,
    Part,
    SupporterScope,
    not_worker_audience,
    supporter_audience,
    worker_audience,
)

if TYPE_CHECKING:
    from alongside.organisations.models import Service
    from alongside.people.models import Person


# --- Who the user is, worked out once per request -------------------------------------


@dataclass(frozen=True)
class Standing:
    """Everything the policy needs to know about a signed-in user."""

    person_id: int | None = None
    staff_id: int | None = None
    staff_role: str | None = None
    staff_organisation_id: int | None = None
    staff_service_ids: frozenset[int] = field(default_factory=frozenset)
    council_id: int | None = None
    # person id -> the scopes that person granted this user
    supporting: dict[int, frozenset[str]] = field(default_factory=dict)
    # person id -> this user's Supporter id for that person (sharing names supporters by id)
    supporter_ids: dict[int, int] = field(default_factory=dict)


def standing_of(user: Any) -> Standing:
    if user is None or not user.is_authenticated:
        return Standing()
    cached = getattr(user, "_alongside_standing", None)
    if cached is not None:
        return cached
    from alongside.organisations.models import CouncilWorker
    from alongside.people.models import Person, Supporter

    person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    staff = StaffMember.objects.filter(user=user).first()
    council_id = (
        CouncilWorker.objects.filter(user=user).values_list("council_id", flat=True).first()
    )
    links = list(Supporter.objects.filter(user=user, is_active=True).only("person_id", "scopes"))
    supporting = {s.person_id: frozenset(s.scopes) for s in links}
    supporter_ids = {s.person_id: s.pk for s in links}
    standing = Standing(
        person_id=person_id,
        staff_id=staff.pk if staff else None,
        staff_role=staff.role if staff else None,
        staff_organisation_id=staff.organisation_id if staff else None,
        staff_service_ids=frozenset(staff.services.values_list("pk", flat=True))
        if staff
        else frozenset(),
        council_id=council_id,
        supporting=supporting,
        supporter_ids=supporter_ids,
    )
    user._alongside_standing = standing
    return standing


def forget_standing(user: Any) -> None:
    """Call after changing someone's roles, services or supporter scopes."""
    if hasattr(user, "_alongside_standing"):
        del user._alongside_standing


@dataclass(frozen=True)
class PersonPart:
    """One part of a person's record (see people.sharing.Part)."""

    person: Person
    part: str


# --- Roles -----------------------------------------------------------------------------


@rules.predicate
def is_person_we_support(user: Any) -> bool:
    return standing_of(user).person_id is not None


@rules.predicate
def is_supporter(user: Any) -> bool:
    return bool(standing_of(user).supporting)


@rules.predicate
def is_support_worker(user: Any) -> bool:
    return standing_of(user).staff_role == StaffMember.Role.SUPPORT_WORKER


@rules.predicate
def is_service_manager(user: Any) -> bool:
    return standing_of(user).staff_role == StaffMember.Role.SERVICE_MANAGER


@rules.predicate
def is_quality_lead(user: Any) -> bool:
    return standing_of(user).staff_role == StaffMember.Role.QUALITY_LEAD


@rules.predicate
def is_org_admin(user: Any) -> bool:
    return standing_of(user).staff_role == StaffMember.Role.ORG_ADMIN


@rules.predicate
def is_council_worker(user: Any) -> bool:
    return standing_of(user).council_id is not None


# --- Relationships to a person ---------------------------------------------------------


def _person_of(obj: Any) -> Person:
    return obj.person if isinstance(obj, PersonPart) else obj


@rules.predicate
def is_the_person(user: Any, obj: Any) -> bool:
    return obj is not None and standing_of(user).person_id == _person_of(obj).pk


@rules.predicate
def is_a_supporter_of(user: Any, obj: Any) -> bool:
    return obj is not None and _person_of(obj).pk in standing_of(user).supporting


def supporter_may(scope: str) -> Any:
    """A predicate: the user supports the person and the person granted them `scope`."""

    @rules.predicate(name=f"supporter_may_{scope}")
    def predicate(user: Any, obj: Any) -> bool:
        if obj is None:
            return False
        return scope in standing_of(user).supporting.get(_person_of(obj).pk, frozenset())

    return predicate


@rules.predicate
def works_at_persons_service(user: Any, obj: Any) -> bool:
    s = standing_of(user)
    return (
        obj is not None
        and s.staff_role == StaffMember.Role.SUPPORT_WORKER
        and _person_of(obj).service_id in s.staff_service_ids
    )


@rules.predicate
def manages_persons_service(user: Any, obj: Any) -> bool:
    s = standing_of(user)
    return (
        obj is not None
        and s.staff_role == StaffMember.Role.SERVICE_MANAGER
        and _person_of(obj).service_id in s.staff_service_ids
    )


@rules.predicate
def is_persons_council_worker(user: Any, obj: Any) -> bool:
    s = standing_of(user)
    return (
        obj is not None and s.council_id is not None and _person_of(obj).council_id == s.council_id
    )


def _shared_with(audience: str) -> Any:
    @rules.predicate(name=f"part_shared_with_{audience}")
    def predicate(user: Any, obj: Any) -> bool:
        return isinstance(obj, PersonPart) and obj.person.shares(obj.part, audience)

    return predicate


@rules.predicate
def team_member_may_see_part(user: Any, obj: Any) -> bool:
    """A support worker at the person's service, on one part: the person named this worker
    for it, or shares it with their team and did not keep it from this worker by name.
    Every staff path to a part of the record (pages, API, download, Today, meetings, reviews)
    asks this one predicate, so "not Tony" holds everywhere."""
    if not isinstance(obj, PersonPart) or not works_at_persons_service(user, obj):
        return False
    staff_id = standing_of(user).staff_id
    if staff_id is None:
        return False
    person, part = obj.person, obj.part
    if person.shares(part, worker_audience(staff_id)):
        return True
    return person.shares(part, Audience.TEAM) and not person.shares(
        part, not_worker_audience(staff_id)
    )


@rules.predicate
def supporter_may_see_part(user: Any, obj: Any) -> bool:
    """The person shared this part with this supporter by name."""
    return isinstance(obj, PersonPart) and _shared_with_supporter(user, obj.person, obj.part)


def _shared_with_supporter(user: Any, person: Person, part: str) -> bool:
    supporter_id = standing_of(user).supporter_ids.get(person.pk)
    return supporter_id is not None and person.shares(part, supporter_audience(supporter_id))


def supporter_may_on_part(scope: str, *parts: str) -> Any:
    """A predicate: the user supports the person, has `scope`, and the person shares the part
    with them by name. What a supporter may do to a part never goes beyond what the person
    shares of it.

    On a PersonPart: that part, which must be one of `parts`. On a Person (a page about the
    whole group, e.g. all of About me): at least one of `parts` is shared; the page then asks
    again, part by part, with a PersonPart.
    """

    @rules.predicate(name=f"supporter_may_{scope}_on_{'_'.join(parts)}")
    def predicate(user: Any, obj: Any) -> bool:
        if obj is None:
            return False
        person = _person_of(obj)
        if scope not in standing_of(user).supporting.get(person.pk, frozenset()):
            return False
        asked = [obj.part] if isinstance(obj, PersonPart) else list(parts)
        return any(part in parts and _shared_with_supporter(user, person, part) for part in asked)

    return predicate


# --- Relationships to a service --------------------------------------------------------


@rules.predicate
def works_in_or_manages_service(user: Any, service: Any) -> bool:
    return service is not None and service.pk in standing_of(user).staff_service_ids


@rules.predicate
def manages_service(user: Any, service: Any) -> bool:
    s = standing_of(user)
    return (
        service is not None
        and s.staff_role == StaffMember.Role.SERVICE_MANAGER
        and service.pk in s.staff_service_ids
    )


@rules.predicate
def leads_quality_for_service(user: Any, service: Any) -> bool:
    s = standing_of(user)
    return (
        service is not None
        and s.staff_role == StaffMember.Role.QUALITY_LEAD
        and service.organisation_id == s.staff_organisation_id
    )


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


@rules.predicate
def signs_in_with_two_factor(user: Any) -> bool:
    return bool(user.is_authenticated and user.needs_two_factor)


@rules.predicate
def resets_two_factor_of(user: Any, target: Any) -> bool:
    """A platform superuser resets anyone's; an organisation admin resets the two-factor of
    staff of their own organisation (never their own: that needs a code or another admin)."""
    if target is None or not user.is_authenticated or not user.is_active or target.pk == user.pk:
        return False
    # The same organisation the admin's set-up pages cover (None: a superuser, every one).
    own = setup_organisation_id(user)
    if own is None:
        return True
    if target.is_superuser:  # the platform team's accounts are reset by the platform team
        return False
    from alongside.organisations.models import CouncilWorker

    return (
        StaffMember.objects.filter(user=target, organisation_id=own).exists()
        or CouncilWorker.objects.filter(user=target, council_id=own).exists()
    )


# --- Accounts an organisation admin looks after: invitations, leavers ------------------


def _account_links(organisation_id: int) -> Q:
    """Accounts that belong to an organisation: its staff, its council workers, the people
    at its services and their supporters."""
    return (
        Q(staff_member__organisation_id=organisation_id)
        | Q(council_worker__council_id=organisation_id)
        | Q(person__service__organisation_id=organisation_id)
        | Q(supporting__person__service__organisation_id=organisation_id)
    )


def managed_accounts(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The accounts an organisation admin may invite, end or switch back on: their own
    organisation's, never their own and never a platform superuser's."""
    s = standing_of(user)
    if s.staff_role != StaffMember.Role.ORG_ADMIN or s.staff_organisation_id is None:
        return queryset.none()
    return (
        queryset.filter(_account_links(s.staff_organisation_id))
        .exclude(pk=user.pk)
        .exclude(is_superuser=True)
        .distinct()
    )


@rules.predicate
def manages_account_of(user: Any, target: Any) -> bool:
    if target is None or not user.is_authenticated:
        return False
    from alongside.accounts.models import User

    return managed_accounts(User.objects.filter(pk=target.pk), user).exists()


@rules.predicate
def account_may_be_ended(user: Any, target: Any) -> bool:
    """Staff, council workers and supporters are ended by their admin; a person we support
    only ever leaves their own account through their service (not from this page)."""
    return target is not None and not hasattr(target, "person")


rules.add_perm("accounts.invite_people", is_org_admin)
rules.add_perm("accounts.invite", is_org_admin & manages_account_of)
rules.add_perm("accounts.end_account", is_org_admin & manages_account_of & account_may_be_ended)
rules.add_perm("accounts.manage_two_factor", signs_in_with_two_factor)
rules.add_perm("accounts.reset_two_factor", resets_two_factor_of)
rules.add_perm("api.use", rules.is_authenticated)
# Integration clients (tokens) are made and revoked by an organisation admin, for their own
# organisation's staff (ADR 0062).
rules.add_perm("api.manage_clients", is_org_admin)
rules.add_perm("web.public", rules.always_allow)


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


# --- Kept downloads (alongside.downloads) ---------------------------------------------
# A download is made for the one who asked, holding what they could see then. It is handed
# out only to them, only while "people.download" still lets them, only for 7 days, and only
# while what they may see is unchanged: turning sharing off since then refuses it.


def download_sees(user: Any, person: Person) -> list[str]:
    """What a download made for `user` now would hold: the parts they may see, and "who
    looked" if they may see it. Kept with each download, compared again when it is fetched."""
    seen = visible_parts(user, person)
    if user.has_perm("people.see_who_looked", person):
        seen.add("who_looked")
    return sorted(seen)


def kept_download_refusal(user: Any, kept: Any, *, now: Any) -> str:
    """Why a kept download may not be handed out to `user` now, in plain words; "" if it may."""
    if kept.expires_at <= now:
        return (
            "We keep a download for 7 days. This one has been deleted. You can ask for a new one."
        )
    if kept.status != "ready":
        return "This download is not ready yet."
    if list(kept.could_see) != download_sees(user, kept.person):
        return (
            "What you may see has changed since this download was made, so we do not give it "
            "out any more. You can ask for a new one."
        )
    return ""


@rules.predicate
def asked_for_this_download(user: Any, kept: Any) -> bool:
    return kept is not None and user.is_authenticated and kept.asked_by_id == user.pk


@rules.predicate
def may_still_download_the_person(user: Any, kept: Any) -> bool:
    return kept is not None and user.has_perm("people.download", kept.person)


@rules.predicate
def kept_download_may_be_handed_out(user: Any, kept: Any) -> bool:
    from django.utils import timezone

    return kept is not None and not kept_download_refusal(user, kept, now=timezone.now())


rules.add_perm("downloads.see", asked_for_this_download & may_still_download_the_person)
rules.add_perm(
    "downloads.fetch",
    asked_for_this_download & may_still_download_the_person & kept_download_may_be_handed_out,
)


# --- The set-up pages (Django admin) ----------------------------------------------------
# Organisation admins configure their organisation: services, regions, skills and staff.
# People's records are not in the admin at all: nobody sees them there by default.
# Every row they see, every choice they are offered and every save is their own
# organisation's (`setup_rows`); only a platform superuser makes or removes organisations
# or changes the skills list, which every organisation shares.


@rules.predicate
def is_council_admin(user: Any) -> bool:
    """An organisation admin whose organisation is a council (it has council workers)."""
    from alongside.organisations.models import Organisation

    s = standing_of(user)
    return (
        s.staff_role == StaffMember.Role.ORG_ADMIN
        and s.staff_organisation_id is not None
        and Organisation.objects.filter(
            pk=s.staff_organisation_id, kind=Organisation.Kind.COUNCIL
        ).exists()
    )


ADMIN_MODELS = {
    "organisations": ["organisation", "region", "service", "skill", "staffmember", "councilworker"],
}
# Superusers pass every rule through Django's ModelBackend; these are for everyone else.
SETUP_RULES: dict[str, Any] = {
    "organisations.add_organisation": rules.is_superuser,
    "organisations.delete_organisation": rules.is_superuser,
    "organisations.add_skill": rules.is_superuser,
    "organisations.change_skill": rules.is_superuser,
    "organisations.delete_skill": rules.is_superuser,
    "organisations.add_councilworker": is_council_admin,
    "organisations.change_councilworker": is_council_admin,
    "organisations.delete_councilworker": is_council_admin,
}
for _app, _models in ADMIN_MODELS.items():
    rules.add_perm(_app, is_org_admin)
    for _model in _models:
        for _action in ("view", "add", "change", "delete"):
            _name = f"{_app}.{_action}_{_model}"
            rules.add_perm(_name, SETUP_RULES.get(_name, is_org_admin))


# --- Alongside's own set-up pages (issue 13, item 4) ----------------------------------------
# An organisation admin adds, changes and ends their own organisation's services, staff and
# supporters; a service manager adds a person we support to a service they manage. The
# Django admin above is for platform operators.


def _organisation_id_of(record: Any) -> int | None:
    for path in ("organisation_id", "person.service.organisation_id"):
        value: Any = record
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return int(value)
    return None


@rules.predicate
def record_is_in_own_organisation(user: Any, record: Any) -> bool:
    """A service, staff member or supporter of the admin's own organisation."""
    organisation_id = standing_of(user).staff_organisation_id
    return organisation_id is not None and _organisation_id_of(record) == organisation_id


rules.add_perm("organisations.set_up_records", is_org_admin)
rules.add_perm("organisations.change_record", is_org_admin & record_is_in_own_organisation)
rules.add_perm("people.add_person", manages_service)


def setup_organisation_id(user: Any) -> int | None:
    """The organisation whose set-up pages `user` may use; None for a superuser (every one)."""
    if user.is_superuser:
        return None
    s = standing_of(user)
    if s.staff_role != StaffMember.Role.ORG_ADMIN or s.staff_organisation_id is None:
        return -1  # matches nothing
    return s.staff_organisation_id


def setup_rows(queryset: QuerySet[Any], user: Any, *, path: str) -> QuerySet[Any]:
    """Rows of the set-up pages (lists and form choices) that `user` may see and pick:
    those whose `path` is their own organisation. Every row for a superuser."""
    organisation_id = setup_organisation_id(user)
    if organisation_id is None:
        return queryset
    return queryset.filter(**{path: organisation_id})


def setup_users(queryset: QuerySet[Any], user: Any, *, path: str) -> QuerySet[Any]:
    """Accounts an admin may link to a staff or council-worker record: those already in
    their organisation (at `path`), or those with no role anywhere yet. Linking someone
    else's account would hand it into this organisation."""
    organisation_id = setup_organisation_id(user)
    if organisation_id is None:
        return queryset
    no_role = Q(
        staff_member__isnull=True,
        council_worker__isnull=True,
        person__isnull=True,
        supporting__isnull=True,
        is_superuser=False,
    )
    return queryset.filter(Q(**{path: organisation_id}) | no_role).distinct()


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


# --- reviews: reviews, goals and personal budgets ---------------------------------------
# The council worker of the person's council carries out the review and answers budget
# changes (it is the council's duty), whatever the person's sharing choices. Everyone else
# sees the person's reviews and budget only as the person shares them (Part.REVIEWS,
# Part.BUDGET): by default their service manager sees reviews, nobody else sees the budget.
# A budget rise is approved by a named budget approver of the council (ADR 0041).


def _review_part(obj: Any) -> Any:
    from alongside.people.sharing import Part

    return obj if isinstance(obj, PersonPart) else PersonPart(_person_of(obj), Part.REVIEWS)


def _budget_part(obj: Any) -> Any:
    from alongside.people.sharing import Part

    return obj if isinstance(obj, PersonPart) else PersonPart(_person_of(obj), Part.BUDGET)


@rules.predicate
def may_see_reviews_part(user: Any, obj: Any) -> bool:
    return obj is not None and bool(user.has_perm("people.see_part", _review_part(obj)))


@rules.predicate
def may_see_budget_part(user: Any, obj: Any) -> bool:
    return obj is not None and bool(user.has_perm("people.see_part", _budget_part(obj)))


@rules.predicate
def approves_budgets_for_persons_council(user: Any, obj: Any) -> bool:
    from alongside.reviews.models import BudgetApprover

    s = standing_of(user)
    if obj is None or s.council_id is None or _person_of(obj).council_id != s.council_id:
        return False
    return BudgetApprover.objects.filter(council_worker__user=user).exists()


rules.add_perm("reviews.see_reviews_due", is_council_worker)
rules.add_perm("reviews.see_reviews", may_see_reviews_part | is_persons_council_worker)
rules.add_perm("reviews.conduct_review", is_persons_council_worker)
# A supporter helps with reviews and goals only if the person shares that part with them.
helps_with_reviews = supporter_may_on_part(SupporterScope.HELP_EDIT, Part.REVIEWS)
helps_with_budget = supporter_may_on_part(SupporterScope.BUDGET, Part.BUDGET)
rules.add_perm("reviews.prepare_review", is_the_person | helps_with_reviews)
rules.add_perm("reviews.ask_for_review", is_the_person | helps_with_reviews)
rules.add_perm(
    "reviews.change_goals", is_the_person | helps_with_reviews | is_persons_council_worker
)
rules.add_perm("reviews.see_budget", may_see_budget_part | is_persons_council_worker)
rules.add_perm("reviews.propose_budget_change", is_the_person | helps_with_budget)
# Who may ask for a change may take it back before the council answers.
rules.add_perm("reviews.withdraw_budget_change", is_the_person | helps_with_budget)
rules.add_perm(
    "reviews.record_spending", is_the_person | helps_with_budget | is_persons_council_worker
)
rules.add_perm("reviews.answer_budget_change", is_persons_council_worker)
rules.add_perm("reviews.set_up_budget", is_persons_council_worker)
rules.add_perm("reviews.approve_budget_change", approves_budgets_for_persons_council)


def visible_reviews(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Reviews a council worker carries out: those of people of their council."""
    s = standing_of(user)
    if s.council_id is None:
        return queryset.none()
    return queryset.filter(person__council_id=s.council_id)


def visible_budget_changes(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Budget changes a council worker answers: those of people of their council."""
    s = standing_of(user)
    if s.council_id is None:
        return queryset.none()
    return queryset.filter(budget__person__council_id=s.council_id)


# --- worker photos ----------------------------------------------------------------------
# A support worker's photo is seen by whoever may see that worker: the worker, the staff of
# the worker's services, the people supported there, and a supporter who may see such a
# person's team choices. The worker and their service manager may change it.


def _worker_service_ids(worker: Any) -> set[int]:
    return set(worker.services.values_list("pk", flat=True))


@rules.predicate
def is_the_worker(user: Any, worker: Any) -> bool:
    return worker is not None and user.is_authenticated and worker.user_id == user.pk


@rules.predicate
def may_see_worker(user: Any, worker: Any) -> bool:
    from alongside.people.models import Person

    if worker is None or worker.role != StaffMember.Role.SUPPORT_WORKER:
        return False
    s = standing_of(user)
    services = _worker_service_ids(worker)
    if s.staff_service_ids & services:
        return True
    people = Person.objects.filter(service_id__in=services)
    if s.person_id is not None and people.filter(pk=s.person_id).exists():
        return True
    return any(
        user.has_perm("team.see_choices", person)
        for person in people.filter(pk__in=list(s.supporting))
    )


rules.add_perm("team.see_worker_photo", is_the_worker | may_see_worker)
rules.add_perm("team.change_worker_photo", is_the_worker | manages_workers_service)
# A worker's few words about themselves are theirs: only they write them.
rules.add_perm("team.write_about_myself", is_the_worker)


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


# --- Bringing in records from a file (imports) -----------------------------------------
# An organisation admin brings in their own organisation's records. A checked file is
# theirs alone: another admin, or another organisation, cannot see or bring it in.


@rules.predicate
def checked_the_file(user: Any, run: Any) -> bool:
    s = standing_of(user)
    return (
        s.staff_role == StaffMember.Role.ORG_ADMIN
        and run.organisation_id == s.staff_organisation_id
        and run.started_by_id == user.pk
    )


rules.add_perm("imports.bring_in_records", is_org_admin)
rules.add_perm("imports.use_checked_file", checked_the_file)

# --- notifications: email sent in the background -------------------------------------------

# An admin sees the emails to their organisation's staff and people that could not be sent.
rules.add_perm("notifications.see_failed_emails", is_org_admin)
