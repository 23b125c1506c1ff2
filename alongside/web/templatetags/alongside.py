"""Template helpers for Alongside's shell: pictures beside ideas, where error links go."""

from __future__ import annotations

from django import template
from django.forms import BaseForm, BoundField
from django.templatetags.static import static
from django.utils.html import format_html

from alongside.pictures import picture_path
from alongside.widgets import DateParts, date_parts, parts_in_error
from alongside.words import counted as _counted

register = template.Library()


@register.simple_tag
def picture(name: str) -> str:
    """A picture beside an idea. The words beside it say the idea, so it is decorative."""
    return format_html(
        '<img class="alongside-picture" src="{}" alt="" width="32" height="32">',
        static(picture_path(name)),
    )


@register.filter
def counted(n: int, words: str) -> str:
    """{{ n|counted:"review,reviews" }}: "no reviews", "1 review", "3 reviews"."""
    one, _, many = words.partition(",")
    return _counted(int(n or 0), one, many)


@register.filter
def error_target(field: BoundField) -> str:
    """The id an error-summary link to `field` goes to: the element that takes focus.

    Radios and checkboxes have no element for the whole question (Django gives their label
    no `for`), so the link goes to the first choice, as the GOV.UK error summary does. A
    hidden field cannot take focus, so its error goes to the form's first question.
    """
    if field.is_hidden:
        return first_error_target(field.form)
    if isinstance(field.field.widget, DateParts):  # the first box that is wrong
        wrong = parts_in_error(date_parts(field.value())) if field.errors else ["day"]
        return f"{field.auto_id}_{wrong[0]}"
    if field.id_for_label:
        return field.id_for_label
    choices = field.subwidgets
    return (choices[0].id_for_label if choices else "") or field.auto_id or ""


@register.filter
def first_error_target(form: BaseForm) -> str:
    """Where an error about the whole form goes: its first question that can take focus."""
    for field in form.visible_fields():
        return error_target(field)
    return ""
