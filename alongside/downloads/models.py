"""A person's download, made by a background task and kept for a week (ADR 0061)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class KeptDownload(models.Model):
    """One asker's download of one person's information: the PDF and the JSON, as bytes.

    It holds what the asker could see when it was made (`could_see`); it is handed out only
    while that is still so, and only for 7 days (`expires_at`).
    """

    class Status(models.TextChoices):
        MAKING = "making", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="kept_downloads"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAKING)
    asked_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    # Kept in the database beside the row (not as files): see ADR 0061.
    pdf = models.BinaryField(default=b"", editable=False)
    json = models.BinaryField(default=b"", editable=False)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True)
    # The parts of the record the asker could see when it was made (policy.download_sees).
    could_see = models.JSONField(default=list)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "asked_by", "-asked_at"]),
            models.Index(fields=["expires_at"]),
        ]
        constraints = [
            # Asking twice while one is being made gives the same one, never two.
            models.UniqueConstraint(
                fields=["person", "asked_by"],
                condition=Q(status="making"),
                name="one_download_being_made_per_asker",
            )
        ]

    def __str__(self) -> str:
        return f"Download of {self.person} for {self.asked_by} ({self.get_status_display()})"
