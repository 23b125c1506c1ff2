"""Everything held about a person, for them to download: JSON and an easy-read PDF.

The person gets everything. A supporter they allow to download gets only the parts the
person shares with them: the same policy as every page.

Other domains add their records (team choices, rotas, reviews, check-ins) as tables: an
app registers a function with `alongside.hooks.register_download_parts` in its AppConfig's
`ready()`, which takes (person=, viewer=) and returns `DownloadSection`s, each already
limited by the policy.
"""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.staticfiles import finders
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from alongside import hooks
from alongside.audit.selectors import views_by_month
from alongside.policy import visible_parts

from . import pdf_parts, selectors
from .models import PLAN_FIELDS, Person
from .selectors import changes_shown_to
from .sharing import Part

LEFT = "Someone who has left"


@dataclass(frozen=True)
class DownloadSection:
    """One table of the download: a heading, its columns (key, heading) and its rows."""

    key: str
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    empty: str = "Nothing yet."
    # At most this many rows in the PDF (newest first); the JSON always has every row.
    most_in_pdf: int | None = None

    @property
    def cells(self) -> list[list[str]]:
        """The rows the PDF shows, as words in column order."""
        shown = self.rows[: self.most_in_pdf] if self.most_in_pdf else self.rows
        return [[_as_words(row.get(key)) for key, _ in self.columns] for row in shown]

    @property
    def left_out_of_pdf(self) -> int:
        return max(0, len(self.rows) - self.most_in_pdf) if self.most_in_pdf else 0


def _as_words(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    if isinstance(value, list | tuple):
        return "; ".join(_as_words(v) for v in value)
    return str(value)


def sections_from_other_domains(*, person: Person, viewer: Any) -> list[DownloadSection]:
    """Every app's tables about the person that this viewer may download, app by app."""
    sections: list[DownloadSection] = []
    for provider in hooks.download_parts_providers().values():
        sections.extend(provider(person=person, viewer=viewer))
    return sections


def everything_held(*, person: Person, viewer: Any) -> dict[str, Any]:
    """A dictionary of everything this viewer may download about the person."""
    return _held(person=person, viewer=viewer)[0]


def _held(*, person: Person, viewer: Any) -> tuple[dict[str, Any], list[DownloadSection]]:
    allowed = visible_parts(viewer, person)
    about_me = selectors.about_me_for(person=person, viewer=viewer)
    data: dict[str, Any] = {
        "downloaded_at": timezone.now(),
        "downloaded_by": viewer.display_name,
        "person": {
            "preferred_name": person.preferred_name,
            "full_name": person.full_name,
            "pronouns": person.pronouns,
            "service": person.service.name,
            "service_address": person.service.address,
            "council": person.council.name,
        },
        "about_me": [
            {"part": s.part, "title": s.label, "text": s.text} for s in about_me if s.visible
        ],
        "about_me_history": [
            {
                "part": v.part,
                "title": v.label,
                "version": v.number,
                "when": v.when,
                "text": v.text,
                "what_changed": v.summary,
            }
            for v in selectors.about_me_history(person=person)
            if v.part in allowed
        ],
        "plan": None,
        "plan_history": [],
        "sharing": {part: list(audiences) for part, audiences in person.sharing.items()},
    }
    if Part.PLAN in allowed:
        for version in selectors.plan_versions(person=person):
            entry = {name: getattr(version, name) for name in PLAN_FIELDS}
            entry.update(
                version=version.number,
                status=version.get_status_display(),
                review_date=version.review_date,
                agreed_at=version.agreed_at,
                agreed_by=version.agreed_by.display_name if version.agreed_by else None,
            )
            data["plan_history"].append(entry)
            if version.status == version.Status.CURRENT:
                data["plan"] = entry
    if viewer.has_perm("people.see_who_looked", person):
        # Every view, back to the first: values() rows, no model objects (20,000 is common).
        data["who_looked"] = [
            {"when": when, "who": who or LEFT, "page": page}
            for when, who, page in person.views.order_by("-viewed_at", "-pk")
            .values_list("viewed_at", "viewer__display_name", "page")
            .iterator(chunk_size=5000)
        ]
        data["what_changed"] = [
            {
                "when": c.changed_at,
                "who": c.changed_by.display_name if c.changed_by else LEFT,
                "what": c.summary,
            }
            for c in changes_shown_to(person=person, viewer=viewer, limit=None)
        ]
    sections = sections_from_other_domains(person=person, viewer=viewer)
    data["records"] = {s.key: s.rows for s in sections}
    return data, sections


def _picture_file(name: str) -> str:
    from alongside.pictures import picture_path

    found = finders.find(picture_path(name))
    return f"file://{found}" if found else ""


def everything_held_json(*, person: Person, viewer: Any) -> bytes:
    """Everything this viewer may download, as JSON (UTF-8 bytes)."""
    return _as_json(everything_held(person=person, viewer=viewer))


def _as_json(data: dict[str, Any]) -> bytes:
    out = io.StringIO()
    # Written piece by piece: a long history is not built twice as one big string.
    for chunk in json.JSONEncoder(indent=1, ensure_ascii=False, default=_json_default).iterencode(
        data
    ):
        out.write(chunk)
    return out.getvalue().encode()


def _json_default(value: Any) -> Any:
    return DjangoJSONEncoder().default(value)


@dataclass(frozen=True)
class Made:
    """A download as made: the two files, and how many A4 pages the PDF has."""

    json: bytes
    pdf: bytes
    pdf_pages: int


def make_download(*, person: Person, viewer: Any) -> Made:
    """Both files for this viewer, from one read of the record (for the background task)."""
    data, sections = _held(person=person, viewer=viewer)
    pdf, pages = _pdf(person=person, viewer=viewer, data=data, sections=sections)
    return Made(json=_as_json(data), pdf=pdf, pdf_pages=pages)


def everything_held_pdf(*, person: Person, viewer: Any) -> bytes:
    """The same information as a readable, easy-read, tagged PDF (WeasyPrint)."""
    data, sections = _held(person=person, viewer=viewer)
    return _pdf(person=person, viewer=viewer, data=data, sections=sections)[0]


# However long the history, the PDF stays short enough to read: the newest items in full,
# older ones summarised, and the JSON has everything. If a record is so full that even that
# runs past MOST_PAGES, fewer items are shown in full (and the PDF says so).
MOST_PAGES = 60
IN_FULL = (10, 5, 2)
MOST_WORDS_IN_A_CELL = 400
MOST_SUMMARY_LINES = (36, 24, 12)


def _pdf(
    *, person: Person, viewer: Any, data: dict[str, Any], sections: list[DownloadSection]
) -> tuple[bytes, int]:
    from weasyprint import HTML

    pictures = {part: _picture_file(name) for part, name in selectors.PICTURE_FOR_PART.items()}
    who_looked = None
    if "who_looked" in data:
        who_looked = pdf_parts.who_looked_lines(views_by_month(person=person))
    for in_full, summary_lines in zip(IN_FULL, MOST_SUMMARY_LINES, strict=True):
        html = render_to_string(
            "people/download_pdf.html",
            {
                "data": data,
                "pictures": pictures,
                "person": person,
                "is_the_person": viewer.pk == person.user_id,
                "parts": [
                    pdf_parts.part_for_pdf(s, in_full=in_full, summary_lines=summary_lines)
                    for s in sections
                ],
                "about_me_history": data["about_me_history"][:in_full],
                "about_me_history_left": max(0, len(data["about_me_history"]) - in_full),
                "plan_history": data["plan_history"][:in_full],
                "plan_history_left": max(0, len(data["plan_history"]) - in_full),
                "newest_views": (data.get("who_looked") or [])[:in_full],
                "who_looked": who_looked[:summary_lines] if who_looked is not None else None,
                "who_looked_left": max(0, len(who_looked or []) - summary_lines),
                "what_changed": (data.get("what_changed") or [])[:in_full],
                "what_changed_left": max(0, len(data.get("what_changed") or []) - in_full),
                "most_words": MOST_WORDS_IN_A_CELL,
            },
        )
        document = HTML(string=html).render()
        if len(document.pages) <= MOST_PAGES or in_full == IN_FULL[-1]:
            break
    # PDF/UA-1: a tagged PDF, so a screen reader reads it in order (headings, lists, tables).
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
