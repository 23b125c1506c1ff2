from __future__ import annotations

from typing import Any

from django import forms

from .models import Feeling

YES_NO = [("yes", "Yes"), ("no", "No")]


class CheckInForm(forms.Form):
    feeling = forms.TypedChoiceField(
        label="How do you feel today?",
        choices=Feeling.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the picture that shows how you feel today."},
    )
    helps = forms.MultipleChoiceField(
        label="What would help today?",
        help_text="These are from your About me. Choose any.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose what would help from the list."},
    )
    note = forms.CharField(
        label="Anything else that would help today? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please write less than 2,000 letters."},
    )
    alert_team = forms.ChoiceField(
        label="If it is a bad day, tell my team on shift?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say yes or no: should we tell your team on shift?"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, helps_choices: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["helps"].choices = [(h, h) for h in helps_choices]  # type: ignore[attr-defined]
        if not helps_choices:
            self.fields[
                "helps"
            ].help_text = "You have not written what helps on a bad day in your About me yet."
