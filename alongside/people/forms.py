from __future__ import annotations

from typing import Any

from django import forms

from alongside.forms_validation import date_within, no_bidi_controls
from alongside.widgets import DateInputField, choice_field

from .models import PLAN_FIELDS, Person, PlanVersion, field_label
from .selectors import support_workers_of
from .sharing import (
    AUDIENCES_FOR_PART,
    Audience,
    Part,
    SupporterScope,
    not_worker_audience,
    supporter_audience,
    worker_audience,
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
        self._workers = support_workers_of(person)
        for part in Part:
            audiences = AUDIENCES_FOR_PART.get(part.value, Audience.values)
            chosen = person.sharing.get(part.value, [])
            self.fields[part.value] = forms.MultipleChoiceField(
                label=f"Who can see “{part.label}”?",
                help_text=HINT_FOR_PART.get(part.value, ""),
                choices=[*[(a, Audience(a).label) for a in audiences], *supporters],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[a for a in chosen if not a.startswith(("worker:", "not_worker:"))],
                error_messages={"invalid_choice": "Choose from the list"},
            )
            # One support worker by name: "also Tony" or "not Tony", whatever the team sees.
            for kind, make, label in (
                ("worker", worker_audience, "Also let these support workers see it"),
                ("not_worker", not_worker_audience, "Do not let these support workers see it"),
            ):
                self.fields[f"{part.value}__{kind}"] = forms.MultipleChoiceField(
                    label=f"{label} (“{part.label}”)",
                    choices=[(str(pk), name) for pk, name in self.workers],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    initial=[str(pk) for pk, _ in self.workers if make(pk) in chosen],
                    error_messages={"invalid_choice": "Choose from the list"},
                )

    @property
    def workers(self) -> list[tuple[int, str]]:
        return self._workers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = dict(self.workers)
        for part in Part:
            both = set(data.get(f"{part.value}__worker", [])) & set(
                data.get(f"{part.value}__not_worker", [])
            )
            if both:
                who = ", ".join(sorted(names[int(pk)] for pk in both))
                self.add_error(
                    f"{part.value}__not_worker",
                    f"You chose {who} both to see and not to see “{part.label}”. Choose one.",
                )
        return data

    def groups(self) -> list[tuple[str, Any, Any, Any]]:
        """Each part's tick boxes, with its named support workers beside them."""
        return [
            (
                part.label,
                self[part.value],
                self[f"{part.value}__worker"],
                self[f"{part.value}__not_worker"],
            )
            for part in Part
        ]

    def sharing(self) -> dict[str, list[str]]:
        return {
            part.value: [
                *self.cleaned_data[part.value],
                *[worker_audience(int(pk)) for pk in self.cleaned_data[f"{part.value}__worker"]],
                *[
                    not_worker_audience(int(pk))
                    for pk in self.cleaned_data[f"{part.value}__not_worker"]
                ],
            ]
            for part in Part
        }


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
    review_date = DateInputField(
        what="The day we look at the plan again",
        label="When we look at my plan again (optional)",
        required=False,
        validators=[
            date_within(what="The day we look at the plan again", years_back=1, years_ahead=10)
        ],
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
            label = field_label(PlanVersion, name)
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


class WhoLookedFilterForm(forms.Form):
    """Narrow "Who has looked" to one person who looked, or one month, or both."""

    LEFT = "left"  # someone whose account has since been deleted

    who = forms.ChoiceField(
        label="Who looked",
        required=False,
        error_messages={"invalid_choice": "Choose someone from the list of who has looked."},
    )
    month = forms.ChoiceField(
        label="Month",
        required=False,
        error_messages={"invalid_choice": "Choose a month from the list."},
    )

    def __init__(self, *args: Any, viewers: list[Any], months: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        who_choices = [("", "Everyone")] + [
            (str(v.viewer_id) if v.viewer_id is not None else self.LEFT, v.who) for v in viewers
        ]
        choice_field(self, "who").choices = who_choices
        choice_field(self, "month").choices = [("", "Every month")] + [
            (f"{m:%Y-%m}", f"{m:%B %Y}") for m in months
        ]
        self.months = {f"{m:%Y-%m}": m for m in months}

    def chosen_viewer(self) -> Any:
        """The chosen viewer's id, None for someone who has left, ANYONE for everyone."""
        from alongside.audit.selectors import ANYONE

        who = self.cleaned_data.get("who") if self.is_valid() else ""
        if not who:
            return ANYONE
        return None if who == self.LEFT else int(who)

    def chosen_month(self) -> Any:
        chosen = self.cleaned_data.get("month") if self.is_valid() else ""
        return self.months.get(chosen) if chosen else None
