"""Reads for the API: each list starts from the user's scope, as the pages' lists do."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from alongside.everyday.models import Suggestion
from alongside.organisations.models import Organisation, Service, StaffMember
from alongside.people.models import Person
from alongside.policy import visible_services

from .models import ApiClient


def people_for(*, user: Any, service_id: int | None = None) -> QuerySet[Person]:
    """The people the user may see, by id; only those at `service_id` when given."""
    people = Person.objects.visible_to(user).order_by("id")
    return people.filter(service_id=service_id) if service_id is not None else people


def services_for(*, user: Any) -> QuerySet[Service]:
    """The services the user may see, with their region, by id."""
    return visible_services(Service.objects.select_related("region"), user).order_by("id")


def suggestions_for(*, user: Any, service_id: int | None = None) -> QuerySet[Suggestion]:
    """The ideas the user may see, newest first; only those for `service_id` when given."""
    ideas = Suggestion.objects.visible_to(user).order_by("-received_at", "-id")
    return ideas.filter(service_id=service_id) if service_id is not None else ideas


# --- The admin's page for integration clients --------------------------------------------


def staff_by_name(*, organisation: Organisation) -> QuerySet[StaffMember]:
    """The organisation's staff, with their accounts, by name: whom a client may act as."""
    return (
        StaffMember.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__display_name")
    )


def staff_account(*, organisation: Organisation, user_id: Any) -> Any:
    """The account of one of the organisation's staff (the form offered only those)."""
    return StaffMember.objects.get(user_id=user_id, organisation=organisation).user


def clients_of(*, organisation: Organisation) -> QuerySet[ApiClient]:
    """The organisation's integration clients, with whom each acts as."""
    return ApiClient.objects.filter(organisation=organisation).select_related("acts_as")


def client_of(*, organisation: Organisation, client_id: Any) -> ApiClient | None:
    """One of the organisation's integration clients, or None (another's is not there)."""
    return ApiClient.objects.filter(pk=client_id, organisation=organisation).first()
