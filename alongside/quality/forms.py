from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from alongside.forms_validation import date_within, no_bidi_controls
from alongside.widgets import DateInputField, choice_field

from .models import Face, IStatement, Need, QualityChecker, TrainingModule
from .photos import CleanPhoto, clean_photo


def _choose(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


CHECKS_A_MONTH = [(str(n), str(n)) for n in range(1, 5)]


class CheckerForm(forms.Form):
    """How a checker likes to check: the support they need, when, and how often."""

    needs = forms.MultipleChoiceField(
        label="What help do you need to do a check?",
        help_text="Choose all that are true. You can change these later.",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    availability = forms.CharField(
        label="When can you do checks?",
        help_text="For example, Tuesday and Thursday afternoons.",
        max_length=300,
        validators=[no_bidi_controls],
        required=False,
        error_messages={"max_length": "This must be 300 characters or fewer"},
    )
    checks_per_month = forms.TypedChoiceField(
        label="How many checks a month do you want to do?",
        choices=CHECKS_A_MONTH,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how many checks a month"},
    )
    checks_in_region = forms.TypedChoiceField(
        label="Do you want to check other homes near you, as well as your own home?",
        choices=[("yes", "Yes"), ("no", "No, only my own home")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )


class VolunteerForm(CheckerForm):
    agree = forms.BooleanField(
        label="Yes, I want to be a quality checker",
        required=True,
        error_messages={"required": "Tick the box to say you want to be a quality checker"},
    )


class SignUpForm(CheckerForm):
    """A manager signs up a person who said yes to being a quality checker."""

    consent_given_on = DateInputField(
        what="The day they said yes",
        label="The day they said yes",
        validators=[date_within(what="The day they said yes", years_back=10, years_ahead=0)],
        error_messages={
            "required": "Enter the day they said yes",
        },
    )
    agree = forms.BooleanField(
        label="They told me they want to be a quality checker",
        required=True,
        error_messages={"required": "Tick the box to confirm they said yes"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].label = "What help do they need to do a check?"
        self.fields["availability"].label = "When can they do checks?"
        self.fields["checks_per_month"].label = "How many checks a month do they want to do?"
        self.fields[
            "checks_in_region"
        ].label = "Do they want to check other homes near them, as well as their own home?"
        choice_field(self, "checks_in_region").choices = [
            ("yes", "Yes"),
            ("no", "No, only their own home"),
        ]


class CheckerEditForm(CheckerForm):
    other_services = forms.MultipleChoiceField(
        label="Other services they check",
        help_text="Their own home is always theirs to check. These are services in their "
        "region they have chosen to check too.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["other_services"], [(str(s.pk), s.name) for s in services])


class TrainingForm(forms.Form):
    module = forms.ChoiceField(
        label="Which training did they finish?",
        choices=TrainingModule.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the training", "invalid_choice": "Choose the training"},
    )
    completed_on = DateInputField(
        what="The day they finished the training",
        label="The day they finished it",
        validators=[date_within(what="The day they finished", years_back=10, years_ahead=0)],
        error_messages={
            "required": "Enter the day they finished the training",
        },
    )


class ChecklistForm(forms.Form):
    name = forms.CharField(
        label="Name of the checklist",
        max_length=120,
        validators=[no_bidi_controls],
        error_messages={
            "required": "Enter a name for the checklist",
            "max_length": "The name must be 120 characters or fewer",
        },
    )
    statements = forms.MultipleChoiceField(
        label="Which I statements should checkers ask about?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one I statement",
            "invalid_choice": "Choose from the list",
        },
    )

    def __init__(self, *args: Any, statements: list[IStatement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["statements"], [(str(s.pk), s.text) for s in statements])


class CheckAnswersForm(forms.Form):
    """One face (and an optional comment and photo) for each I statement on the checklist."""

    done_on = DateInputField(
        what="The day you did the check",
        label="The day you did the check",
        validators=[date_within(what="The day of the check", years_back=2, years_ahead=0)],
        error_messages={
            "required": "Enter the day you did the check",
        },
    )
    summary = forms.CharField(
        label="Anything else you want to say? (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )

    def __init__(self, *args: Any, statements: list[IStatement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        for s in statements:
            self.fields[f"face_{s.pk}"] = forms.ChoiceField(
                label=s.question,
                choices=Face.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose a face for: {s.text}",
                    "invalid_choice": "Choose one of the faces",
                },
            )
            self.fields[f"comment_{s.pk}"] = forms.CharField(
                label="What did you see or hear? (optional)",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=2000,
                error_messages={"max_length": "This must be 2,000 characters or fewer"},
            )
            self.fields[f"photo_{s.pk}"] = forms.FileField(
                label="Add a photo (optional)",
                help_text="A JPG or PNG picture, smaller than 5 MB. "
                "We remove where and when it was taken.",
                required=False,
            )
        self.clean_photos: dict[int, CleanPhoto] = {}

    def questions(self) -> list[dict[str, Any]]:
        return [
            {
                "statement": s,
                "face": self[f"face_{s.pk}"],
                "comment": self[f"comment_{s.pk}"],
                "photo": self[f"photo_{s.pk}"],
            }
            for s in self.statements
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for s in self.statements:
            upload = data.get(f"photo_{s.pk}")
            if upload:
                try:
                    self.clean_photos[s.pk] = clean_photo(upload, size=upload.size)
                except ValidationError as error:
                    self.add_error(f"photo_{s.pk}", error.messages[0])
        return data


class ActionResponseForm(forms.Form):
    response = forms.CharField(
        label="What did you do about this?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={
            "required": "Say what you did about this",
            "max_length": "This must be 5,000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposalForm(forms.Form):
    checker = forms.ChoiceField(
        label="Who checks this service?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a checker", "invalid_choice": "Choose a checker"},
    )
    checklist = forms.ChoiceField(
        label="Which checklist?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a checklist", "invalid_choice": "Choose a checklist"},
    )

    def __init__(
        self, *args: Any, checkers: list[QualityChecker], checklists: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choose(
            self.fields["checker"],
            [
                (str(c.pk), f"{c.person.preferred_name} (lives at {c.person.service})")
                for c in checkers
            ],
        )
        _choose(self.fields["checklist"], [(str(c.pk), c.name) for c in checklists])
