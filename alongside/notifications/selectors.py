"""Reads for the email pages."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import OutgoingEmail

FAILED_SHOWN = 200


def failed_emails_of(*, organisation_id: int) -> QuerySet[OutgoingEmail]:
    """The newest emails to this organisation's staff and people that could not be sent."""
    return OutgoingEmail.objects.filter(
        organisation_id=organisation_id, status=OutgoingEmail.Status.FAILED
    ).order_by("-created_at", "-pk")[:FAILED_SHOWN]
