from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Min, QuerySet
from django.db.models.functions import TruncHour, TruncMonth
from django.utils import timezone

from .models import RecordView

if TYPE_CHECKING:
    from alongside.people.models import Person


def views_of_person(*, person: Person, limit: int = 200) -> QuerySet[RecordView]:
    """The most recent views of a person's record, newest first, with the viewer loaded."""
    return person.views.select_related("viewer")[:limit]


def views_by_month(*, person: Person) -> list[dict[str, Any]]:
    """ "Who looked" summed up: for each month and each viewer, how many times, and the first
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
            "viewer_id": r["viewer_id"],
            "who": r["viewer__display_name"] or "Someone who has left",
            "times": r["times"],
            "first": r["first"],
            "last": r["last"],
        }
        for r in rows
    ]


# --- "Who has looked", for the person: grouped, paged back to the first view ------------


@dataclass(frozen=True)
class LookedBy:
    """One viewer in the summary at the top: how many times, and the first and last time."""

    viewer_id: int | None
    who: str
    times: int
    first: datetime.datetime
    last: datetime.datetime


def _views(*, person: Person, month: datetime.date | None) -> QuerySet[RecordView]:
    views = person.views.all()
    if month is not None:
        start = timezone.make_aware(datetime.datetime(month.year, month.month, 1))
        end_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        end = timezone.make_aware(datetime.datetime(end_month.year, end_month.month, 1))
        views = views.filter(viewed_at__gte=start, viewed_at__lt=end)
    return views


def _of_viewer(views: QuerySet[RecordView], viewer_id: int | None) -> QuerySet[RecordView]:
    # No viewer: someone whose account has since been deleted.
    return (
        views.filter(viewer__isnull=True)
        if viewer_id is None
        else views.filter(viewer_id=viewer_id)
    )


def looked_by(
    by_month: list[dict[str, Any]], *, month: datetime.date | None = None
) -> list[LookedBy]:
    """Everyone who has looked (in `month`, if given), most recent first: summed up from
    `views_by_month`, so the page reads the views for its summary only once."""
    summed: dict[int | None, LookedBy] = {}
    for row in by_month:
        if month is not None and row["month"] != month:
            continue
        seen = summed.get(row["viewer_id"])
        summed[row["viewer_id"]] = LookedBy(
            viewer_id=row["viewer_id"],
            who=row["who"],
            times=row["times"] + (seen.times if seen else 0),
            first=min(row["first"], seen.first) if seen else row["first"],
            last=max(row["last"], seen.last) if seen else row["last"],
        )
    return sorted(summed.values(), key=lambda s: (s.last, -(s.viewer_id or 0)), reverse=True)


def months_with_views(by_month: list[dict[str, Any]]) -> list[datetime.date]:
    """The months in which anyone looked, newest first (for the "month" filter)."""
    return sorted({row["month"] for row in by_month}, reverse=True)


ANYONE = object()


def views_by_hour(
    *, person: Person, viewer_id: Any = ANYONE, month: datetime.date | None = None
) -> QuerySet[Any]:
    """One line per viewer, per page, per hour, with how many times: newest first, back to
    the very first view. Lazy: page it (the same queries on page 1 as on page 100)."""
    views = _views(person=person, month=month)
    if viewer_id is not ANYONE:
        views = _of_viewer(views, viewer_id)
    return (
        # Hours in UTC: London is always a whole number of hours from UTC, so these are the
        # same hours, without converting every row's time zone in the database.
        views.annotate(hour=TruncHour("viewed_at", tzinfo=datetime.UTC))
        .values("hour", "viewer_id", "viewer__display_name", "page")
        .annotate(times=Count("pk"), first=Min("viewed_at"), last=Max("viewed_at"))
        .order_by("-hour", "viewer__display_name", "viewer_id", "page")
    )
