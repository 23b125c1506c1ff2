"""The one widgets module: form fields and widgets that render as GOV.UK Design System
components through `templates/includes/field.html` (issue 16 item 7, issue 18 item 6).

Every form in the app renders each field with `{% include "includes/field.html" with
field=form.x %}`; the include picks the component from the widget (`govuk_kind`). The date a
person types is the three-part day, month and year input
(https://design-system.service.gov.uk/components/date-input/): `DateInputField`, with one
plain message for each way a date can be wrong, and what was typed kept when it is shown again.

This module sits beside `forms_validation.py` on the lowest floor: it imports no app, so
every app's forms can use it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.datastructures import MultiValueDict

PARTS = ("day", "month", "year")
EXAMPLE = "27 3 2027"


def _join(parts: list[str]) -> str:
    return " and ".join(parts) if len(parts) < 3 else "day, month and year"


class DateParts(forms.Widget):
    """Three boxes, day, month and year (`NAME_day`, `NAME_month`, `NAME_year`). Its value is
    the three strings as typed, so a wrong date is shown again as it was written.

    One value at `NAME` written whole (2027-03-27) is taken too, for scripts and tests that
    post a date whole."""

    input_type = "date-parts"  # read by the template include, never rendered as a type
    use_fieldset = True

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> list[str]:
        if not any(f"{name}_{part}" in data for part in PARTS) and data.get(name):
            return _split_whole(str(data.get(name)))
        return [str(data.get(f"{name}_{part}") or "") for part in PARTS]

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> bool:
        return name not in data and all(f"{name}_{part}" not in data for part in PARTS)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""


WHOLE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %m %Y")


def _split_whole(whole: str) -> list[str]:
    """A date posted whole (2027-03-27, 27/3/2027 or 27 3 2027) as its three parts."""
    for fmt in WHOLE_FORMATS:
        try:
            day = datetime.datetime.strptime(whole.strip(), fmt).date()
        except ValueError:
            continue
        # The year as written, four numbers: "0001" is a year far back, not a year too short.
        return [str(day.day), str(day.month), f"{day.year:04d}"]
    return ["", "", whole]  # not a date: said to be not a number, nothing guessed


def date_parts(value: object) -> list[str]:
    """The day, month and year to show in the three boxes: what was typed, or a date."""
    if isinstance(value, (list, tuple)):
        return [str(v or "") for v in value][:3] + [""] * (3 - len(value))
    if isinstance(value, str) and value:
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return ["", "", ""]
    if isinstance(value, datetime.date):
        return [str(value.day), str(value.month), str(value.year)]
    return ["", "", ""]


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parts_in_error(typed: list[str]) -> list[str]:
    """Which boxes to mark: those left empty, else those that are not numbers, else all
    three (a date that does not exist, or one outside its range)."""
    missing = [p for p, v in zip(PARTS, typed, strict=True) if not v.strip()]
    if missing and len(missing) < 3:
        return missing
    not_numbers = [
        p for p, v in zip(PARTS, typed, strict=True) if v.strip() and not _is_number(v.strip())
    ]
    return not_numbers or list(PARTS)


class DateInputField(forms.Field):
    """A date typed as day, month and year. `what` names it in messages, like "The day of
    the meeting": "The day of the meeting must include a month"."""

    widget = DateParts

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("help_text", f"For example, {EXAMPLE}")
        super().__init__(**kwargs)
        self.error_messages.setdefault("required", f"Enter {what[0].lower()}{what[1:]}.")

    def to_python(self, value: Any) -> datetime.date | None:
        if value is None or isinstance(value, datetime.date):
            return value
        typed = [v.strip() for v in date_parts(value)]
        if not any(typed):
            return None
        missing = [p for p, v in zip(PARTS, typed, strict=True) if not v]
        if missing:
            raise ValidationError(
                f"{self.what} must include a {_join(missing)}.", code="incomplete"
            )
        not_numbers = [p for p, v in zip(PARTS, typed, strict=True) if not _is_number(v)]
        if not_numbers:
            which = _join(not_numbers)
            verb = "is" if len(not_numbers) == 1 else "are"
            raise ValidationError(
                f"{self.what}: the {which} {verb} not a number. "
                f"Write the date in numbers, like {EXAMPLE}.",
                code="not_a_number",
            )
        day, month, year = (int(v) for v in typed)
        if len(typed[2]) != 4:
            raise ValidationError(
                f"{self.what} must have a year with 4 numbers, like 2027.", code="year"
            )
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                f"{self.what} must be a real date, like {EXAMPLE}.", code="not_a_date"
            ) from None


def govuk_kind(field: BoundField) -> str:
    """Which GOV.UK component renders `field` (the name of its include in
    `templates/includes/fields/`)."""
    widget = field.field.widget
    if field.is_hidden:
        return "hidden"
    if isinstance(widget, DateParts):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a kind of RadioSelect
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, which is a choice field, to set its choices on.

    `form.fields` is typed as holding plain Fields, which have no `choices`: this says which
    kind the field is, and fails loudly if a form ever declares it as another kind.
    """
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name`, which chooses model rows, to set its queryset on."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field
