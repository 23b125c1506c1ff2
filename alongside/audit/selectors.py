from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from alongside.people.models import Person
from alongside.people.sharing import PART_OF_CHANGE
from alongside.policy import visible_parts

from .models import RecordChange, RecordView


def views_of_person(*, person: Person, limit: int = 200) -> QuerySet[RecordView]:
    """The most recent views of a person's record, newest first, with the viewer loaded."""
    return person.views.select_related("viewer")[:limit]


def changes_shown_to(*, person: Person, viewer: Any, limit: int = 200) -> QuerySet[RecordChange]:
    """The most recent changes to a person's record that `viewer` may read: a change that
    tells something of a part (a goal's words, money spent) only if they may see that part."""
    allowed = visible_parts(viewer, person)
    hidden = [action for action, part in PART_OF_CHANGE.items() if part not in allowed]
    return person.changes.exclude(action__in=hidden).select_related("changed_by")[:limit]
