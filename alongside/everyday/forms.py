from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from alongside.forms_validation import date_within, no_bidi_controls
from alongside.widgets import DateInputField, choice_field

from .models import Feeling, HowOften

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
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )
    alert_team = forms.ChoiceField(
        label="If it is a bad day, tell my team on shift?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say yes or no: should we tell your team on shift?"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, helps_choices: list[str] | None, **kwargs: Any) -> None:
        """`helps_choices` None: the person does not share what helps with this helper, so
        the form has no such question."""
        super().__init__(*args, **kwargs)
        if helps_choices is None:
            del self.fields["helps"]
            return
        choice_field(self, "helps").choices = [(h, h) for h in helps_choices]
        if not helps_choices:
            self.fields[
                "helps"
            ].help_text = "You have not written what helps on a bad day in your About me yet."


class SuggestionForm(forms.Form):
    service = forms.TypedChoiceField(
        label="Which service is your idea for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the service your idea is for."},
    )
    text = forms.CharField(
        label="What is your idea?",
        help_text="Say what would make things better.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write your idea.",
            "max_length": "This must be 3,000 characters or fewer",
        },
    )
    anonymous = forms.ChoiceField(
        label="Do you want to say who you are?",
        help_text="If you do not, we do not keep your name at all. We cannot answer you "
        "by name, but you can see the answer on “You said, we did”.",
        choices=[("no", "Yes, say who I am"), ("yes", "No, do not keep my name")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose if you want to say who you are."},
    )

    def __init__(self, *args: Any, services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "service").choices = [(s.pk, s.name) for s in services]


class SuggestionResponseForm(forms.Form):
    status = forms.ChoiceField(
        label="What is happening with this idea?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is happening with this idea."},
    )
    response = forms.CharField(
        label="What we say back",
        help_text="Use plain words. If we are not doing it, say why.",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "This must be 3,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "status").choices = statuses


class PlanMeetingForm(forms.Form):
    on = DateInputField(
        what="The day of the meeting",
        label="When is the next meeting?",
        validators=[date_within(what="The day of the meeting", years_back=1, years_ahead=2)],
        error_messages={
            "required": "Say when the next meeting is.",
        },
    )
    how_often = forms.ChoiceField(
        label="How often do you want to meet?",
        choices=HowOften.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often you want to meet."},
    )
    with_whom = forms.CharField(
        label="Who do you want to meet with?",
        max_length=200,
        validators=[no_bidi_controls],
        error_messages={
            "max_length": "This must be 200 characters or fewer",
            "required": "Say who you want to meet with.",
        },
    )


class HowOftenForm(forms.Form):
    how_often = forms.ChoiceField(
        label="How often do you want to meet?",
        help_text="You can change this at any time.",
        choices=HowOften.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how often you want to meet.",
            "invalid_choice": "Choose how often you want to meet.",
        },
    )


class AgendaItemForm(forms.Form):
    text = forms.CharField(
        label="What do you want to talk about?",
        max_length=500,
        validators=[no_bidi_controls],
        error_messages={
            "required": "Write what you want to talk about.",
            "max_length": "This must be 500 characters or fewer",
        },
    )


class MeetingNotesForm(forms.Form):
    notes = forms.CharField(
        label="What we talked about",
        help_text="Write this together.",  # the meeting page words it for who is reading
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Write what you talked about."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


SOMEONE_ELSE = "someone-else"


class MeetingActionForm(forms.Form):
    what = forms.CharField(
        label="What will be done?",
        max_length=500,
        validators=[no_bidi_controls],
        error_messages={
            "max_length": "This must be 500 characters or fewer",
            "required": "Say what will be done.",
        },
    )
    owner = forms.ChoiceField(
        label="Who will do it?",
        help_text="The one you choose gets a message about it.",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who will do it.",
            "invalid_choice": "Choose who will do it from the list.",
        },
    )
    who = forms.CharField(
        label="If it is someone else, who?",
        help_text="For someone who is not in Alongside. Write their name.",
        max_length=200,
        required=False,
        validators=[no_bidi_controls],
        error_messages={"max_length": "This must be 200 characters or fewer"},
    )
    by_when = DateInputField(
        what="The day it is done by",
        label="By when?",
        validators=[date_within(what="The day it is done by", years_back=1, years_ahead=5)],
        error_messages={
            "required": "Say by when.",
        },
    )

    def __init__(self, *args: Any, who_may: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [*who_may, (SOMEONE_ELSE, "Someone else")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner") == SOMEONE_ELSE and not (data.get("who") or "").strip():
            self.add_error("who", "Write the name of who will do it.")
        return data
