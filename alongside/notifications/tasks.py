"""Background tasks: sending email, and the daily jobs (ADR 0005)."""

from __future__ import annotations

from django_tasks import task

from . import daily, services


@task()
def deliver_email(*, email_id: int) -> str:
    """Send one waiting email; returns its status."""
    email = services.deliver(email_id=email_id)
    return email.status if email else "missing"


@task()
def run_daily_jobs(*, day: str, again: bool = True) -> dict[str, str]:
    """Run every registered daily job for `day` (ISO date) once, then queue tomorrow's."""
    return daily.run_daily_jobs_task_body(day=day, again=again)
