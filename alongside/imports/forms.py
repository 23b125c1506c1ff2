"""The upload form of "Bring in your records"."""

from __future__ import annotations

from django import forms

from .models import ImportRun

KIND_HINTS = {
    "services": "Bring these in first: staff and people are matched to them.",
    "staff": "Needs your services in Alongside already.",
    "people": "Needs your services in Alongside already.",
    "supporters": "Needs the people they support in Alongside already.",
}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What records are in the file?",
        choices=ImportRun.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what records are in the file",
            "invalid_choice": "Choose what records are in the file",
        },
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file made from the template.",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The file you chose is empty",
            "invalid": "Choose a CSV file to upload",
        },
    )
