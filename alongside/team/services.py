"""Changes to the person's team choices and their requests for a change."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.concurrency import EditConflict, save_first_or_unchanged
from alongside.organisations.models import Organisation, StaffMember
from alongside.people.models import Person
from alongside.photos import CleanPhoto
from alongside.saving import save_and_record, set_history_user

from . import notifications
from .models import (
    ChangeRequest,
    TeamChoice,
    TeamSettings,
    WhatILookFor,
    WorkerPhoto,
)
from .selectors import team_settings_of

if TYPE_CHECKING:
    from alongside.accounts.models import User


def set_team_choice(
    *,
    person: Person,
    worker: StaffMember,
    choice: str,
    reason: str,
    changed_by: User,
    expected_version: int | None = None,
) -> TeamChoice | None:
    """Mark a worker as one the person would rather, or rather not, work with.

    An empty `choice` removes the mark. With `expected_version` (the version the writer
    read, 0 for no mark yet, as over the API) the change claims the next version, and raises
    EditConflict, changing nothing, if someone changed (or added, or took away) the mark since.
    """
    existing = TeamChoice.objects.filter(person=person, worker=worker).first()
    if expected_version is not None and (existing.version if existing else 0) != expected_version:
        raise EditConflict(existing or TeamChoice(person=person, worker=worker, version=0))
    if not choice:
        if existing:
            with transaction.atomic():
                # With `expected_version`, only the mark as it was read, not one changed since.
                as_read = {} if expected_version is None else {"version": expected_version}
                gone, _ = TeamChoice.objects.filter(pk=existing.pk, **as_read).delete()
                if not gone:
                    if expected_version is not None:
                        raise EditConflict(TeamChoice.objects.filter(pk=existing.pk).first())
                    return None  # someone took it away first
                record_change(
                    person=person,
                    changed_by=changed_by,
                    action="team_choice_changed",
                    summary=f"Took away your choice about {worker.user}",
                )
        return None
    mark = existing or TeamChoice(
        person=person, worker=worker, version=_first_version(person=person, worker=worker)
    )
    mark.choice = choice
    mark.reason = reason.strip() if choice == TeamChoice.Choice.RATHER_NOT else ""
    try:
        save_and_record(
            obj=mark,
            by=changed_by,
            person=person,
            action="team_choice_changed",
            summary=f"{mark.get_choice_display()}: {worker.user}",
            # A change from the page claims the next version too, so an ETag read before it
            # is stale.
            expected_version=(
                (existing.version if expected_version is None else expected_version)
                if existing
                else None
            ),
        )
    except IntegrityError:  # two first marks at once: the other one is there now
        raise EditConflict(TeamChoice.objects.get(person=person, worker=worker)) from None
    return mark


def _first_version(*, person: Person, worker: StaffMember) -> int:
    """A new mark's version: after every version a mark about this worker ever had (its
    history keeps those taken away), so a mark taken away and made again never repeats an
    ETag that a client may still hold, and a stale If-Match is refused (412)."""
    ever = TeamChoice.history.filter(person=person, worker=worker).aggregate(Max("version"))
    return int(ever["version__max"] or 0) + 1


def save_what_i_look_for(
    *, person: Person, tags: list[str], my_words: str, expected_version: int, changed_by: User
) -> WhatILookFor:
    """Save what the person looks for in a worker. Raises EditConflict if someone saved first."""
    current, _ = WhatILookFor.objects.get_or_create(person=person)
    current.tags = [t for t in WhatILookFor.Tag.values if t in tags]
    current.my_words = my_words
    save_and_record(
        obj=current,
        by=changed_by,
        expected_version=expected_version,
        fields=["tags", "my_words"],
        person=person,
        action="what_i_look_for_changed",
        summary="Changed what you look for in a support worker",
    )
    return current


def change_request_days(*, person: Person) -> int:
    return team_settings_of(organisation_id=person.service.organisation_id).change_request_days


def _lines(text: str) -> str:
    # Browsers send line breaks as CRLF; compare and keep them as LF.
    return text.replace("\r\n", "\n")


class WorkerWordsChanged(EditConflict):
    """The worker's words were changed (in another tab, or by an admin) since they were shown."""


def set_worker_words(
    *, worker: StaffMember, words: str, original: str, changed_by: User
) -> StaffMember:
    """Save a worker's few words about themselves, shown to the people they support.

    `original` is the text the worker started from. If the saved words differ from it now,
    raises WorkerWordsChanged with the saved record, and saves nothing.
    """
    with transaction.atomic():
        current = StaffMember.objects.select_for_update().get(pk=worker.pk)
        if _lines(current.about_me) != _lines(original):
            raise WorkerWordsChanged(current)
        current.about_me = _lines(words).strip()
        save_and_record(obj=current, by=changed_by, fields=["about_me"])
    worker.about_me = current.about_me
    return current


class TeamSettingsChanged(EditConflict):
    """Someone else changed the organisation's team settings since the page was shown."""


def set_change_request_days(
    *, organisation: Organisation, expected_version: int, days: int, changed_by: User
) -> TeamSettings:
    """Set how many days this organisation's services have to answer a request for a change.

    Requests made from now on get the new deadline; requests already made keep theirs, as
    the person was told. Raises TeamSettingsChanged, saving nothing, if someone else saved
    the settings since `expected_version`.
    """
    settings = team_settings_of(organisation_id=organisation.pk)
    settings.change_request_days = days
    set_history_user(settings, changed_by)
    settings.full_clean(exclude=["version", "organisation"])
    save_first_or_unchanged(
        obj=settings,
        expected_version=expected_version,
        unique={"organisation": organisation},
        conflict=TeamSettingsChanged,
    )
    return settings


def ask_for_change(
    *,
    person: Person,
    worker: StaffMember | None,
    my_words: str,
    asked_by: User,
    kind: str = ChangeRequest.Kind.NOT_SUITED,
    what_i_want: str = "",
    today: datetime.date | None = None,
) -> ChangeRequest:
    """The person (or a supporter they allowed) asks for a change to their team: not best
    suited to a worker, more time with a worker, different times, or a new worker who does
    something they look for. Raises ValidationError if the kind's worker or words are missing.

    The deadline is the organisation's number of days (14 unless it set another) from today,
    whatever the kind.
    """
    today = today or timezone.localdate()
    request = ChangeRequest(
        person=person,
        kind=kind,
        # Only the kinds about one worker name one.
        worker=worker if kind in ChangeRequest.KINDS_WITH_WORKER else None,
        what_i_want=what_i_want.strip() if kind in ChangeRequest.KINDS_WITH_WHAT else "",
        asked_by=asked_by,
        my_words=my_words.strip(),
        deadline=today + datetime.timedelta(days=change_request_days(person=person)),
    )
    save_and_record(
        obj=request,
        by=asked_by,
        person=person,
        action="change_requested",
        summary=f"Asked for a change: {request.summary}",
    )
    notifications.change_request_made(request=request)
    return request


def update_change_request(
    *, request: ChangeRequest, status: str, could_not_reason: str, changed_by: User
) -> ChangeRequest:
    """The service manager moves a request on. "Could not do it" needs the reason. The person
    (and the supporter who asked) are told when the status changes."""
    before = request.status
    request.status = status
    request.could_not_reason = (
        could_not_reason.strip() if status == ChangeRequest.Status.COULD_NOT else ""
    )
    request.closed_at = None if request.is_open else timezone.now()
    save_and_record(
        obj=request,
        by=changed_by,
        person=request.person,
        action="change_request_updated",
        summary=f"Your request for a change is now: {request.get_status_display()}",
    )
    if request.status != before:
        notifications.change_request_moved(request=request)
    return request


def set_worker_photo(*, worker: StaffMember, photo: CleanPhoto, changed_by: User) -> WorkerPhoto:
    """Give a support worker a profile photo (already cleaned), replacing any old one."""
    saved = WorkerPhoto.objects.filter(worker=worker).first() or WorkerPhoto(worker=worker)
    saved.data = photo.data
    saved.content_type = photo.content_type
    saved.width, saved.height = photo.width, photo.height
    saved.uploaded_at = timezone.now()
    saved.uploaded_by = changed_by
    saved.full_clean()
    saved.save()
    return saved


def remove_worker_photo(*, worker: StaffMember) -> None:
    """Take a support worker's photo away: their initials are shown instead."""
    WorkerPhoto.objects.filter(worker=worker).delete()
