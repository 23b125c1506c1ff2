"""A real worker process (`manage.py db_worker`) takes a queued task from the database and
finishes it: the queue itself, not the immediate backend of the other tests."""

from __future__ import annotations

import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection

from alongside.rota import services
from alongside.rota.models import SolveJob, SupportNeed
from tests.factories import PersonFactory, StaffMemberFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MONDAY = datetime.date(2026, 11, 23)


def _database_url_for_the_worker(tmp_path: Path) -> str:
    """The worker is another process: it needs a database it can open. The SQLite test
    database is in memory, so it gets a copy in a file; PostgreSQL's is shared as it is."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "queue.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def _status_of(job_id: int, database_url: str) -> tuple[str, int | None, int]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            row = db.execute(
                "SELECT status, uncovered, attempts FROM rota_solvejob WHERE id = ?", [job_id]
            ).fetchone()
        return row[0], row[1], row[2]
    job = SolveJob.objects.get(pk=job_id)
    return job.status, job.uncovered, job.attempts


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_takes_a_queued_rota_solve_and_finishes_it(
    settings: Any, tmp_path: Path
) -> None:
    settings.TASKS = DATABASE_QUEUE
    person = PersonFactory()
    StaffMemberFactory(organisation=person.service.organisation, services=[person.service])
    SupportNeed.objects.create(
        person=person, day=0, starts=datetime.time(9), ends=datetime.time(12)
    )
    job, new = services.request_solve(
        service=person.service, monday=MONDAY, requested_by=None, time_limit_seconds=2
    )
    assert new and job.status == SolveJob.Status.QUEUED
    database_url = _database_url_for_the_worker(tmp_path)
    finished = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0.1"],
        cwd=django_settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "alongside.settings.local",
            "DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert _status_of(job.pk, database_url) == ("done", 0, 1)
