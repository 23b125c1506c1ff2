"""Reading kept downloads. The files themselves are read only when handed out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import KeptDownload

if TYPE_CHECKING:
    from alongside.people.models import Person

WITHOUT_FILES = ("pdf", "json")


def kept_downloads(*, person: Person, asked_by: Any) -> QuerySet[KeptDownload]:
    """The downloads of `person` asked for by `asked_by` and not yet expired, newest first."""
    return (
        KeptDownload.objects.defer(*WITHOUT_FILES)
        .filter(person=person, asked_by=asked_by, expires_at__gt=timezone.now())
        .order_by("-asked_at", "-pk")
    )


def kept_download(*, person: Person, download_id: Any) -> KeptDownload | None:
    """One download of `person`, without its files; None if there is no such download."""
    return (
        KeptDownload.objects.defer(*WITHOUT_FILES)
        .select_related("person")
        .filter(person=person, pk=download_id)
        .first()
    )


def file_of(*, kept: KeptDownload, kind: str) -> bytes:
    """The bytes of one file (`pdf` or `json`) of a kept download."""
    value = KeptDownload.objects.filter(pk=kept.pk).values_list(kind, flat=True).get()
    return bytes(value)
