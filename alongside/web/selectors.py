"""Reads for the start page and each role's home."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from alongside.organisations.models import Service
from alongside.people.models import Person, Supporter
from alongside.people.selectors import my_team as my_team  # the person's team, for homes
from alongside.people.selectors import waiting_proposals
from alongside.people.sharing import Part
from alongside.policy import standing_of


def people_for_home(*, user: Any) -> QuerySet[Person]:
    """The people a user sees on their home page, with what each card needs loaded."""
    return Person.objects.visible_to(user).select_related("service")


def home_person(*, user: Any) -> Person:
    """The signed-in person we support, for their home (the policy let them in)."""
    return people_for_home(user=user).get(pk=standing_of(user).person_id or 0)


def what_matters_to(*, person: Person) -> str | None:
    """The person's own words on what matters to them, or None if not written yet."""
    found: str | None = (
        person.about_me.filter(part=Part.WHAT_MATTERS).values_list("text", flat=True).first()
    )
    return found


def waiting_count(*, person: Person) -> int:
    """How many suggestions about the person wait for their answer."""
    return waiting_proposals(person=person).count()


def how_many(*, items: QuerySet[Any]) -> int:
    """How many records a home's list has in all (its page shows only some)."""
    return items.count()


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
