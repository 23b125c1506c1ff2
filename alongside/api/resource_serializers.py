"""Request and response shapes of the person's resources over the API (resources.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from alongside.everyday.models import HowOften, Meeting, MeetingAction
from alongside.forms_validation import date_within, no_bidi_controls
from alongside.people.models import PLAN_FIELDS, Proposal
from alongside.reviews.models import (
    BudgetChange,
    DoingWhatMatters,
    Goal,
    GoalProgress,
    Review,
    Spending,
)
from alongside.rota.models import RotaShift, RotaWeek
from alongside.team.models import ChangeRequest, TeamChoice


def _messages() -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), required=False)


class FieldErrorsSerializer(serializers.Serializer[Any]):
    """Bad input: for each field that was wrong, what to change. Nothing was saved.
    `non_field_errors` holds what was wrong with the whole request."""

    non_field_errors = _messages()


# --- About me and suggested changes -------------------------------------------------------


class AboutMeSectionSerializer(serializers.Serializer[Any]):
    part = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    text = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(help_text="The section's ETag is this, in quotes.")


class AboutMeWriteSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=5000, allow_blank=True)


class AboutMeProposalWriteSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=5000, help_text="The words you suggest.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PlanProposalWriteSerializer(serializers.Serializer[Any]):
    """A new version of the plan, suggested. A field left out keeps today's words."""

    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    my_goals = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    support_with = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    how_i_like_support = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    who_supports_me = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    my_medicines = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    risks = serializers.CharField(required=False, allow_blank=True, max_length=5000)


assert set(PLAN_FIELDS) <= set(PlanProposalWriteSerializer._declared_fields)


class ProposalSerializer(serializers.ModelSerializer[Proposal]):
    """A suggested change, waiting for the person's answer (or answered). Only the person
    (or a supporter they allow) answers, on their own pages: never through the API."""

    status_words = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "part",
            "proposed_text",
            "note",
            "status",
            "status_words",
            "proposed_at",
            "decided_at",
        ]


# --- Meeting actions ----------------------------------------------------------------------


class MeetingActionSerializer(serializers.ModelSerializer[MeetingAction]):
    status_words = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = MeetingAction
        fields = ["id", "meeting", "what", "who", "by_when", "status", "status_words", "version"]
        read_only_fields = fields


class MeetingActionWriteSerializer(serializers.Serializer[Any]):
    meeting = serializers.IntegerField(help_text="The meeting it was agreed at.")
    what = serializers.CharField(max_length=500)
    who = serializers.CharField(max_length=200)
    by_when = serializers.DateField()


class MeetingActionStatusSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=MeetingAction.Status.choices,
        error_messages={"invalid_choice": "Choose open (not done yet) or done."},
    )


# --- Suggestions --------------------------------------------------------------------------


class SuggestionWriteSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=2000)
    anonymous = serializers.BooleanField(
        required=False,
        default=False,
        help_text="When true, who made it is kept nowhere, and no answer ever says.",
    )


class SuggestionResponseWriteSerializer(serializers.Serializer[Any]):
    status = serializers.CharField(max_length=20)
    response = serializers.CharField(max_length=2000, allow_blank=True)


# --- Team choices and requests for a change -----------------------------------------------


class TeamChoiceSerializer(serializers.ModelSerializer[TeamChoice]):
    worker_name = serializers.CharField(source="worker.user.display_name", read_only=True)
    choice_words = serializers.CharField(source="get_choice_display", read_only=True)
    reason = serializers.SerializerMethodField()

    def get_reason(self, choice: TeamChoice) -> str | None:
        # "Rather not" reasons are for the person and their service manager only.
        return choice.reason if self.context.get("sees_reasons") else None

    class Meta:
        model = TeamChoice
        fields = ["worker", "worker_name", "choice", "choice_words", "reason", "version"]


class TeamChoiceWriteSerializer(serializers.Serializer[Any]):
    choice = serializers.ChoiceField(
        choices=[("", "No choice"), *TeamChoice.Choice.choices],
        allow_blank=True,
        error_messages={"invalid_choice": "Choose rather, rather not, or nothing."},
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ChangeRequestSerializer(serializers.ModelSerializer[ChangeRequest]):
    kind_words = serializers.CharField(source="get_kind_display", read_only=True)
    status_words = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "kind",
            "kind_words",
            "worker",
            "what_i_want",
            "my_words",
            "status",
            "status_words",
            "could_not_reason",
            "asked_at",
            "deadline",
            "closed_at",
        ]


class ChangeRequestWriteSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=ChangeRequest.Kind.choices,
        error_messages={"invalid_choice": "Choose what kind of change you want."},
    )
    worker = serializers.IntegerField(required=False, allow_null=True, default=None)
    what_i_want = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )
    my_words = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


# --- Budget -------------------------------------------------------------------------------


class BudgetUseSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    words = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)


class BudgetSerializer(serializers.Serializer[Any]):
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    period = serializers.CharField()
    starts_on = serializers.DateField()
    version = serializers.IntegerField(help_text="The budget's ETag is this, in quotes.")
    uses = BudgetUseSerializer(many=True)


class BudgetChangeSerializer(serializers.ModelSerializer[BudgetChange]):
    status_words = serializers.CharField(source="get_status_display", read_only=True)
    lines = serializers.SerializerMethodField()

    def get_lines(self, change: BudgetChange) -> list[dict[str, Any]]:
        return [
            {"use": line.use_id, "words": line.words, "amount": str(line.amount)}
            for line in change.lines.all()
        ]

    class Meta:
        model = BudgetChange
        fields = [
            "id",
            "status",
            "status_words",
            "old_total",
            "new_total",
            "why",
            "proposed_at",
            "decided_at",
            "lines",
        ]


class BudgetLineWriteSerializer(serializers.Serializer[Any]):
    use = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Leave out for a new use."
    )
    words = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)


class BudgetChangeWriteSerializer(serializers.Serializer[Any]):
    lines = BudgetLineWriteSerializer(many=True)
    why = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


def _something(attrs: dict[str, Any]) -> dict[str, Any]:
    """A change that changes nothing is refused: it would only say someone changed it."""
    if not attrs:
        raise serializers.ValidationError("Say what to change.")
    return attrs


# --- Reviews and goals --------------------------------------------------------------------


class ReviewSerializer(serializers.ModelSerializer[Review]):
    class Meta:
        model = Review
        fields = ["id", "status", "due_on", "started_on", "completed_on", "what_matters"]


class GoalSerializer(serializers.ModelSerializer[Goal]):
    progress_words = serializers.CharField(source="get_progress_display", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "words", "progress", "progress_words", "created_at", "version"]


class ReviewDetailSerializer(serializers.ModelSerializer[Review]):
    """One review: what the person said, and the goals set in it with how each is going."""

    status_words = serializers.CharField(source="get_status_display", read_only=True)
    goals_set = GoalSerializer(many=True, read_only=True)
    # Blank until the person has answered: the schema says so (a read-only model field
    # would be documented as the choices alone).
    doing_what_matters = serializers.ChoiceField(
        choices=DoingWhatMatters.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "status",
            "status_words",
            "due_on",
            "started_on",
            "completed_on",
            "asked_for_by_person",
            "asked_for_words",
            "what_matters",
            "doing_what_matters",
            "doing_what_matters_words",
            "goals_set",
            "version",
        ]
        read_only_fields = fields


class ReviewWriteSerializer(serializers.Serializer[Any]):
    """What the person said in the review, written by the council worker with them. A field
    left out keeps what is saved."""

    what_matters = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    doing_what_matters = serializers.ChoiceField(
        choices=DoingWhatMatters.choices,
        required=False,
        error_messages={"invalid_choice": "Choose yes, partly or not yet."},
    )
    doing_what_matters_words = serializers.CharField(
        max_length=5000, required=False, allow_blank=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _something(attrs)


class AskForReviewSerializer(serializers.Serializer[Any]):
    words = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the person would like a review, in their words.",
    )


class GoalWriteSerializer(serializers.Serializer[Any]):
    words = serializers.CharField(max_length=2000, help_text="The goal, in the person's words.")


class GoalChangeSerializer(serializers.Serializer[Any]):
    """A field left out keeps what is saved."""

    words = serializers.CharField(max_length=2000, required=False)
    progress = serializers.ChoiceField(
        choices=GoalProgress.choices,
        required=False,
        error_messages={"invalid_choice": "Choose how the goal is going."},
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _something(attrs)


# --- Spending -------------------------------------------------------------------------------


class SpendingSerializer(serializers.ModelSerializer[Spending]):
    class Meta:
        model = Spending
        fields = ["id", "use", "amount", "spent_on", "words", "recorded_at"]
        read_only_fields = fields


class SpendingWriteSerializer(serializers.Serializer[Any]):
    use = serializers.IntegerField(help_text="The use of the budget it was spent on (its id).")
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))
    # As on the page: a day in the last five years, not in the future.
    spent_on = serializers.DateField(
        validators=[date_within(what="The day", years_back=5, years_ahead=0)]
    )
    words = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        validators=[no_bidi_controls],
    )


# --- Meetings -------------------------------------------------------------------------------


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    status_words = serializers.CharField(source="get_status_display", read_only=True)
    how_often_words = serializers.CharField(source="get_how_often_display", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "on",
            "how_often",
            "how_often_words",
            "with_whom",
            "status",
            "status_words",
            "notes",
            "version",
        ]
        read_only_fields = fields


class MeetingWriteSerializer(serializers.Serializer[Any]):
    on = serializers.DateField(
        help_text="The day of the meeting: from a year ago to two years ahead.",
        validators=[date_within(what="The day of the meeting", years_back=1, years_ahead=2)],
    )
    how_often = serializers.ChoiceField(
        choices=HowOften.choices,
        error_messages={"invalid_choice": "Choose how often the person wants to meet."},
    )
    with_whom = serializers.CharField(max_length=200, validators=[no_bidi_controls])


class MeetingNotesSerializer(serializers.Serializer[Any]):
    notes = serializers.CharField(max_length=20000, help_text="What we talked about.")


# --- The rota (read) ------------------------------------------------------------------------


class ShiftSerializer(serializers.ModelSerializer[RotaShift]):
    service = serializers.IntegerField(source="week.service_id", read_only=True)
    workers = serializers.SerializerMethodField()

    def get_workers(self, shift: RotaShift) -> list[int]:
        return [w.pk for w in shift.workers.all()]

    class Meta:
        model = RotaShift
        fields = ["id", "service", "starts", "ends", "kind", "workers_needed", "workers"]


class RotaWeekSerializer(serializers.ModelSerializer[RotaWeek]):
    class Meta:
        model = RotaWeek
        fields = ["id", "service", "monday", "status", "published_at"]
