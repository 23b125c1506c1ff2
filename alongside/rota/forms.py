from __future__ import annotations

from typing import Any

from django import forms

from alongside.forms_validation import date_within
from alongside.widgets import DateInputField, choice_field


class ShiftWorkersForm(forms.Form):
    workers = forms.MultipleChoiceField(
        label="Who works this session",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose workers from the list"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "workers").choices = choices


TIME_MESSAGES = {"required": "Enter a time, like 09:30", "invalid": "Enter a time, like 09:30"}


class SupportNeedForm(forms.Form):
    day = forms.TypedChoiceField(
        label="Day",
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the day", "invalid_choice": "Choose a day"},
    )
    starts = forms.TimeField(label="Starts (like 09:30)", error_messages=TIME_MESSAGES)
    ends = forms.TimeField(
        label="Ends (like 14:00)",
        help_text="If it is earlier than the start, it ends the next day.",
        error_messages=TIME_MESSAGES,
    )
    kind = forms.ChoiceField(
        label="Kind of support",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind", "invalid_choice": "Choose a kind"},
    )
    workers_needed = forms.IntegerField(
        label="Workers needed",
        min_value=1,
        max_value=4,
        initial=1,
        error_messages={
            "required": "Enter how many workers",
            "invalid": "Enter a number from 1 to 4",
            "min_value": "Enter a number from 1 to 4",
            "max_value": "Enter a number from 1 to 4",
        },
    )
    skills = forms.MultipleChoiceField(
        label="Skills needed",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose skills from the list"},
    )
    shared_with = forms.MultipleChoiceField(
        label="Shared with (for shared support or a sleep-in)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose people from the list"},
    )
    personal_care = forms.TypedChoiceField(
        label="Does this session include personal care?",
        help_text="Washing, dressing, the toilet: only workers the person allows give it.",
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda v: v == "yes",
        initial="no",
        # Not answered means no: a session has personal care only when someone says so.
        required=False,
        empty_value="",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose yes or no"},
    )

    def __init__(
        self,
        *args: Any,
        days: list[tuple[int, str]],
        kinds: list[tuple[str, str]],
        skills: list[tuple[str, str]],
        others: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "day").choices = days
        choice_field(self, "kind").choices = kinds
        choice_field(self, "skills").choices = skills
        choice_field(self, "shared_with").choices = others

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("starts") == data.get("ends"):
            self.add_error("ends", "The end time must be different from the start")
        if data.get("kind") == "two_to_one" and (data.get("workers_needed") or 0) < 2:
            self.add_error("workers_needed", "Two-to-one support needs 2 workers")
        return data


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class WorkerTermsForm(_Versioned):
    min_hours = forms.DecimalField(
        label="Contracted minimum hours a week",
        min_value=0,
        max_value=80,
        decimal_places=1,
        error_messages={
            "required": "Enter the minimum hours",
            "invalid": "Enter a number of hours, like 30 or 37.5",
        },
    )
    max_hours = forms.DecimalField(
        label="Most hours a week",
        min_value=0,
        max_value=80,
        decimal_places=1,
        error_messages={
            "required": "Enter the most hours",
            "invalid": "Enter a number of hours, like 40 or 48",
        },
    )
    opted_out_of_48_hours = forms.BooleanField(
        label="They have opted out of the 48-hour week in writing", required=False
    )
    gender = forms.ChoiceField(
        label="Gender (only used for people who ask for personal care from women or men)",
        choices=[("", "Not said"), ("woman", "Woman"), ("man", "Man"), ("other", "Another way")],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one from the list"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_hours"), data.get("max_hours")
        if low is not None and high is not None and low > high:
            self.add_error("max_hours", "The most hours must be at least the minimum")
        if high is not None and high > 48 and not data.get("opted_out_of_48_hours"):
            self.add_error("max_hours", "More than 48 hours a week needs their written opt-out")
        return data


class AvailabilityForm(forms.Form):
    day = forms.TypedChoiceField(
        label="Day",
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the day", "invalid_choice": "Choose a day"},
    )
    starts = forms.TimeField(label="From (like 07:00)", error_messages=TIME_MESSAGES)
    ends = forms.TimeField(
        label="Until (like 22:00)",
        help_text="If it is earlier than the start, it runs into the next day.",
        error_messages=TIME_MESSAGES,
    )

    def __init__(self, *args: Any, days: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "day").choices = days


LONGEST_ABSENCE_DAYS = 366


class AbsenceForm(forms.Form):
    first_day = DateInputField(
        what="The first day",
        label="First day",
        validators=[date_within(what="The first day", years_back=5, years_ahead=2)],
        error_messages={
            "required": "Enter the first day",
        },
    )
    last_day = DateInputField(
        what="The last day",
        label="Last day",
        validators=[date_within(what="The last day", years_back=5, years_ahead=2)],
        error_messages={
            "required": "Enter the last day",
        },
    )
    reason = forms.ChoiceField(
        label="Why",
        choices=[("leave", "Leave"), ("sickness", "Sickness")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose leave or sickness"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The last day must be on or after the first day")
        elif first and last and (last - first).days + 1 > LONGEST_ABSENCE_DAYS:
            # Longer than a year is a typing slip (a wrong year), not leave or sickness.
            self.add_error(
                "last_day",
                "Leave or sickness can be at most a year (366 days). Check the years, or "
                "write a longer time as more than one entry.",
            )
        return data


class AvailabilityEditForm(AvailabilityForm, _Versioned):
    """Change one availability entry: the same checks as adding one."""


class AbsenceEditForm(AbsenceForm, _Versioned):
    """Change one leave or sickness entry: the same checks as adding one."""


class DeleteEntryForm(_Versioned):
    """Confirm deleting an entry, as it was when the page was shown."""


def _weight(label: str, hint: str) -> forms.IntegerField:
    words = "Enter a whole number from 0 to 100"
    return forms.IntegerField(
        label=label,
        help_text=hint,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        min_value=0,
        max_value=100,
        error_messages={
            "required": f"{words} for “{label}”",
            "invalid": f"{words} for “{label}”",
            "min_value": f"{words} for “{label}”",
            "max_value": f"{words} for “{label}”",
        },
    )


class RotaWeightsForm(_Versioned):
    """How much each soft goal counts. The solver adds up points and keeps the lowest."""

    preferred_hours = _weight(
        "Workers the person chose",
        "Points for each hour a person spends with a worker they did not choose.",
    )
    continuity = _weight(
        "Fewest different workers",
        "Points for each different worker in a person's week.",
    )
    contracted_hours = _weight(
        "Contracted hours met",
        "Points for each hour a worker is given below their contracted hours.",
    )
    fair_weekends_nights = _weight(
        "A fair share of weekends and nights",
        "Points for each weekend session of the worker with the most, and the same for nights.",
    )


class WorkerSkillsForm(forms.Form):
    skills = forms.MultipleChoiceField(
        label="Which skills do they have?",
        help_text="The rota only gives them sessions that need skills they have.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose skills from the list"},
    )
    # The skills as they were when the page was shown, to tell if someone changed them since.
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "skills").choices = choices

    def clean_original(self) -> set[int]:
        text = self.cleaned_data.get("original") or ""
        try:
            return {int(part) for part in text.split(",") if part}
        except ValueError:
            raise forms.ValidationError("Open the page again and choose the skills") from None


def skill_ids(skills: Any) -> str:
    """The hidden `original` value for a set of skills."""
    return ",".join(str(pk) for pk in sorted(s.pk for s in skills))


class PersonalCareForm(forms.Form):
    by = forms.ChoiceField(
        label="Who may give you personal care?",
        help_text="Washing, dressing and the toilet. The rota always keeps to this.",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who may give you personal care",
            "invalid_choice": "Choose who may give you personal care from the list",
        },
    )
    workers = forms.MultipleChoiceField(
        label="The workers you name (if you chose “only the workers I name”)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose workers from your team"},
    )

    def __init__(
        self,
        *args: Any,
        by: list[tuple[str, str]],
        workers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "by").choices = by
        choice_field(self, "workers").choices = workers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("by") == "named" and not data.get("workers"):
            self.add_error("workers", "Name at least one worker who may give you personal care")
        return data
