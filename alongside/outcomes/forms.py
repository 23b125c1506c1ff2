"""Forms for the Making It Real self-assessment. Messages say what to do, in plain words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from alongside.forms_validation import date_within, no_bidi_controls
from alongside.quality.models import QualityChecker
from alongside.widgets import DateInputField, choice_field, model_choice_field

from .models import Rating, WeStatement


class CheckerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.preferred_name} (quality checker at {obj.person.service.name})"


class TakingPartForm(forms.Form):
    people_taking_part = forms.CharField(
        label="People we support who took part",
        help_text="Their names, as they would like to be named. One or more.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )
    checkers_taking_part = CheckerChoice(
        label="Quality checkers who took part",
        queryset=QualityChecker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose quality checkers from the list"},
    )
    staff_taking_part = forms.CharField(
        label="Staff who took part",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, checkers: QuerySet[QualityChecker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "checkers_taking_part").queryset = checkers


class StartForm(TakingPartForm):
    year = forms.IntegerField(
        label="Which year is this self-assessment for?",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the year, for example 2026",
            "invalid": "Enter the year as a number, for example 2026",
            "min_value": "Enter a year after 2000",
            "max_value": "Enter a year before 2100",
        },
    )
    field_order = ["year", "people_taking_part", "checkers_taking_part", "staff_taking_part"]


RATING_CHOICES = [("", "Not rated yet"), *((str(v), str(label)) for v, label in Rating.choices)]


class RatingsForm(TakingPartForm):
    """Who took part, and a rating and evidence for each We statement of the edition."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, statements: list[WeStatement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        for s in statements:
            self.fields[f"rating_{s.pk}"] = forms.ChoiceField(
                label=f"How well do we do this? {s.text}",
                choices=RATING_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose how well we do it from the list"},
            )
            self.fields[f"evidence_{s.pk}"] = forms.CharField(
                label=f"What shows this? {s.text}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": "This must be 5,000 characters or fewer"},
            )

    def rows(self) -> list[tuple[WeStatement, Any, Any]]:
        return [(s, self[f"rating_{s.pk}"], self[f"evidence_{s.pk}"]) for s in self.statements]

    def ratings(self) -> dict[int, tuple[int | None, str]]:
        found: dict[int, tuple[int | None, str]] = {}
        for s in self.statements:
            value = self.cleaned_data.get(f"rating_{s.pk}") or ""
            evidence = self.cleaned_data.get(f"evidence_{s.pk}") or ""
            found[s.pk] = (int(value) if value else None, evidence)
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for s in self.statements:
            if data.get(f"evidence_{s.pk}", "").strip() and not data.get(f"rating_{s.pk}"):
                self.add_error(
                    f"rating_{s.pk}", "Choose how well we do it, as you wrote what shows this"
                )
        return data


class ActionForm(forms.Form):
    statement = forms.ChoiceField(
        label="Which We statement is it about?",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose a statement from the list"},
    )
    what = forms.CharField(
        label="What will we do?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say what we will do",
            "max_length": "This must be 2,000 characters or fewer",
        },
    )
    who = forms.CharField(
        label="Who will do it?",
        max_length=200,
        validators=[no_bidi_controls],
        error_messages={
            "required": "Say who will do it",
            "max_length": "This must be 200 characters or fewer",
        },
    )
    by_when = DateInputField(
        what="The day it is done by",
        label="By when?",
        validators=[date_within(what="The day it is done by", years_back=1, years_ahead=5)],
        error_messages={
            "required": "Enter the date it will be done by",
        },
    )

    def __init__(self, *args: Any, statements: list[WeStatement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "statement").choices = [
            ("", "The whole self-assessment"),
            *((str(s.pk), s.text) for s in statements),
        ]
