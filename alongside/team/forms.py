from __future__ import annotations

from typing import Any

from django import forms

from alongside.forms_validation import no_bidi_controls
from alongside.organisations.models import StaffMember
from alongside.photos import CleanPhoto, clean_photo
from alongside.widgets import model_choice_field

from .models import WHAT_I_WANT_MISSING, ChangeRequest, TeamChoice, WhatILookFor


class TeamChoiceForm(forms.Form):
    choice = forms.ChoiceField(
        label="How do you feel about working with them?",
        choices=[*TeamChoice.Choice.choices, ("", "No choice")],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose one of the answers"},
    )
    reason = forms.CharField(
        label="Why you would rather not (optional)",
        help_text="Only you and your service manager can read this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )
    # The version of the choice as the page showed it (0 for none), so that a change made
    # by someone else since is never overwritten without the person seeing it.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": "This page is out of date: open it again and choose again",
            "invalid": "This page is out of date: open it again and choose again",
            "min_value": "This page is out of date: open it again and choose again",
        },
    )


class WhatILookForForm(forms.Form):
    tags = forms.MultipleChoiceField(
        label="What I look for in a support worker",
        choices=WhatILookFor.Tag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    my_words = forms.CharField(
        label="In my own words (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class WorkerChoiceField(forms.ModelChoiceField[StaffMember]):
    """Chooses one of the person's team, each shown by the worker's name."""

    def label_from_instance(self, obj: StaffMember) -> str:
        return obj.user.display_name


class AskForChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label="What change do you want?",
        choices=ChangeRequest.Kind.choices,
        widget=forms.RadioSelect,
        initial=ChangeRequest.Kind.NOT_SUITED,
        error_messages={
            "required": "Choose the change you want",
            "invalid_choice": "Choose a change from the list",
        },
    )
    worker = WorkerChoiceField(
        label="Which worker?",
        help_text="For “not best suited” or “more time with”.",
        queryset=StaffMember.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        required=False,
        error_messages={"invalid_choice": "Choose a worker from the list"},
    )
    what_i_want = forms.CharField(
        label="Which times, or what the new worker does",
        help_text="For example, “mornings, not evenings” or “someone who likes football”.",
        required=False,
        max_length=500,
        validators=[no_bidi_controls],
        error_messages={"max_length": "What you want must be 500 characters or fewer"},
    )
    my_words = forms.CharField(
        label="Anything else you want to say (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "worker").queryset = workers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        wants_worker = kind in ChangeRequest.KINDS_WITH_WORKER
        if wants_worker and not data.get("worker") and "worker" not in self.errors:
            self.add_error("worker", "Choose the worker")
        if kind in ChangeRequest.KINDS_WITH_WHAT and not str(data.get("what_i_want", "")).strip():
            self.add_error("what_i_want", WHAT_I_WANT_MISSING[kind])
        return data


class ChangeRequestStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Where is this request now?",
        choices=ChangeRequest.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the request is now"},
    )
    could_not_reason = forms.CharField(
        label="If it could not be done, why (the person will read this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") == ChangeRequest.Status.COULD_NOT
            and not str(data.get("could_not_reason", "")).strip()
        ):
            self.add_error(
                "could_not_reason", "Say why it could not be done. The person will read it."
            )
        return data


PROFILE_PHOTO_SIDE = 600  # pixels: plenty for a face on a phone, small to send


class WorkerPhotoForm(forms.Form):
    photo = forms.FileField(
        widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        label="Choose a photo",
        help_text="A JPG or PNG picture of your face, smaller than 5 MB. "
        "We remove where and when it was taken.",
        error_messages={"required": "Choose a photo to upload", "empty": "The photo is empty"},
    )

    def clean_photo(self) -> CleanPhoto:
        upload = self.cleaned_data["photo"]
        return clean_photo(upload, size=upload.size, max_side=PROFILE_PHOTO_SIDE)


class TeamSettingsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    days = forms.IntegerField(
        label="Days to answer a request for a change",
        help_text=(
            "A request that is not done, or answered, by then shows as overdue to the service "
            "manager. New requests get this; requests already made keep their deadline."
        ),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        min_value=1,
        max_value=90,
        error_messages={
            "required": "Enter a number of days from 1 to 90",
            "invalid": "Enter a number of days from 1 to 90",
            "min_value": "Enter a number of days from 1 to 90",
            "max_value": "Enter a number of days from 1 to 90",
        },
    )


WORKER_WORDS_MAX = 600


class WorkerWordsForm(forms.Form):
    about_me = forms.CharField(
        label="A few words about me",
        help_text=(
            "The people you support read this beside your photo when they choose who they "
            "would rather work with. For example, your interests, the languages you speak, "
            "what you enjoy."
        ),
        required=False,
        max_length=WORKER_WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Write {WORKER_WORDS_MAX} characters or fewer",
        },
    )
    # The words as they were when the page was shown, to tell if someone changed them since.
    original = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
