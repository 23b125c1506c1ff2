"""Reads for the start page and each role's home."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from alongside.organisations.models import Service, StaffMember
from alongside.people.models import Person, Supporter
from alongside.policy import standing_of, visible_people, visible_services


def people_for_home(*, user: Any) -> QuerySet[Person]:
    """The people a user sees on their home page, with what each card needs loaded."""
    return visible_people(Person.objects.all(), user).select_related("service")


def services_for_home(*, user: Any) -> QuerySet[Service]:
    return (
        visible_services(Service.objects.all(), user)
        .select_related("region")
        .annotate(people_count=Count("people", distinct=True))
        .order_by("region__name", "name")
    )


def my_team(*, person: Person) -> QuerySet[StaffMember]:
    """The support workers and managers at the person's service."""
    return (
        StaffMember.objects.filter(
            services=person.service,
            role__in=[StaffMember.Role.SUPPORT_WORKER, StaffMember.Role.SERVICE_MANAGER],
        )
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def supporters_of(*, person: Person) -> QuerySet[Supporter]:
    return person.supporters.filter(is_active=True).select_related("user")


def people_i_support(*, user: Any) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=list(standing_of(user).supporting)).select_related(
        "service"
    )
