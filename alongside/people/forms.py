from __future__ import annotations

from typing import Any

from django import forms

from .models import Person
from .sharing import Audience, Part, SupporterScope


class PersonDetailsForm(forms.Form):
    preferred_name = forms.CharField(
        label="The name I like to be called",
        max_length=100,
        error_messages={
            "required": "Enter the name you like to be called",
            "max_length": "The name must be 100 letters or fewer",
        },
    )
    pronouns = forms.CharField(
        label="My pronouns (optional)",
        help_text="For example, she/her, he/him or they/them.",
        max_length=40,
        required=False,
        error_messages={"max_length": "Pronouns must be 40 letters or fewer"},
    )
    what_matters_to_me = forms.CharField(
        label="What matters to me",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 letters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_preferred_name(self) -> str:
        name = str(self.cleaned_data["preferred_name"]).strip()
        if not name:
            raise forms.ValidationError("Enter the name you like to be called")
        return name


class SharingForm(forms.Form):
    """One group of tick boxes per part: who can see it."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in Part:
            self.fields[part.value] = forms.MultipleChoiceField(
                label=f"Who can see “{part.label}”?",
                choices=Audience.choices,
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
