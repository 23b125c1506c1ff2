"""Everything held about a person, for them to download: JSON and an easy-read PDF.

The person gets everything. A supporter they allow to download gets only the parts the
person shares with them: the same policy as every page.

Other domains add their records (team choices, rotas, reviews, check-ins) as tables: an
app names a function on its AppConfig, `download_sections = "module.function"`, which takes
(person=, viewer=) and returns `DownloadSection`s, each already limited by the policy.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string

from alongside.audit.selectors import changes_shown_to, views_of_person
from alongside.policy import visible_parts

from . import selectors
from .models import PLAN_FIELDS, Person
from .sharing import Part


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
    for config in apps.get_app_configs():
        path = getattr(config, "download_sections", None)
        if path:
            provider: Callable[..., list[DownloadSection]] = import_string(path)
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
        data["who_looked"] = [
            {
                "when": v.viewed_at,
                "who": v.viewer.display_name if v.viewer else "Someone who has left",
                "page": v.page,
            }
            for v in views_of_person(person=person, limit=10_000)
        ]
        data["what_changed"] = [
            {
                "when": c.changed_at,
                "who": c.changed_by.display_name if c.changed_by else "Someone who has left",
                "what": c.summary,
            }
            for c in changes_shown_to(person=person, viewer=viewer, limit=10_000)
        ]
    sections = sections_from_other_domains(person=person, viewer=viewer)
    data["records"] = {s.key: s.rows for s in sections}
    return data, sections


def _picture_file(name: str) -> str:
    from alongside.pictures import picture_path

    found = finders.find(picture_path(name))
    return f"file://{found}" if found else ""


def everything_held_pdf(*, person: Person, viewer: Any) -> bytes:
    """The same information as a readable, easy-read PDF (WeasyPrint)."""
    from weasyprint import HTML

    data, sections = _held(person=person, viewer=viewer)
    pictures = {part: _picture_file(name) for part, name in selectors.PICTURE_FOR_PART.items()}
    html = render_to_string(
        "people/download_pdf.html",
        {"data": data, "pictures": pictures, "person": person, "sections": sections},
    )
    return HTML(string=html).write_pdf()
