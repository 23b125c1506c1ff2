"""Who looked: the reads of people's records made while answering one request.

Code that hands out a person's information (`fetch_person`, the selectors behind lists such
as the Today handover, the API) calls `note_read`. `RecordViewsMiddleware` collects those
notes for the request and writes one "who looked" entry per person at the end, so a view
cannot forget to log, and a page that fetches the same person twice logs them once.
Outside a request (a management command, a test calling a selector) notes go nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alongside.people.models import Person

# Shown to the person when a view names no page: the audit test refuses it, so it is rare.
UNNAMED_PAGE = "A page about you"


@dataclass
class Reads:
    """The people read in one request, in the order first read, with the page for each."""

    pages: dict[int, str] = field(default_factory=dict)

    def add(self, person_id: int, page: str = "") -> None:
        # One entry per person: a read that names its page wins over one that does not.
        if not self.pages.get(person_id):
            self.pages[person_id] = page


_current: ContextVar[Reads | None] = ContextVar("alongside_audit_reads", default=None)


def note_read(people: Person | int | Iterable[Person | int], *, page: str = "") -> None:
    """Note that the current request reads these people's information.

    `page` names what was read when the view's own `audit_page` would not say it well.
    The person reading their own record is left out when the entries are written.
    """
    reads = _current.get()
    if reads is None:
        return
    many = people if isinstance(people, Iterable) else [people]
    for one in many:
        reads.add(one if isinstance(one, int) else one.pk, page)


def start_collecting() -> tuple[Reads, Token[Reads | None]]:
    """Begin collecting for a request; give the token back to `stop_collecting`."""
    reads = Reads()
    return reads, _current.set(reads)


def stop_collecting(token: Token[Reads | None]) -> None:
    _current.reset(token)
