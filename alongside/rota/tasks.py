"""Background tasks of the rota (ADR 0005): making a week's rota off the web request."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def solve_job(*, job_id: int) -> str:
    """Make the rota of one queued solve job; returns the job's status."""
    job = services.run_solve_job(job_id=job_id)
    return job.status if job else "missing"
