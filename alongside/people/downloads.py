"""Everything held about a person, for them to download: JSON and an easy-read PDF.

The person gets everything. A supporter they allow to download gets only the parts the
person shares with them: the same policy as every page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from alongside.audit.selectors import changes_to_person, views_of_person
from alongside.policy import visible_parts

from . import selectors
from .models import PLAN_FIELDS, Person
from .sharing import Part


def everything_held(*, person: Person, viewer: Any) -> dict[str, Any]:
    """A dictionary of everything this viewer may download about the person."""
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
            for c in changes_to_person(person=person, limit=10_000)
        ]
    data["everything_else"] = selectors.told_once(person=person, viewer=viewer)
    data["everything_else"].pop("about_me", None)
    data["everything_else"].pop("plan", None)
    return data


def _picture_file(name: str) -> str:
    from alongside.pictures import picture_path

    found = finders.find(picture_path(name))
    return f"file://{found}" if found else ""


def everything_held_pdf(*, person: Person, viewer: Any) -> bytes:
    """The same information as a readable, easy-read PDF (WeasyPrint)."""
    from weasyprint import HTML

    data = everything_held(person=person, viewer=viewer)
    pictures = {part: _picture_file(name) for part, name in selectors.PICTURE_FOR_PART.items()}
    html = render_to_string(
        "people/download_pdf.html", {"data": data, "pictures": pictures, "person": person}
    )
    return HTML(string=html).write_pdf()
