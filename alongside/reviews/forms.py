"""Forms for reviews, goals and budgets. Amounts of money are read with parse_pounds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from alongside.forms_validation import date_within, no_bidi_controls
from alongside.widgets import DateInputField, choice_field

from .models import BudgetPeriod, Confirmation, DoingWhatMatters, GoalProgress
from .money import parse_pounds, pounds


class PoundsField(forms.CharField):
    """An amount in pounds and pence, written as people write it ("£40", "1,200.50")."""

    def __init__(self, *, allow_zero: bool = True, **kwargs: Any) -> None:
        self.allow_zero = allow_zero
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(str(text)) > 20:
            raise ValidationError("That amount is too long. Write it like £40 or 1,200.50.")
        return parse_pounds(str(text), allow_zero=self.allow_zero)

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal"})
        return attrs


class WhatMattersForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    what_matters = forms.CharField(
        label="What matters to you?",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10000,
        help_text="In the person's own words.",
        error_messages={"max_length": "This must be 10,000 characters or fewer"},
    )


class DoingWhatMattersForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    doing_what_matters = forms.ChoiceField(
        label="Are you doing the things that matter to you?",
        choices=DoingWhatMatters.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes, partly or not yet."},
    )
    doing_what_matters_words = forms.CharField(
        label="In your words",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )


class ConfirmForm(forms.Form):
    answer = forms.ChoiceField(
        label="Is this still right?",
        choices=Confirmation.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or change it."},
    )
    new_words = forms.CharField(
        label="What it should say now",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10000,
        help_text="Only if it should change. The person agrees the new words before they are used.",
        error_messages={"max_length": "This must be 10,000 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("answer") == Confirmation.Answer.CHANGE
            and not data.get("new_words", "").strip()
        ):
            self.add_error("new_words", "Write what it should say now.")
        return data


class TaskQuestionForm(forms.Form):
    task = forms.CharField(
        label="Which task?",
        max_length=200,
        validators=[no_bidi_controls],
        error_messages={"max_length": "This must be 200 characters or fewer"},
    )
    answer = forms.CharField(
        label="What the person says",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )


class GoalForm(forms.Form):
    words = forms.CharField(
        label="My goal, in my words",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={
            "max_length": "This must be 2,000 characters or fewer",
            "required": "Write the goal in your own words.",
        },
    )


class GoalChangeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    words = forms.CharField(
        label="My goal, in my words",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={
            "max_length": "This must be 2,000 characters or fewer",
            "required": "Write the goal in your own words.",
        },
    )
    progress = forms.ChoiceField(
        label="How is it going?",
        choices=GoalProgress.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the goal is going."},
    )


class AskForReviewForm(forms.Form):
    words = forms.CharField(
        label="Why would you like a review? (you do not have to say)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )


class PreparationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    what_matters_now = forms.CharField(
        label="What matters to me now",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
        error_messages={"max_length": "This must be 10,000 characters or fewer"},
    )
    goals = forms.MultipleChoiceField(
        label="Goals I want to talk about",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    anything_else = forms.CharField(
        label="Anything else I want to talk about",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )
    ready_to_share = forms.BooleanField(
        label="My council worker can read this before my review",
        required=False,
        help_text="Until you tick this, only you can read it.",
    )

    def __init__(self, *args: Any, goal_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "goals").choices = goal_choices


class BudgetChangeForm(forms.Form):
    """One row per current use, plus one new use. Built from the budget's uses."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    why = forms.CharField(
        label="Why I want this change (you do not have to say)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, uses: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uses = uses
        for use in uses:
            self.fields[f"use_{use.pk}"] = PoundsField(
                label=use.words,
                help_text="Write £0 to stop this use.",
                error_messages={"required": f"Write an amount for “{use.words}”, or £0."},
            )
        self.fields["new_words"] = forms.CharField(
            label="A new use, in your words (if you want one)",
            required=False,
            max_length=200,
            validators=[no_bidi_controls],
        )
        self.fields["new_amount"] = PoundsField(label="Amount for the new use", required=False)

    def use_fields(self) -> list[Any]:
        return [self[f"use_{u.pk}"] for u in self.uses]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        words = (data.get("new_words") or "").strip()
        amount = data.get("new_amount")
        if words and amount is None and "new_amount" not in self.errors:
            self.add_error("new_amount", "Write an amount for the new use.")
        if amount and not words:
            self.add_error("new_words", "Say what the new use is for.")
        return data

    def lines(self) -> list[tuple[int | None, str, Decimal]]:
        rows: list[tuple[int | None, str, Decimal]] = []
        for use in self.uses:
            amount = self.cleaned_data[f"use_{use.pk}"]
            if amount and amount > 0:
                rows.append((use.pk, use.words, amount))
        words = (self.cleaned_data.get("new_words") or "").strip()
        if words and self.cleaned_data.get("new_amount"):
            rows.append((None, words, self.cleaned_data["new_amount"]))
        return rows


class DecisionForm(forms.Form):
    note = forms.CharField(
        label="Why not (the person will read this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "This must be 2,000 characters or fewer"},
    )


class SpendingForm(forms.Form):
    use = forms.TypedChoiceField(
        label="What it was spent on", coerce=int, error_messages={"required": "Choose a use."}
    )
    amount = PoundsField(
        label="How much",
        allow_zero=False,
        error_messages={"required": "Write how much was spent, like £12.50."},
    )
    spent_on = DateInputField(
        what="The day it was spent",
        label="The day it was spent",
        validators=[date_within(what="The day", years_back=5, years_ahead=0)],
    )
    words = forms.CharField(
        label="What it was for (if you want)",
        required=False,
        max_length=200,
        validators=[no_bidi_controls],
        error_messages={"max_length": "This must be 200 characters or fewer"},
    )

    def __init__(self, *args: Any, uses: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "use").choices = [
            ("", "Choose a use"),
            *[(u.pk, u.words) for u in uses],
        ]


SET_UP_ROWS = 5


class BudgetSetUpForm(forms.Form):
    """The budget the council agreed, and the uses the person chose, in their words."""

    amount = PoundsField(
        label="Amount",
        allow_zero=False,
        error_messages={"required": "Write the amount of the budget, like £300."},
    )
    period = forms.ChoiceField(
        label="How often",
        choices=BudgetPeriod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often."},
    )
    starts_on = DateInputField(
        what="The day the budget starts",
        label="The budget starts on",
        validators=[date_within(what="The day the budget starts", years_back=5, years_ahead=2)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, SET_UP_ROWS + 1):
            self.fields[f"words_{n}"] = forms.CharField(
                label=f"Use {n}, in the person's words",
                required=False,
                max_length=200,
                validators=[no_bidi_controls],
            )
            self.fields[f"amount_{n}"] = PoundsField(label=f"Amount for use {n}", required=False)

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"words_{n}"], self[f"amount_{n}"]) for n in range(1, SET_UP_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        uses = []
        for n in range(1, SET_UP_ROWS + 1):
            words = (data.get(f"words_{n}") or "").strip()
            amount = data.get(f"amount_{n}")
            if words and amount is None and f"amount_{n}" not in self.errors:
                self.add_error(f"amount_{n}", f"Write an amount for use {n}.")
            elif amount is not None and not words:
                self.add_error(f"words_{n}", f"Say what use {n} is for.")
            elif words and amount is not None:
                uses.append((words, amount))
        if not uses and not self.errors:
            self.add_error("words_1", "Write at least one use, in the person's words.")
        total = sum((a for _, a in uses), Decimal("0.00"))
        amount = data.get("amount")
        if uses and amount is not None and total != amount and not self.errors:
            self.add_error(
                "amount_1",
                f"The uses add up to {pounds(total)}, not {pounds(amount)}. "
                "Make them add up to the whole budget.",
            )
        data["uses"] = uses
        return data
