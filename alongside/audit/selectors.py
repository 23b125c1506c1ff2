from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, Min, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from alongside.people.models import Person
from alongside.people.sharing import PART_OF_CHANGE
from alongside.policy import visible_parts

from .models import RecordChange, RecordView


def views_of_person(*, person: Person, limit: int = 200) -> QuerySet[RecordView]:
    """The most recent views of a person's record, newest first, with the viewer loaded."""
    return person.views.select_related("viewer")[:limit]


def changes_shown_to(
    *, person: Person, viewer: Any, limit: int | None = 200
) -> QuerySet[RecordChange]:
    """The most recent changes to a person's record that `viewer` may read: a change that
    tells something of a part (a goal's words, money spent) only if they may see that part."""
    allowed = visible_parts(viewer, person)
    hidden = [action for action, part in PART_OF_CHANGE.items() if part not in allowed]
    return person.changes.exclude(action__in=hidden).select_related("changed_by")[:limit]


def views_by_month(*, person: Person) -> list[dict[str, Any]]:
    """"Who looked" summed up: for each month and each viewer, how many times, and the first
    and last time. Newest month first. One query, however many views."""
    rows = (
        person.views.annotate(month=TruncMonth("viewed_at"))
        .values("month", "viewer_id", "viewer__display_name")
        .annotate(times=Count("pk"), first=Min("viewed_at"), last=Max("viewed_at"))
        .order_by("-month", "viewer__display_name", "viewer_id")
    )
    return [
        {
            "month": timezone.localtime(r["month"]).date()
            if isinstance(r["month"], datetime.datetime)
            else r["month"],
            "who": r["viewer__display_name"] or "Someone who has left",
            "times": r["times"],
            "first": r["first"],
            "last": r["last"],
        }
        for r in rows
    ]
