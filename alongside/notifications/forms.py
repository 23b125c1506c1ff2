from __future__ import annotations

from typing import Any

from django import forms

from .kinds import KindInfo


class HowWeTellYouForm(forms.Form):
    """Which of the reader's kinds of message also come by email (none ticked: none)."""

    by_email = forms.MultipleChoiceField(
        label="Email me when",
        help_text="Every message is in My messages. Tick the ones you also want by email.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list of messages."},
    )

    def __init__(self, *args: Any, kinds: list[KindInfo], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["by_email"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(info.kind.value, _first_capital(info.choice)) for info in kinds]


def _first_capital(words: str) -> str:
    return words[:1].upper() + words[1:]
