"""Email waiting to be sent, sent, or failed with the reason: never dropped."""

from __future__ import annotations

from django.db import models

from alongside.organisations.models import Organisation


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
