from __future__ import annotations

from typing import Any

from django import forms

from alongside.forms_validation import date_within, no_bidi_controls

from .models import PLAN_FIELDS, Person, PlanVersion
from .sharing import (
    AUDIENCES_FOR_PART,
    Audience,
    Part,
    SupporterScope,
    supporter_audience,
)


class PersonDetailsForm(forms.Form):
    preferred_name = forms.CharField(
        label="The name I like to be called",
        max_length=100,
        validators=[no_bidi_controls],
        error_messages={
            "required": "Enter the name you like to be called",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    pronouns = forms.CharField(
        label="My pronouns (optional)",
        validators=[no_bidi_controls],
        help_text="For example, she/her, he/him or they/them.",
        max_length=40,
        required=False,
        error_messages={"max_length": "Pronouns must be 40 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_preferred_name(self) -> str:
        name = str(self.cleaned_data["preferred_name"]).strip()
        if not name:
            raise forms.ValidationError("Enter the name you like to be called")
        return name


# Easy read words under a part's tick boxes, where its name alone does not say enough.
HINT_FOR_PART: dict[str, str] = {
    Part.MEETINGS: (
        "My meetings, what we talk about and what we agree. The people you tick can see "
        "them and add to them. A supporter can only do this if you also let them "
        f"“{SupporterScope.HELP_EDIT.label}”."
    ),
}


class SharingForm(forms.Form):
    """One group of tick boxes per part: who can see it."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        supporters = [
            (supporter_audience(s.pk), f"{s.user.display_name} ({s.relationship})")
            for s in person.supporters.filter(is_active=True).select_related("user")
        ]
        for part in Part:
            audiences = AUDIENCES_FOR_PART.get(part.value, Audience.values)
            self.fields[part.value] = forms.MultipleChoiceField(
                label=f"Who can see “{part.label}”?",
                help_text=HINT_FOR_PART.get(part.value, ""),
                choices=[*[(a, Audience(a).label) for a in audiences], *supporters],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=person.sharing.get(part.value, []),
                error_messages={"invalid_choice": "Choose from the list"},
            )

    def sharing(self) -> dict[str, list[str]]:
        return {part.value: self.cleaned_data[part.value] for part in Part}


class SupporterScopesForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label="What can they do?",
        choices=SupporterScope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    still_helping = forms.TypedChoiceField(
        label="Do you still want their help?",
        choices=[("yes", "Yes"), ("no", "No, stop them helping me")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )


class AboutMeSectionForm(forms.Form):
    text = forms.CharField(
        label="In my own words",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposalForm(forms.Form):
    proposed_text = forms.CharField(
        label="The words you suggest",
        help_text="Write as the person would say it, starting with “I”.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={
            "required": "Write the words you suggest",
            "max_length": "This must be 5,000 characters or fewer",
        },
    )
    note = forms.CharField(
        label="Why you suggest it (optional)",
        max_length=500,
        validators=[no_bidi_controls],
        required=False,
        error_messages={"max_length": "This must be 500 characters or fewer"},
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Choose yes or no", "invalid_choice": "Choose yes or no"},
    )


class PlanForm(forms.Form):
    """The plan in the first person. Staff filling it in make a suggestion instead."""

    current_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_date = forms.DateField(
        label="When we look at my plan again (optional)",
        help_text="For example, 27 3 2027 or 2027-03-27.",
        required=False,
        input_formats=["%d %m %Y", "%d/%m/%Y", "%Y-%m-%d"],
        validators=[
            date_within(what="The day we look at the plan again", years_back=1, years_ahead=10)
        ],
        error_messages={"invalid": "Enter a real date, like 27 3 2027"},
    )
    note = forms.CharField(
        label="Why you suggest this (optional)",
        max_length=500,
        validators=[no_bidi_controls],
        required=False,
        error_messages={"max_length": "This must be 500 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in PLAN_FIELDS:
            label = str(PlanVersion._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            self.fields[name] = forms.CharField(
                label=label[0].upper() + label[1:],
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=5000,
                error_messages={"max_length": "This must be 5,000 characters or fewer"},
            )
        self.order_fields([*PLAN_FIELDS, "review_date", "note", "current_id"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(name) or "").strip() for name in PLAN_FIELDS):
            raise forms.ValidationError("Write at least one part of the plan")
        return data

    def texts(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in (*PLAN_FIELDS, "review_date")}
