"""Reads for the team pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.models import Person
from alongside.policy import visible_change_requests

from .models import ChangeRequest, TeamChoice, TeamSettings, WorkerPhoto


@dataclass(frozen=True)
class TeamMember:
    worker: StaffMember
    choice: TeamChoice | None


def workers_at_service(*, person: Person) -> QuerySet[StaffMember]:
    return (
        StaffMember.objects.filter(services=person.service_id, role=StaffMember.Role.SUPPORT_WORKER)
        .select_related("user")
        .annotate(has_photo=Exists(WorkerPhoto.objects.filter(worker=OuterRef("pk"))))
        .order_by("user__display_name")
    )


def my_team_with_choices(*, person: Person) -> list[TeamMember]:
    """The workers at the person's service, each with the person's choice about them."""
    choices = {c.worker_id: c for c in TeamChoice.objects.filter(person=person)}
    return [TeamMember(w, choices.get(w.pk)) for w in workers_at_service(person=person)]


def change_requests_for_person(*, person: Person) -> QuerySet[ChangeRequest]:
    return person.change_requests.select_related("worker__user").order_by("-asked_at")


def change_requests_for_manager(*, user: Any) -> QuerySet[ChangeRequest]:
    """Open requests at the services the user manages, soonest deadline (overdue) first."""
    return (
        visible_change_requests(ChangeRequest.objects.open(), user)
        .select_related("person", "worker__user")
        .order_by("deadline", "id")
    )


def overdue_change_requests(*, user: Any) -> QuerySet[ChangeRequest]:
    """Open requests past their deadline at the services the user manages."""
    return visible_change_requests(ChangeRequest.objects.overdue(), user)


def team_settings_of(*, organisation_id: int) -> TeamSettings:
    """The organisation's team settings, or the defaults (not saved) if never changed."""
    return TeamSettings.objects.filter(organisation_id=organisation_id).first() or TeamSettings(
        organisation_id=organisation_id
    )
