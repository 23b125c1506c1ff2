"""The daily jobs run once a day, by a task that queues itself for the next day, or from
cron with `manage.py run_daily_jobs`."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.everyday.models import Meeting, MeetingAction
from alongside.notifications import daily
from alongside.notifications.models import DailyRun, Notification
from alongside.notifications.tasks import run_daily_jobs
from alongside.organisations.models import StaffMember
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _late_action() -> StaffMember:
    person = PersonFactory()
    manager = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[person.service])
    meeting = Meeting.objects.create(
        person=person, on=timezone.localdate(), how_often="weekly", with_whom="Sam"
    )
    MeetingAction.objects.create(
        person=person,
        meeting=meeting,
        what="Book the dentist",
        who="Sam",
        by_when=timezone.localdate() - datetime.timedelta(days=1),
    )
    return manager


def test_the_daily_jobs_tell_managers_about_late_actions_once_however_often_they_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    manager = _late_action()
    call_command("run_daily_jobs")
    call_command("run_daily_jobs")
    out = capsys.readouterr().out
    assert out.count("late meeting actions: 1") == 2  # the second run repeats the report
    assert Notification.objects.filter(user=manager.user).count() == 1
    assert DailyRun.objects.get().report == {"late meeting actions": 1, "downloads kept 7 days": 0}


def test_a_daily_job_that_fails_is_reported_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manager = _late_action()
    monkeypatch.setattr(
        daily,
        "DAILY_JOBS",
        {"broken": "tests.notifications.test_daily_jobs.broken_job", **daily.DAILY_JOBS},
    )
    report = daily.run_daily_jobs(today=timezone.localdate())
    assert report == {
        "broken": "failed: RuntimeError: the list could not be read",
        "late meeting actions": 1,
        "downloads kept 7 days": 0,
    }
    assert Notification.objects.filter(user=manager.user).count() == 1


def broken_job(*, today: datetime.date) -> None:
    raise RuntimeError("the list could not be read")


def test_the_daily_task_queues_the_next_day_once_however_many_times_it_is_started(
    settings: Any,
) -> None:
    settings.TASKS = DATABASE_QUEUE
    today = timezone.localdate()
    call_command("run_daily_jobs", queue=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = DBTaskResult.objects.get()
    assert first.args_kwargs["kwargs"] == {"day": today.isoformat()}
    # Two runs of today's task (say the queue was started twice): tomorrow's is queued once.
    run_daily_jobs.call(day=today.isoformat())
    run_daily_jobs.call(day=today.isoformat())
    tomorrow = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert tomorrow.args_kwargs["kwargs"] == {
        "day": (today + datetime.timedelta(days=1)).isoformat()
    }
    assert timezone.localtime(tomorrow.run_after) == timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), daily.RUN_AT)
    )
