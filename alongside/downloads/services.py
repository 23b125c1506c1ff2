"""Asking for a download, making it in the background, and deleting old ones."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alongside.audit.services import record_views
from alongside.policy import download_sees

from .models import KeptDownload

if TYPE_CHECKING:
    from alongside.people.models import Person

log = logging.getLogger(__name__)

KEEP_FOR = timedelta(days=7)
# A download still "being made" after this long was lost (its worker stopped): asking again
# makes a new one instead of waiting for ever.
GIVE_UP_AFTER = timedelta(minutes=15)

_WITHOUT_FILES = ("pdf", "json")


def ask_for_download(*, person: Person, asked_by: Any) -> KeptDownload:
    """Ask for `person`'s download for `asked_by`, made by a background task.

    Asking again while one is being made gives back that one: never two at once.
    The caller has already asked the policy ("people.download").
    """
    now = timezone.now()
    mine = KeptDownload.objects.defer(*_WITHOUT_FILES).filter(person=person, asked_by=asked_by)
    with transaction.atomic():
        # A lost one (its worker stopped) is given up, so the person is not left waiting.
        mine.filter(status=KeptDownload.Status.MAKING, asked_at__lt=now - GIVE_UP_AFTER).update(
            status=KeptDownload.Status.FAILED
        )
        making = mine.filter(status=KeptDownload.Status.MAKING).first()
        if making is not None:
            return making
        try:
            with transaction.atomic():
                kept = KeptDownload.objects.create(
                    person=person, asked_by=asked_by, asked_at=now, expires_at=now + KEEP_FOR
                )
        except IntegrityError:
            # Someone pressed at the same moment: theirs is the one being made.
            return mine.get(status=KeptDownload.Status.MAKING)
    # The POST that asks answers with a redirect, which "who looked" leaves out: log it here.
    record_views(viewer=asked_by, pages={person.pk: "Asked for a download of your information"})
    from .tasks import make_download

    make_download.enqueue(download_id=kept.pk)
    kept.refresh_from_db(fields=["status", "ready_at", "pdf_pages"])
    return kept


def make_kept_download(*, download_id: int) -> None:
    """Make the PDF and JSON of a download that was asked for, keep them, and tell the asker.

    Run by the background task. What the asker may see is read now, and kept with the files.
    """
    from alongside.notifications.kinds import Kind
    from alongside.notifications.services import notify
    from alongside.people.downloads import make_download

    kept = (
        KeptDownload.objects.defer(*_WITHOUT_FILES)
        .select_related("person__service", "person__council", "asked_by")
        .filter(pk=download_id, status=KeptDownload.Status.MAKING)
        .first()
    )
    if kept is None:  # deleted, or already made by another worker
        return
    person, viewer = kept.person, kept.asked_by
    try:
        could_see = download_sees(viewer, person)
        made = make_download(person=person, viewer=viewer)
    except Exception:
        log.exception("download %s could not be made", download_id)
        KeptDownload.objects.filter(pk=kept.pk).update(status=KeptDownload.Status.FAILED)
        raise
    KeptDownload.objects.filter(pk=kept.pk).update(
        status=KeptDownload.Status.READY,
        ready_at=timezone.now(),
        pdf=made.pdf,
        json=made.json,
        pdf_pages=made.pdf_pages,
        could_see=could_see,
    )
    whose = "your" if viewer.pk == person.user_id else f"{person.preferred_name}'s"
    notify(
        users=[viewer],
        kind=Kind.DOWNLOAD_READY,
        text=f"The download of {whose} information is ready. We keep it for 7 days.",
        link=reverse("downloads:status", args=[person.pk, kept.pk]),
    )


def expire_old_downloads(*, now: Any = None) -> int:
    """Delete every download kept for 7 days or more (a daily job). Gives how many."""
    deleted, _ = KeptDownload.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def expire_old_downloads_daily(*, today: Any) -> int:
    """The daily job (alongside.notifications.daily): as `expire_old_downloads`, now."""
    return expire_old_downloads()
