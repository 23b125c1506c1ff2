"""Who is told when a request for a change to the team is made or moves on.

The team app is on a floor below `everyday`, which sends the messages; `everyday` adds its
listeners here when it starts (`EverydayConfig.ready`). A listener is called after the
request is saved, inside the same transaction as the save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import ChangeRequest

ChangeRequestListener = Callable[["ChangeRequest"], None]

# Called with a new request: the person's service managers are asked to arrange it.
when_change_request_made: list[ChangeRequestListener] = []
# Called when a request's status changes: the person (and who asked) are told.
when_change_request_moved: list[ChangeRequestListener] = []


def change_request_made(request: ChangeRequest) -> None:
    for listener in when_change_request_made:
        listener(request)


def change_request_moved(request: ChangeRequest) -> None:
    for listener in when_change_request_moved:
        listener(request)
