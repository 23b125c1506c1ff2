"""Reads for the team pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.downloads import DownloadSection
from alongside.people.models import Person
from alongside.policy import visible_change_requests

from .models import ChangeRequest, TeamChoice, TeamSettings, WhatILookFor, WorkerPhoto


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


def closed_change_requests_for_manager(*, user: Any) -> QuerySet[ChangeRequest]:
    """Done and closed requests at the services the user manages, last closed first."""
    return (
        visible_change_requests(ChangeRequest.objects.closed(), user)
        .select_related("person", "worker__user")
        .order_by("-closed_at", "-id")
    )


def overdue_change_requests(*, user: Any) -> QuerySet[ChangeRequest]:
    """Open requests past their deadline at the services the user manages."""
    return visible_change_requests(ChangeRequest.objects.overdue(), user)


def team_settings_of(*, organisation_id: int) -> TeamSettings:
    """The organisation's team settings, or the defaults (not saved) if never changed."""
    return TeamSettings.objects.filter(organisation_id=organisation_id).first() or TeamSettings(
        organisation_id=organisation_id
    )


def download_sections(*, person: Person, viewer: Any) -> list[DownloadSection]:
    """The person's team choices, what they look for and their requests for a change, for
    their download. Each part only for a viewer the policy lets see it; the reason for
    "rather not" only for the person (and their service manager)."""
    sections: list[DownloadSection] = []
    if viewer.has_perm("team.see_choices", person):
        with_reasons = viewer.has_perm("team.see_choice_reasons", person)
        columns: tuple[tuple[str, str], ...] = (("worker", "Worker"), ("choice", "My choice"))
        if with_reasons:
            columns += (("reason", "Why"),)
        choices = (
            TeamChoice.objects.filter(person=person)
            .select_related("worker__user")
            .order_by("worker__user__display_name", "pk")
        )
        sections.append(
            DownloadSection(
                key="team_choices",
                title="Who I would rather, or rather not, work with",
                columns=(*columns, ("changed", "Last changed")),
                rows=[
                    {
                        "worker": c.worker.user.display_name,
                        "choice": c.get_choice_display(),
                        **({"reason": c.reason} if with_reasons else {}),
                        "changed": c.updated_at,
                    }
                    for c in choices
                ],
                empty="No choices yet.",
            )
        )
        looking = WhatILookFor.objects.filter(person=person).first()
        tags = dict(WhatILookFor.Tag.choices)
        sections.append(
            DownloadSection(
                key="what_i_look_for",
                title="What I look for in a support worker",
                columns=(("tags", "What I ticked"), ("my_words", "In my own words")),
                rows=[
                    {
                        "tags": [str(tags.get(t, t)) for t in looking.tags],
                        "my_words": looking.my_words,
                    }
                ]
                if looking is not None
                else [],
            )
        )
    # The requests are on the "My team" page only, so they need both rules. Who asked (the
    # person, or a supporter in their name) is for the person.
    if viewer.has_perm("team.see_choices", person) and viewer.has_perm(
        "team.see_change_requests", person
    ):
        is_the_person = viewer.pk == person.user_id
        sections.append(
            DownloadSection(
                key="change_requests",
                title="When I asked for a change to my team",
                columns=(
                    ("asked_at", "Asked"),
                    ("worker", "What I asked for"),
                    *((("asked_by", "Asked by"),) if is_the_person else ()),
                    ("my_words", "What I said"),
                    ("status", "What happened"),
                    ("deadline", "To be answered by"),
                    ("could_not_reason", "Why it could not be done"),
                ),
                rows=[
                    {
                        "asked_at": r.asked_at,
                        "worker": r.summary,
                        **({"asked_by": r.asked_by.display_name} if is_the_person else {}),
                        "my_words": r.my_words,
                        "status": r.get_status_display(),
                        "deadline": r.deadline,
                        "could_not_reason": r.could_not_reason,
                    }
                    for r in change_requests_for_person(person=person).select_related("asked_by")
                ],
                empty="No requests yet.",
            )
        )
    return sections


# --- Fetching for the pages ------------------------------------------------------------------


def what_i_look_for_of(*, person: Person) -> WhatILookFor | None:
    """What the person looks for in a support worker, or None if they have not said."""
    return WhatILookFor.objects.filter(person=person).first()


def worker_at_service(*, person: Person, worker_id: Any) -> StaffMember | None:
    """One support worker at the person's service, or None."""
    return workers_at_service(person=person).filter(pk=worker_id).first()


def team_choice_of(*, person: Person, worker: StaffMember) -> TeamChoice | None:
    """What the person chose about this worker, or None if nothing yet."""
    return TeamChoice.objects.filter(person=person, worker=worker).first()


def change_request_by_id(*, request_id: Any) -> ChangeRequest | None:
    """One request for a change, with the person's service and the worker, or None."""
    return (
        ChangeRequest.objects.select_related("person__service", "worker__user")
        .filter(pk=request_id)
        .first()
    )


def photo_of(*, worker: StaffMember) -> WorkerPhoto | None:
    """The worker's photo, or None if they have none."""
    return WorkerPhoto.objects.filter(worker=worker).first()


def has_photo(*, worker: StaffMember) -> bool:
    """Whether the worker has a photo."""
    return WorkerPhoto.objects.filter(worker=worker).exists()
