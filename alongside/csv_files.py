"""Every CSV file Alongside writes goes through here, so each is safe to open in a
spreadsheet: a cell that starts like a formula is written with a leading apostrophe
(CSV injection, OWASP), which the spreadsheet shows as text and never runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

# A spreadsheet runs a cell as a formula when it starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _starts_a_formula(text: str) -> bool:
    # Apostrophes first do not count: "'=x" must keep its own apostrophe through a round
    # trip, so it is written "''=x" and read back as "'=x".
    return text.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(value: Any) -> str:
    """The cell as text, with an apostrophe before it if it could start a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if _starts_a_formula(text) else text


def restore(text: str) -> str:
    """Undo `neutralise` on a cell read back in, so a file Alongside wrote imports as is."""
    return text[1:] if text.startswith("'") and _starts_a_formula(text) else text


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """The rows as CSV text, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def csv_response(
    rows: Iterable[Iterable[Any]], *, filename: str, bom: bool = False
) -> HttpResponse:
    """A CSV download. With `bom`, a byte-order mark first, so Excel reads it as UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(("\ufeff" if bom else "") + csv_text(rows))
    return response
