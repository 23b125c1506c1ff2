"""The background task that makes a person's download (Django's Tasks API)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def make_download(*, download_id: int) -> None:
    """Make and keep the PDF and JSON of the download `download_id`."""
    services.make_kept_download(download_id=download_id)
