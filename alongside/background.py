"""Helpers for queuing background work on Django's Tasks API (ADR 0005)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django_tasks.base import Task


def enqueue_after(task: Task[Any, Any], *, delay: datetime.timedelta, **kwargs: Any) -> None:
    """Queue `task` to run no sooner than `delay` from now.

    A backend that cannot wait (the immediate one, in tests) runs it now instead: the tests
    are about what happens on each try, not about the wait.
    """
    if task.get_backend().supports_defer:
        task.using(run_after=timezone.now() + delay).enqueue(**kwargs)
    else:
        task.enqueue(**kwargs)


def enqueue_at(task: Task[Any, Any], *, when: datetime.datetime, **kwargs: Any) -> bool:
    """Queue `task` to run at `when`. Returns False, queuing nothing, on a backend that
    cannot wait (the immediate one): a task that queues itself again would never end."""
    if not task.get_backend().supports_defer:
        return False
    task.using(run_after=when).enqueue(**kwargs)
    return True
