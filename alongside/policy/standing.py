"""Who the user is (their standing, worked out once per request), the role predicates, and
the relationships to a person and to a service that every domain's rules are built from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import rules

from alongside.organisations.models import StaffMember
from alongside.people.sharing import (
    Audience,
    not_worker_audience,
    supporter_audience,
    worker_audience,
)

if TYPE_CHECKING:
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
