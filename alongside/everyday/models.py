"""How the person is today (a check-in), in their own words and pictures."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.notifications.models import (
    Notification,  # noqa: F401  (moved there: import it from there)
)
from alongside.people.models import Person
from alongside.visibility import VisibleQuerySet


class Feeling(models.IntegerChoices):
    """Five pictures with words. Higher is a better day."""

    GREAT = 5, "I feel great"
    GOOD = 4, "I feel good"
    OK = 3, "I feel OK"
    LOW = 2, "I feel low"
    BAD = 1, "I am having a bad day"


FEELING_PICTURES = {
    Feeling.GREAT: "feeling-great",
    Feeling.GOOD: "feeling-good",
    Feeling.OK: "feeling-ok",
    Feeling.LOW: "feeling-low",
    Feeling.BAD: "feeling-bad",
}

# A day at or below this is a bad day: the person may choose to tell their team on shift.
BAD_DAY_AT_OR_BELOW = Feeling.LOW


class CheckIn(models.Model):
    """How the person is today and what would help. One a day; they can change it that day."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField("day")
    feeling = models.PositiveSmallIntegerField("how I feel", choices=Feeling.choices)
    # Chosen from the person's own About me ("what helps on a bad day").
    helps = models.JSONField("what would help today", default=list, blank=True)
    note = models.TextField("anything else", blank=True)
    with_support = models.BooleanField("done with a support worker", default=False)
    alert_team = models.BooleanField("tell my team on shift if it is a bad day", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "on"], name="one_check_in_per_person_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.on:%d %B %Y}"

    def clean(self) -> None:
        if not isinstance(self.helps, list) or not all(isinstance(h, str) for h in self.helps):
            raise ValidationError({"helps": "Choose what would help from the list."})

    @property
    def picture(self) -> str:
        return FEELING_PICTURES[Feeling(self.feeling)]

    @property
    def is_bad_day(self) -> bool:
        return self.feeling <= BAD_DAY_AT_OR_BELOW

    @property
    def alerts_team(self) -> bool:
        return self.alert_team and self.is_bad_day


class SuggestionStatus(models.TextChoices):
    RECEIVED = "received", "We have got it"
    LOOKING = "looking", "We are looking at it"
    DOING = "doing", "We are doing it"
    NOT_DOING = "not_doing", "We are not doing it"
    DONE = "done", "Done"


# Where a suggestion may go next. "Not doing it" and "done" are the end.
NEXT_STATUSES = {
    SuggestionStatus.RECEIVED: [
        SuggestionStatus.LOOKING,
        SuggestionStatus.DOING,
        SuggestionStatus.NOT_DOING,
    ],
    SuggestionStatus.LOOKING: [SuggestionStatus.DOING, SuggestionStatus.NOT_DOING],
    SuggestionStatus.DOING: [SuggestionStatus.DONE],
    SuggestionStatus.NOT_DOING: [],
    SuggestionStatus.DONE: [],
}

SUGGESTION_PICTURES = {
    SuggestionStatus.RECEIVED: "suggestion",
    SuggestionStatus.LOOKING: "quality",
    SuggestionStatus.DOING: "action",
    SuggestionStatus.NOT_DOING: "warning",
    SuggestionStatus.DONE: "done",
}


class SuggestionQuerySet(VisibleQuerySet["Suggestion"]):
    """Suggestion records; `visible_to(user)` asks the policy."""


class Suggestion(models.Model):
    """An idea to make a service better, from a person, a supporter or a worker.

    When someone suggests anonymously, who they are is not stored at all: `suggested_by` is
    empty, and neither the history nor the audit trail records them.
    """

    service = models.ForeignKey(
        "organisations.Service", on_delete=models.CASCADE, related_name="suggestions"
    )
    text = models.TextField("my idea")
    anonymous = models.BooleanField(default=False)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.RECEIVED
    )
    response = models.TextField("what we say back", blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["service", "status"])]

    def __str__(self) -> str:
        return f"Suggestion for {self.service}"

    def clean(self) -> None:
        if self.anonymous and self.suggested_by_id is not None:
            raise ValidationError("An anonymous suggestion cannot say who made it.")
        if self.status == SuggestionStatus.NOT_DOING and not self.response.strip():
            raise ValidationError(
                {"response": "Say why we are not doing it. The person deserves a reason."}
            )

    @property
    def picture(self) -> str:
        return SUGGESTION_PICTURES[SuggestionStatus(self.status)]

    @property
    def days_to_first_response(self) -> int | None:
        if self.first_response_at is None:
            return None
        return (self.first_response_at - self.received_at).days

    @property
    def days_to_outcome(self) -> int | None:
        if self.outcome_at is None:
            return None
        return (self.outcome_at - self.received_at).days


class HowOften(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY = "monthly", "Every month"


DAYS_BETWEEN = {HowOften.WEEKLY: 7, HowOften.FORTNIGHTLY: 14, HowOften.MONTHLY: 28}


class Meeting(models.Model):
    """A regular meeting the person has with people they choose. Before it, the person adds
    agenda items; at it, notes are written with the person and actions agreed."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="meetings")
    on = models.DateField("when we meet")
    how_often = models.CharField("how often we meet", max_length=20, choices=HowOften.choices)
    with_whom = models.CharField("who I meet with", max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField("what we talked about", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="planned"),
                name="one_planned_meeting_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}'s meeting on {self.on:%d %B %Y}"


class AgendaItem(models.Model):
    """Something the person wants to talk about at their next meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    text = models.CharField("what I want to talk about", max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.text


class MeetingAction(models.Model):
    """Something agreed at a meeting: what, who and by when."""

    class Status(models.TextChoices):
        OPEN = "open", "Not done yet"
        DONE = "done", "Done"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="meeting_actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField("what", max_length=500)
    who = models.CharField("who", max_length=200)
    # The one who will do it, when they are in Alongside: they are told. `who` keeps their
    # name as it was (or the name of "someone else", when this is empty).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="who will do it, in Alongside",
    )
    by_when = models.DateField("by when")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    # When the managers were told it is late, so each late action is told about once even
    # if the daily job missed a day.
    late_told_on = models.DateField(null=True, blank=True)
    # Its ETag over the API: a change says which version it read (alongside/concurrency.py).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["by_when", "id"]
        indexes = [models.Index(fields=["status", "by_when"])]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        if self.meeting_id and self.person_id and self.meeting.person_id != self.person_id:
            raise ValidationError("An action belongs to the person whose meeting it came from.")
