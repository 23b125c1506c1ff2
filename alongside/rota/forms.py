from __future__ import annotations

from typing import Any

from django import forms


class ShiftWorkersForm(forms.Form):
    workers = forms.MultipleChoiceField(
        label="Who works this session",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose workers from the list"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workers"].choices = choices  # type: ignore[attr-defined]
