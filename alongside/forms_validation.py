"""Checks shared by the forms of every app: dates in a sensible range for what they are,
names and short text without hidden direction characters, money in the digits 0 to 9.

Each check gives a plain message that says what to change (issue 17 item 8).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone

# Characters that change the direction text is shown in without being seen themselves: with
# them a name can look like another one ("visual spoofing").
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]  # embeddings, overrides and their end
    + [chr(c) for c in range(0x2066, 0x206A)]  # isolates and their end
    + ["\u200e", "\u200f", "\u061c"]  # left-to-right, right-to-left and Arabic letter marks
)


def no_bidi_controls(value: object) -> None:
    """Refuse a name or short text with a hidden character that changes its direction."""
    if any(ch in BIDI_CONTROLS for ch in str(value or "")):
        raise ValidationError(
            "This has a hidden character that changes the direction the words are shown in. "
            "Please type it again without copying and pasting it.",
            code="bidi_control",
        )


def ascii_digits_only(text: str) -> None:
    """Refuse an amount written with digits other than 0 to 9 (like ٤٠ or ４０): they look
    like numbers but are easy to misread and are not what people check."""
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise ValidationError(
            "Write the amount with the numbers 0 to 9, like £40 or 1,200.50.", code="digits"
        )


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_within(
    *, what: str, years_back: int, years_ahead: int
) -> Callable[[datetime.date | None], None]:
    """A validator for a date field: the day must be at most `years_back` years before today
    and at most `years_ahead` years after it. `what` names the day, like "The day it was
    spent"."""

    def check(day: datetime.date | None) -> None:
        if day is None:
            return
        today = timezone.localdate()
        earliest, latest = _years_from(today, -years_back), _years_from(today, years_ahead)
        if day < earliest:
            raise ValidationError(
                f"{what} must be after {_day(earliest)}. Check the year.", code="too_early"
            )
        if day > latest:
            if years_ahead == 0:
                raise ValidationError(f"{what} cannot be in the future.", code="too_late")
            raise ValidationError(
                f"{what} must be before {_day(latest)}. Check the year.", code="too_late"
            )

    return check
