"""Checking an uploaded file, and bringing in a checked one. Views and the command call
these; nothing else writes records from a file."""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alongside.accounts.invitations import invite_many
from alongside.accounts.models import User
from alongside.organisations.models import Organisation

from .importer import FileProblem, Plan, Progress, check_rows, decode, read_rows
from .models import ImportRun

logger = logging.getLogger(__name__)


def _check_text(
    *, organisation: Organisation, kind: str, text: str, file_name: str, progress: Progress | None
) -> Plan:
    try:
        rows = read_rows(text, kind=kind, file_name=file_name)
    except FileProblem as problem:
        return Plan(kind=kind, problems=problem.messages)
    return check_rows(organisation=organisation, kind=kind, rows=rows, progress=progress)


def check_upload(
    *,
    organisation: Organisation,
    kind: str,
    file_name: str,
    data: bytes,
    by: User | None,
    size: int | None = None,
    progress: Progress | None = None,
) -> ImportRun:
    """Check an uploaded file and keep it, with what checking found, as an ImportRun.
    Nothing but the run is written. The run is what "Bring them in" later uses.

    `size` is the file's whole size when only its start is passed (a file too big to take).
    """
    sha256 = hashlib.sha256(data).hexdigest()
    text = ""
    try:
        text = decode(data, file_name=file_name, size=size)
        plan = _check_text(
            organisation=organisation, kind=kind, text=text, file_name=file_name, progress=progress
        )
    except FileProblem as problem:
        plan = Plan(kind=kind, problems=problem.messages)
    return ImportRun.objects.create(
        organisation=organisation,
        kind=kind,
        started_by=by,
        created_at=timezone.now(),
        file_name=file_name[:255],
        sha256=sha256,
        # A file with problems is not kept: it cannot be brought in, and may hold mistakes.
        content="" if plan.problems else text,
        status=ImportRun.Status.HAS_PROBLEMS if plan.problems else ImportRun.Status.CHECKED,
        total_rows=plan.total_rows,
        added=plan.added,
        changed=plan.changed,
        unchanged=plan.unchanged,
        problems=plan.problems,
    )


def bring_in(
    *,
    run: ImportRun,
    by: User | None,
    progress: Progress | None = None,
    invite: bool = True,
) -> ImportRun:
    """Bring in a checked run: check it again (the records may have changed since) and,
    if every row is still right, write them all in one transaction. All or nothing.

    `invite=False` sends no invitations to the new accounts (the demo, whose made-up
    accounts must never be emailed); an organisation's own import always invites.

    Only a run that is checked and not yet started is brought in, once: a second press of
    the button, or a second worker, finds it already taken."""
    taken = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.CHECKED).update(
        status=ImportRun.Status.BRINGING_IN
    )
    run.refresh_from_db()
    if not taken:
        return run
    organisation = run.organisation
    try:
        with transaction.atomic():
            plan = _check_text(
                organisation=organisation,
                kind=run.kind,
                text=run.content,
                file_name=run.file_name,
                progress=None,
            )
            if plan.problems or plan.writer is None:
                run.status = ImportRun.Status.HAS_PROBLEMS
            else:
                plan.writer.write(by=by, progress=progress)
                # New staff and supporters are invited to set a password (one email task).
                if invite:
                    invite_many(users=plan.writer.new_accounts, invited_by=by)
                run.status = ImportRun.Status.DONE
                run.rows_done = plan.total_rows
                # Brought in: the records are in Alongside now. The copy of the file (with
                # dates of birth and NHS numbers) is not kept; its name and sha256 are.
                run.content = ""
    except Exception:
        logger.exception("Bringing in import run %s failed", run.pk)
        plan = Plan(kind=run.kind, problems=["Something went wrong: nothing was brought in."])
        run.status = ImportRun.Status.FAILED
    run.problems = plan.problems
    run.added, run.changed, run.unchanged = plan.added, plan.changed, plan.unchanged
    run.total_rows = plan.total_rows or run.total_rows
    run.finished_at = timezone.now()
    run.save()
    return run


@task()
def bring_in_in_background(run_id: int, user_id: int) -> None:
    """Bring in a checked run away from the request: the status page shows how it went."""
    run = ImportRun.objects.select_related("organisation").get(pk=run_id)
    bring_in(run=run, by=User.objects.filter(pk=user_id).first())
