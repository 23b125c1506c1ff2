"""Reads for organisations: services, skills and staff, fetched by id for the pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from .models import Organisation, Service, Skill, StaffMember


def service_by_id(*, service_id: Any) -> Service | None:
    """The service with this id, or None; the page's rule then says who may see it."""
    return Service.objects.filter(pk=service_id).first()


def service_names(*, service_ids: Iterable[int]) -> dict[int, str]:
    """The name of each of these services, by id."""
    return {pk: service.name for pk, service in Service.objects.in_bulk(list(service_ids)).items()}


def council_by_id(*, council_id: int) -> Organisation:
    """The council with this id (the policy let its worker in, so it is there)."""
    return Organisation.objects.get(pk=council_id)


def service_count(*, organisation: Organisation) -> int:
    """How many services the organisation has."""
    return organisation.services.count()


def staff_count(*, organisation: Organisation) -> int:
    """How many staff the organisation has."""
    return organisation.staff.count()


def service_for(*, user: Any, service_id: Any) -> Service | None:
    """One service the user may open, with its region and organisation, or None."""
    return (
        Service.objects.select_related("region", "organisation")
        .visible_to(user)
        .filter(pk=service_id)
        .first()
    )


def people_at_service_for(*, service: Service, user: Any) -> QuerySet[Any]:
    """The people at the service whom the user may see."""
    return service.people.all().visible_to(user)


def service_with_organisation(*, service_id: Any) -> Service | None:
    """The service with this id, with its organisation, or None."""
    return Service.objects.select_related("organisation").filter(pk=service_id).first()


def organisation_by_id(*, organisation_id: int | None) -> Organisation | None:
    """The organisation with this id, or None."""
    return Organisation.objects.filter(pk=organisation_id or 0).first()


def records_in_order(*, organisation: Organisation, kind: str) -> QuerySet[Any]:
    """The organisation's set-up records of `kind`, oldest first."""
    # Set-up brings in the importer: loaded only by the set-up pages that ask.
    from .setup import records_of

    return records_of(organisation=organisation, kind=kind).order_by("pk")


def record_of(*, organisation: Organisation, kind: str, record_id: Any) -> Any:
    """One of the organisation's set-up records of `kind`, or None (another's is not there)."""
    from .setup import records_of

    return records_of(organisation=organisation, kind=kind).filter(pk=record_id).first()


def all_skills() -> QuerySet[Skill]:
    """Every skill, in the model's order."""
    return Skill.objects.all()


def skills_by_name() -> QuerySet[Skill]:
    """Every skill, by name."""
    return Skill.objects.order_by("name")


def skills_with_ids(*, skill_ids: Iterable[int]) -> list[Skill]:
    """The skills with these ids."""
    return list(Skill.objects.filter(pk__in=list(skill_ids)))


def staff_member_of(*, user: Any) -> StaffMember | None:
    """The staff record of this user, or None if they are not staff."""
    return StaffMember.objects.filter(user__pk=user.pk or 0).first()


def staff_member_by_id(*, worker_id: Any) -> StaffMember | None:
    """The staff member with this id, with their user, or None."""
    return StaffMember.objects.select_related("user").filter(pk=worker_id).first()


def staff_with_ids(*, worker_ids: Iterable[int]) -> list[StaffMember]:
    """The staff members with these ids."""
    return list(StaffMember.objects.filter(pk__in=list(worker_ids)))
