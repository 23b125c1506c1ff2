"""Reads for bringing in records: the organisation's runs of the importer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from alongside.organisations.models import Organisation

from .models import ImportRun


def recent_runs(*, organisation: Organisation, limit: int) -> QuerySet[ImportRun]:
    """The organisation's newest runs, with who started each; not the files themselves."""
    return (
        ImportRun.objects.filter(organisation=organisation)
        .select_related("started_by")
        .defer("content")[:limit]
    )


def run_by_id(*, run_id: Any) -> ImportRun | None:
    """One run with its organisation and who started it, or None; the rule says who sees it."""
    return ImportRun.objects.select_related("organisation", "started_by").filter(pk=run_id).first()
