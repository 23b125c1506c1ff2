"""Answers kept between a form and its "Check your answers" page.

Nothing is saved to the database until the person presses "Send": the answers wait in the
person's own session, so "Change" can take them back to the form with every answer kept.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict

_PREFIX = "alongside_draft:"


def keep(request: HttpRequest, key: str, data: QueryDict, fields: list[str]) -> None:
    """Keep the answers to `fields` from a posted form (every value of each)."""
    request.session[_PREFIX + key] = {name: data.getlist(name) for name in fields if name in data}


def kept(request: HttpRequest, key: str) -> QueryDict | None:
    """The kept answers, as a form would post them, or None if there are none."""
    stored: dict[str, list[str]] | None = request.session.get(_PREFIX + key)
    if stored is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in stored.items():
        data.setlist(name, values)
    return data


def initial_from(data: QueryDict, multiple: tuple[str, ...] = ()) -> dict[str, Any]:
    """The kept answers as a form's `initial`: lists for the fields with several values."""
    return {name: data.getlist(name) if name in multiple else data.get(name) for name in data}


def forget(request: HttpRequest, key: str) -> None:
    request.session.pop(_PREFIX + key, None)
