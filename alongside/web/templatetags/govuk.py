"""Template helpers for the GOV.UK form components (`templates/includes/field.html`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

from alongside import widgets

register = template.Library()


@register.filter
def govuk_kind(field: BoundField) -> str:
    """The component that renders `field`: input, textarea, radios, checkboxes, checkbox,
    select, file, date or hidden."""
    return widgets.govuk_kind(field)


@register.filter
def date_boxes(field: BoundField) -> list[dict[str, Any]]:
    """The day, month and year boxes of a date field, each with what was typed in it and
    whether it is marked as wrong."""
    typed = widgets.date_parts(field.value())
    wrong = widgets.parts_in_error(typed) if field.errors else []
    return [
        {
            "part": part,
            "label": part.capitalize(),
            "name": f"{field.html_name}_{part}",
            "id": f"{field.auto_id}_{part}",
            "value": value,
            "wrong": part in wrong,
            "width": 4 if part == "year" else 2,
        }
        for part, value in zip(widgets.PARTS, typed, strict=True)
    ]


@register.simple_tag
def described_by(field: BoundField, hint: str = "", info: object = False) -> str:
    """The ids a control's aria-describedby names: its hint, its error and (a character
    count) its count message. `{% described_by field hint=hint info=limit as described %}`"""
    ids = []
    if hint or field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    if info:
        ids.append(f"{field.auto_id}-info")
    return " ".join(ids)
