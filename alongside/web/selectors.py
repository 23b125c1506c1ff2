"""Reads for the start page and each role's home."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from alongside.organisations.models import Service
from alongside.people.models import Person, Supporter
from alongside.people.selectors import my_team as my_team  # the person's team, for homes
from alongside.policy import standing_of


def people_for_home(*, user: Any) -> QuerySet[Person]:
    """The people a user sees on their home page, with what each card needs loaded."""
    return Person.objects.visible_to(user).select_related("service")


def services_for_home(*, user: Any) -> QuerySet[Service]:
    return (
        Service.objects.visible_to(user)
        .select_related("region")
        .annotate(people_count=Count("people", distinct=True))
        .order_by("region__name", "name")
    )


def supporters_of(*, person: Person) -> QuerySet[Supporter]:
    return person.supporters.filter(is_active=True).select_related("user")


def people_i_support(*, user: Any) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=list(standing_of(user).supporting)).select_related(
        "service"
    )
