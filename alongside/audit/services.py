"""Writing the audit trail. Other services call these; views never write audit rows."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .models import RecordChange, RecordView, SecurityEvent

if TYPE_CHECKING:
    from alongside.accounts.models import User
    from alongside.people.models import Person

security_log = logging.getLogger("alongside.security")


def record_view(*, person: Person, viewer: User, page: str) -> RecordView:
    """Log that `viewer` looked at `page` of `person`'s record."""
    return RecordView.objects.create(person=person, viewer=viewer, page=page)


def record_views(*, viewer: User, pages: dict[int, str]) -> list[RecordView]:
    """Log one view per person in `pages` (person id -> page), in one insert, leaving out
    the viewer's own record: the person looking at their own information is not listed."""
    from alongside.policy import standing_of

    own = standing_of(viewer).person_id  # known already: the policy asked it this request
    return RecordView.objects.bulk_create(
        RecordView(person_id=pk, viewer=viewer, page=page[:100])
        for pk, page in pages.items()
        if pk != own
    )


def record_change(*, person: Person, changed_by: User | None, action: str, summary: str) -> None:
    """Log a change to `person`'s record in words the person can read."""
    RecordChange.objects.create(
        person=person, changed_by=changed_by, action=action, summary=summary[:300]
    )


def record_security_event(
    *,
    kind: str,
    user_id: int | None = None,
    path_name: str = "",
    done_by_id: int | None = None,
) -> SecurityEvent:
    """Store and log a security event. Only ids and URL names, never names or emails."""
    event = SecurityEvent.objects.create(
        kind=kind, user_id_at_time=user_id, path_name=path_name, done_by_id_at_time=done_by_id
    )
    security_log.info(
        "security event=%s user_id=%s path=%s done_by=%s", kind, user_id, path_name, done_by_id
    )
    return event


def record_security_events(
    *, kind: str, user_ids: Iterable[int], done_by_id: int | None = None
) -> None:
    """As `record_security_event`, for many accounts at once (one query)."""
    user_ids = list(user_ids)
    SecurityEvent.objects.bulk_create(
        SecurityEvent(kind=kind, user_id_at_time=pk, done_by_id_at_time=done_by_id)
        for pk in user_ids
    )
    for pk in user_ids:
        security_log.info(
            "security event=%s user_id=%s path=%s done_by=%s", kind, pk, "", done_by_id
        )
