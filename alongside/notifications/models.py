"""Messages in "My messages", each reader's choice of which also come by email, and email
waiting to be sent, sent, or failed with the reason: never dropped."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Organisation

from .kinds import KINDS, Kind


class Notification(models.Model):
    """A message for one user in Alongside (also sent by email if they chose). Never says who
    made an anonymous suggestion: it is written from the suggestion, which does not know."""

    Kind = Kind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved from the everyday app: the table keeps its name.
        db_table = "everyday_notification"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="everyday_no_user_id_eee3bd_idx")
        ]

    def __str__(self) -> str:
        return self.text


class EmailChoice(models.Model):
    """Whether one kind of message also comes to this user by email. No row: the kind's
    default (`KindInfo.by_email_at_first`). Changes are kept in the history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_choices"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by_email = models.BooleanField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_email_choice_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} by email: {'yes' if self.by_email else 'no'}"

    def clean(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError({"kind": "This is not a kind of message we know."})


class OutgoingEmail(models.Model):
    """One email, sent by a background task that tries again a few times."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    kind = models.CharField(max_length=40, help_text="What the email is about, for the lists.")
    # The recipient's organisation, so its admins see its failed emails (none for others).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True, help_text="Why the last try failed.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_tried_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to} ({self.get_status_display()})"


class DailyRun(models.Model):
    """A day the daily jobs ran: the jobs run once a day however often they are asked."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    report = models.JSONField(default=dict, blank=True)
    # Set by the one run that queued the next day's: repeated starts never make two chains.
    next_queued = models.BooleanField(default=False)

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"Daily jobs of {self.day}"
