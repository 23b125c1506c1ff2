from __future__ import annotations

from typing import Any

from django import forms

from alongside.forms_validation import no_bidi_controls
from alongside.widgets import choice_field

from .models import ApiClient
from .services import MOST_DAYS


class ClientForm(forms.Form):
    name = forms.CharField(
        label="What the client is",
        help_text="For example: the council's case system, or our rota app.",
        max_length=100,
        validators=[no_bidi_controls],
        error_messages={
            "required": "Say what the client is",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    acts_as = forms.TypedChoiceField(
        label="Whose account it acts as",
        help_text="The client sees and does only what this person may.",
        coerce=int,
        error_messages={
            "required": "Choose whose account the client acts as",
            "invalid_choice": "Choose someone from the list",
        },
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=ApiClient.Scope.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the client may do",
            "invalid_choice": "Choose read only, or read and write",
        },
    )
    days = forms.IntegerField(
        label="How many days the token works",
        min_value=1,
        max_value=MOST_DAYS,
        initial=90,
        error_messages={
            "required": "Say how many days the token works",
            "invalid": "Write the number of days, like 90",
            "min_value": "The token must work for at least 1 day",
            "max_value": f"The token can work for {MOST_DAYS} days at most",
        },
    )

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "acts_as").choices = [("", "Choose someone"), *staff]
