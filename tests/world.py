"""A small world with one user for every role the policy knows, used by the permission
matrix and other tests. "A" is the person whose record is being asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alongside.organisations.models import StaffMember
from alongside.people.sharing import SupporterScope, supporter_audience

from .factories import (
    CouncilFactory,
    CouncilWorkerFactory,
    PersonFactory,
    ProviderFactory,
    RegionFactory,
    ServiceFactory,
    StaffMemberFactory,
    SupporterFactory,
)

ROLES = [
    "anonymous",
    "person",
    "other_person",
    "supporter_with_scope",
    "supporter_without_scope",
    "worker_in_service",
    "worker_out_of_service",
    "service_manager",
    "quality_lead",
    "council_worker",
    "other_council_worker",
    "org_admin",
]


@dataclass
class World:
    provider: Any
    service: Any
    other_service: Any
    council: Any
    other_council: Any
    person: Any
    other_person: Any
    supporter_with_scope: Any
    supporter_without_scope: Any
    users: dict[str, Any]


def build_world() -> World:
    provider = ProviderFactory()
    region = RegionFactory(organisation=provider)
    service = ServiceFactory(organisation=provider, region=region)
    other_service = ServiceFactory(organisation=provider, region=region)
    council = CouncilFactory()
    other_council = CouncilFactory()
    person = PersonFactory(service=service, council=council)
    other_person = PersonFactory(service=other_service, council=other_council)
    with_scope = SupporterFactory(person=person, scopes=list(SupporterScope.values))
    without_scope = SupporterFactory(person=person, scopes=[])
    # The person shares every part with the first supporter by name, none with the second.
    for part in person.sharing:
        person.sharing[part].append(supporter_audience(with_scope.pk))
    person.save()

    def staff(role: str, services: list[Any]) -> Any:
        return StaffMemberFactory(organisation=provider, role=role, services=services).user

    org_admin = staff(StaffMember.Role.ORG_ADMIN, [])
    org_admin.is_staff = True
    org_admin.save()
    users = {
        "anonymous": None,
        "person": person.user,
        "other_person": other_person.user,
        "supporter_with_scope": with_scope.user,
        "supporter_without_scope": without_scope.user,
        "worker_in_service": staff(StaffMember.Role.SUPPORT_WORKER, [service]),
        "worker_out_of_service": staff(StaffMember.Role.SUPPORT_WORKER, [other_service]),
        "service_manager": staff(StaffMember.Role.SERVICE_MANAGER, [service]),
        "quality_lead": staff(StaffMember.Role.QUALITY_LEAD, []),
        "council_worker": CouncilWorkerFactory(council=council).user,
        "other_council_worker": CouncilWorkerFactory(council=other_council).user,
        "org_admin": org_admin,
    }
    assert set(users) == set(ROLES)
    return World(
        provider=provider,
        service=service,
        other_service=other_service,
        council=council,
        other_council=other_council,
        person=person,
        other_person=other_person,
        supporter_with_scope=with_scope,
        supporter_without_scope=without_scope,
        users=users,
    )
