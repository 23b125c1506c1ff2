"""The download's tables made short and narrow for the easy-read PDF.

Each part shows its newest items in full and summarises the older ones (check-ins as how I
felt, month by month); no table is wider than three columns, and a part with more columns
is shown as a list of items, one under another. The JSON download keeps everything.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import date_format

if TYPE_CHECKING:
    from .downloads import DownloadSection

MOST_COLUMNS = 3
MOST_WORDS = 400


@dataclass(frozen=True)
class Summary:
    """A two- or three-column table that sums up the older items of a part."""

    title: str
    headings: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    left_out: int = 0


@dataclass(frozen=True)
class PdfPart:
    """One part of the PDF: its newest items in full, and perhaps a summary of all of them."""

    title: str
    empty: str
    headings: tuple[str, ...]
    # Each item: (heading, words) pairs in column order.
    items: list[list[tuple[str, str]]]
    left_out: int
    summary: Summary | None = None
    as_table: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "as_table", len(self.headings) <= MOST_COLUMNS)


def shorten(words: str, most: int) -> str:
    """At most `most` characters, cut at a word, saying the JSON has the rest."""
    if len(words) <= most:
        return words
    cut = words[:most].rsplit(" ", 1)[0]
    return f"{cut} … (the JSON download has all of it)"


def part_for_pdf(section: DownloadSection, *, in_full: int, summary_lines: int) -> PdfPart:
    """The PDF's view of one download table: the newest `in_full` rows, then a summary."""
    in_full = min(in_full, section.most_in_pdf or in_full)
    items = [
        [
            (heading, shorten(words, MOST_WORDS))
            for (_, heading), words in zip(section.columns, row, strict=True)
        ]
        for row in section.cells[:in_full]
    ]
    summary = None
    if section.key == "check_ins" and section.rows:
        summary = feelings_by_month(section.rows, most=summary_lines)
    return PdfPart(
        title=section.title,
        empty=section.empty,
        headings=tuple(heading for _, heading in section.columns),
        items=items,
        left_out=max(0, len(section.rows) - len(items)),
        summary=summary,
    )


def _month(day: datetime.date) -> str:
    return date_format(day, "F Y")


def feelings_by_month(rows: list[dict[str, Any]], *, most: int) -> Summary:
    """How I felt, month by month, newest first: "I feel good: 12 days" for each feeling."""
    by_month: dict[datetime.date, Counter[str]] = {}
    for row in rows:
        on = row["on"]
        by_month.setdefault(on.replace(day=1), Counter())[row["feeling"]] += 1
    months = sorted(by_month, reverse=True)
    lines = [
        (
            _month(month),
            ". ".join(
                f"{feeling}: {count} {'day' if count == 1 else 'days'}"
                for feeling, count in by_month[month].most_common()
            )
            + ".",
        )
        for month in months[:most]
    ]
    return Summary(
        title="How I felt, month by month",
        headings=("Month", "How I felt"),
        rows=lines,
        left_out=max(0, len(months) - most),
    )


def who_looked_lines(months: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """ "Who looked" per month as three columns: month and who, how many times, first and last."""
    lines = []
    for row in months:
        first = date_format(timezone.localtime(row["first"]), "j M, H:i")
        last = date_format(timezone.localtime(row["last"]), "j M, H:i")
        lines.append(
            (
                f"{_month(row['month'])}: {row['who']}",
                str(row["times"]),
                first if row["times"] == 1 else f"{first} to {last}",
            )
        )
    return lines
