from __future__ import annotations

from django.db.models import QuerySet

from alongside.people.models import Person

from .models import RecordChange, RecordView


def views_of_person(*, person: Person, limit: int = 200) -> QuerySet[RecordView]:
    """The most recent views of a person's record, newest first, with the viewer loaded."""
    return person.views.select_related("viewer")[:limit]


def changes_to_person(*, person: Person, limit: int = 200) -> QuerySet[RecordChange]:
    return person.changes.select_related("changed_by")[:limit]
