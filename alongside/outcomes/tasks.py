"""Outcome roll-ups are brought up to date by a task after the writes that change them,
never while a page is read (ADR 0005, ADR 0050)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from . import rollups


@task()
def refresh_rollups() -> str:
    """Recount the roll-up buckets touched since the watermarks (idempotent)."""
    rollups.refresh_all()
    return "refreshed"


def _queue_refresh() -> None:
    refresh_rollups.enqueue()


def refresh_after_commit(**kwargs: Any) -> None:
    """A history row of something the roll-ups count was written: once the transaction
    commits, queue one refresh (one per transaction, however many rows it wrote)."""
    connection = transaction.get_connection(kwargs.get("using"))
    # Django keeps the transaction's on-commit callbacks as (savepoints, function, robust).
    if any(entry[1] is _queue_refresh for entry in connection.run_on_commit):
        return
    transaction.on_commit(_queue_refresh, using=kwargs.get("using"))


def connect() -> None:
    """Watch the history tables the roll-ups read (see rollups)."""
    from simple_history.signals import post_create_historical_record

    from alongside.everyday.models import CheckIn
    from alongside.people.models import Person

    watched = [CheckIn.history.model, Person.history.model]
    watched += list(rollups._chosen_history_models().values())
    for model in watched:
        post_create_historical_record.connect(
            refresh_after_commit, sender=model, dispatch_uid=f"rollups-{model.__name__}"
        )
