"""Each time an organisation admin brings in a file of records: kept for history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from alongside.organisations.models import Organisation


class ImportRun(models.Model):
    """One uploaded file: checked, then (when every row is right) brought in.

    The checked text is kept here, server-side, so "Bring them in" uses exactly the file
    that was checked, and only its own organisation and admin can use it.
    """

    class Kind(models.TextChoices):
        SERVICES = "services", "Services"
        STAFF = "staff", "Staff"
        PEOPLE = "people", "People we support"
        SUPPORTERS = "supporters", "Supporters"

    class Status(models.TextChoices):
        HAS_PROBLEMS = "has_problems", "Has problems to put right"
        CHECKED = "checked", "Checked, ready to bring in"
        BRINGING_IN = "bringing_in", "Bringing them in"
        DONE = "done", "Brought in"
        FAILED = "failed", "Not brought in"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_runs"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    # The file as checked, decoded to text; what "Bring them in" uses.
    content = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # Plain-word problems, e.g. "Row 14, email: 'jo@' is not an email address".
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.file_name}"

    @property
    def percent_done(self) -> int:
        return round(100 * self.rows_done / self.total_rows) if self.total_rows else 100
