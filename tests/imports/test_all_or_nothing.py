"""Bringing in is one transaction: a failure part-way leaves the database as it was.
(CI runs this on PostgreSQL as well as SQLite.)"""

from __future__ import annotations

from typing import Any

import pytest

from alongside.imports import importer
from alongside.imports.services import bring_in

from .helpers import (
    SERVICE_HEADINGS,
    STAFF_HEADINGS,
    bring_in_file,
    service_row,
    snapshot,
    staff_row,
    upload,
)


def test_a_failure_while_writing_the_last_batch_leaves_the_database_as_it_was(
    provider: Any, admin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    bring_in_file(provider, "staff", [STAFF_HEADINGS, staff_row("P0")])
    rows = [
        STAFF_HEADINGS,
        staff_row("P0", name="Changed"),
        *(staff_row(f"P{n}") for n in range(1, 8)),
    ]
    run = upload(provider, "staff", rows, by=admin)
    assert (run.status, run.added, run.changed) == ("checked", 7, 1)
    before = snapshot()
    monkeypatch.setattr(importer, "BATCH", 3)  # several batches; the last one fails
    real = importer.StaffWriter._links
    calls = []

    def fail_on_the_last_batch(*args: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        real(*args)

    monkeypatch.setattr(importer.StaffWriter, "_links", staticmethod(fail_on_the_last_batch))
    run = bring_in(run=run, by=admin)
    assert run.status == "failed"
    assert run.problems == ["Something went wrong: nothing was brought in."]
    assert snapshot() == before
