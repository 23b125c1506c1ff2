"""The person's choices about their support team, and their requests for a change."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Organisation, StaffMember
from alongside.people.models import Person
from alongside.visibility import VisibleQuerySet

DEFAULT_CHANGE_REQUEST_DAYS = 14


class TeamSettings(models.Model):
    """An organisation's own settings for team changes."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="team_settings"
    )
    change_request_days = models.PositiveSmallIntegerField(
        "days to answer a request for a change",
        default=DEFAULT_CHANGE_REQUEST_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    # Two admins changing it at once: the second is told (alongside.concurrency).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "team settings"

    def __str__(self) -> str:
        return f"Team settings for {self.organisation}"


class TeamChoice(models.Model):
    """Whether the person would rather, or would rather not, work with one worker."""

    class Choice(models.TextChoices):
        RATHER = "rather", "I would rather work with them"
        RATHER_NOT = "rather_not", "I would rather not work with them"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_choices")
    worker = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="chosen_by")
    choice = models.CharField(max_length=20, choices=Choice.choices)
    # Only the person and their service manager see the reason.
    reason = models.TextField("why (optional)", blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)
    # Its ETag over the API: a change says which version it read (alongside/concurrency.py).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "worker"], name="one_team_choice")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()} ({self.worker})"

    def clean(self) -> None:
        if (
            self.worker_id
            and self.person_id
            and not self.worker.services.filter(pk=self.person.service_id).exists()
        ):
            raise ValidationError({"worker": "Choose a worker at your service."})


class WhatILookFor(models.Model):
    """What the person looks for in a support worker: tags and their own words."""

    class Tag(models.TextChoices):
        SHARES_INTERESTS = "shares_interests", "Shares my interests"
        SAME_GENDER = "same_gender", "Same gender as me"
        SPEAKS_MY_LANGUAGE = "speaks_my_language", "Speaks my language"
        CALM = "calm", "Calm and patient"
        DRIVES = "drives", "Can drive"
        SIMILAR_AGE = "similar_age", "About my age"

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="what_i_look_for")
    tags = models.JSONField(default=list, blank=True)
    my_words = models.TextField("in my own words", blank=True, max_length=5000)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "what I look for"

    def __str__(self) -> str:
        return f"What {self.person} looks for"

    def clean(self) -> None:
        if any(t not in self.Tag.values for t in self.tags):
            raise ValidationError({"tags": "These choices are not ones we know."})


WHAT_I_WANT_MISSING = {
    "different_times": "Say which times would suit you better",
    "new_worker": "Say what the new worker does or is like",
}


class ChangeRequestQuerySet(VisibleQuerySet["ChangeRequest"]):
    def open(self) -> ChangeRequestQuerySet:
        return self.filter(
            status__in=[ChangeRequest.Status.RECEIVED, ChangeRequest.Status.BEING_ARRANGED]
        )

    def closed(self) -> ChangeRequestQuerySet:
        return self.filter(status__in=[ChangeRequest.Status.DONE, ChangeRequest.Status.COULD_NOT])

    def overdue(self, today: datetime.date | None = None) -> ChangeRequestQuerySet:
        return self.open().filter(deadline__lt=today or timezone.localdate())


class ChangeRequest(models.Model):
    """A request to change the team: "I am not best suited to working with …", more time with
    a worker I chose, different times, or a new worker who does something I look for. Every
    kind is tracked the same way: a status, and the days the service has to answer."""

    class Kind(models.TextChoices):
        NOT_SUITED = "not_suited", "I am not best suited to working with a worker"
        MORE_TIME = "more_time", "More time with a worker I chose"
        DIFFERENT_TIMES = "different_times", "Different times"
        NEW_WORKER = "new_worker", "A new worker who does something I look for"

    # The kinds about one named worker, and those that need the person's words to say what.
    KINDS_WITH_WORKER = (Kind.NOT_SUITED, Kind.MORE_TIME)
    KINDS_WITH_WHAT = (Kind.DIFFERENT_TIMES, Kind.NEW_WORKER)

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        BEING_ARRANGED = "being_arranged", "Being arranged"
        DONE = "done", "Done"
        COULD_NOT = "could_not", "Could not do it"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="change_requests")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOT_SUITED)
    worker = models.ForeignKey(
        StaffMember,
        on_delete=models.CASCADE,
        related_name="change_requests_about",
        null=True,
        blank=True,
    )
    # Different times: which times; a new worker: what they do or are like.
    what_i_want = models.CharField("what I want", max_length=500, blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="change_requests_asked"
    )
    my_words = models.TextField("anything else you want to say (optional)", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    could_not_reason = models.TextField("why it could not be done", blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.person} asked for a change ({self.get_status_display()})"

    def clean(self) -> None:
        if self.kind in self.KINDS_WITH_WORKER and self.worker_id is None:
            raise ValidationError({"worker": "Choose the worker"})
        if self.kind in self.KINDS_WITH_WHAT and not self.what_i_want.strip():
            raise ValidationError({"what_i_want": WHAT_I_WANT_MISSING[self.kind]})
        if self.status == self.Status.COULD_NOT and not self.could_not_reason.strip():
            raise ValidationError(
                {"could_not_reason": "Say why it could not be done. The person will read it."}
            )

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.BEING_ARRANGED)

    @property
    def summary(self) -> str:
        """What was asked for, in one sentence."""
        name = self.worker.user.display_name if self.worker_id and self.worker else ""
        if self.kind == self.Kind.MORE_TIME:
            return f"More time with {name}."
        if self.kind == self.Kind.DIFFERENT_TIMES:
            return f"Different times: {self.what_i_want}"
        if self.kind == self.Kind.NEW_WORKER:
            return f"A new worker who does something I look for: {self.what_i_want}"
        return f"Not best suited to working with {name}."

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.deadline < (today or timezone.localdate())


class WorkerPhoto(models.Model):
    """A support worker's profile photo, shown to the people they support.

    Stored re-encoded from its pixels (`alongside.photos`): no location or camera data.
    Served only through a page that asks `team.see_worker_photo`.
    """

    worker = models.OneToOneField(StaffMember, on_delete=models.CASCADE, related_name="photo")
    data = models.BinaryField()
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Photo of {self.worker}"
