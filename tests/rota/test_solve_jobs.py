"""Making the rota in a background task: queued by the page, progress, one solve at a time,
retried once, failures shown with the reason."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from alongside.rota import services
from alongside.rota.models import RotaWeek, SolveJob, SolveRun, SupportNeed
from alongside.rota.problem import RotaProblem
from alongside.rota.selectors import problem_for_week, shifts_of
from alongside.rota.solver import solve_rota
from tests.conftest import SignedInClient
from tests.factories import PersonFactory, StaffMemberFactory
from tests.rota.test_rota_in_the_service import MONDAY, service_world  # noqa: F401

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WEEK = "2026-W48"
NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC)


def _with_a_session(world: dict[str, Any]) -> None:
    SupportNeed.objects.create(
        person=world["josie"], day=0, starts=datetime.time(9), ends=datetime.time(12)
    )


def _week_url(world: dict[str, Any], name: str = "rota:service-week") -> str:
    return reverse(name, args=[world["josie"].service.pk, WEEK])


def test_make_the_rota_queues_the_solve_and_the_page_shows_the_rota_is_ready(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    _with_a_session(service_world)
    client = signed_in_client(service_world["manager"].user)
    page = client.post(_week_url(service_world, "rota:solve"), follow=True)
    job = SolveJob.objects.get()
    assert job.status == SolveJob.Status.DONE
    assert job.requested_by == service_world["manager"].user
    assert job.uncovered == 0
    week = RotaWeek.objects.get()
    assert week.solved_at is not None
    assert week.shifts.get().workers.count() == 1
    text = page.content.decode()
    assert "The rota is ready" in text
    assert "Every session is covered." in text
    assert 'aria-live="polite"' in text


def test_a_second_make_the_rota_while_one_is_queued_does_not_queue_another(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
    settings: Any,
) -> None:
    settings.TASKS = DATABASE_QUEUE  # queued for a worker, so it stays waiting
    _with_a_session(service_world)
    first = signed_in_client(service_world["manager"].user)
    other_manager = StaffMemberFactory(
        organisation=service_world["josie"].service.organisation,
        services=[service_world["josie"].service],
        role="service_manager",
    )
    second = signed_in_client(other_manager.user)
    first.post(_week_url(service_world, "rota:solve"))
    page = second.post(_week_url(service_world, "rota:solve"), follow=True)
    job = SolveJob.objects.get()
    assert job.status == SolveJob.Status.QUEUED
    assert DBTaskResult.objects.count() == 1
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"job_id": job.pk}
    text = page.content.decode()
    assert "already being made" in text
    assert "The rota is waiting to be made." in text
    # The page asks for its progress while the solve waits.
    assert f'data-poll-url="{_week_url(service_world, "rota:solve-progress")}"' in text


def test_the_progress_says_how_close_the_best_rota_so_far_is_to_the_best_possible(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    week = RotaWeek.objects.create(service=service_world["josie"].service, monday=MONDAY)
    SolveJob.objects.create(
        week=week, status=SolveJob.Status.RUNNING, best_objective=200.0, best_bound=194.0
    )
    client = signed_in_client(service_world["manager"].user)
    fragment = client.get(
        _week_url(service_world, "rota:solve-progress"), headers={"Alongside-Fragment": "1"}
    ).content.decode()
    assert "The rota is being made" in fragment
    assert "how close to the best possible: <strong>97%</strong>" in fragment
    assert "<html" not in fragment  # only the part the page swaps in
    page = client.get(_week_url(service_world, "rota:solve-progress")).content.decode()
    assert "<h1" in page and "97%" in page


def test_a_solve_that_fails_is_tried_once_more_then_shown_with_its_reason(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_a_session(service_world)
    tries: list[int] = []

    def broken_solver(**kwargs: Any) -> RotaWeek:
        tries.append(1)
        raise RuntimeError("the solver stopped unexpectedly")

    monkeypatch.setattr(services, "solve_week", broken_solver)
    client = signed_in_client(service_world["manager"].user)
    page = client.post(_week_url(service_world, "rota:solve"), follow=True)
    job = SolveJob.objects.get()
    assert len(tries) == 2
    assert job.attempts == 2
    assert job.status == SolveJob.Status.FAILED
    assert job.reason == (
        "Something went wrong while making the rota: the solver stopped unexpectedly"
    )
    text = page.content.decode()
    assert "The rota could not be made." in text
    assert "the solver stopped unexpectedly" in text
    # Not stuck: the manager can press again.
    monkeypatch.undo()
    client.post(_week_url(service_world, "rota:solve"))
    assert SolveJob.objects.filter(status=SolveJob.Status.DONE).count() == 1


def test_a_published_week_is_not_solved_and_nothing_is_queued(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    RotaWeek.objects.create(
        service=service_world["josie"].service, monday=MONDAY, status=RotaWeek.Status.PUBLISHED
    )
    client = signed_in_client(service_world["manager"].user)
    page = client.post(_week_url(service_world, "rota:solve"), follow=True)
    assert "rota is published. Change it shift by shift." in page.content.decode()
    assert not SolveJob.objects.exists()


def test_the_solver_reports_each_better_rota_and_its_bound() -> None:
    person = PersonFactory()
    worker = StaffMemberFactory(organisation=person.service.organisation, services=[person.service])
    assert worker
    SupportNeed.objects.create(
        person=person, day=0, starts=datetime.time(9), ends=datetime.time(12)
    )
    week = services.make_week(service=person.service, monday=MONDAY)
    problem: RotaProblem = problem_for_week(week, list(shifts_of(week)))
    seen: list[tuple[float, float]] = []
    result = solve_rota(
        problem,
        time_limit_seconds=2,
        deterministic_time=1,
        on_progress=lambda objective, bound: seen.append((objective, bound)),
    )
    assert seen
    assert all(bound <= objective for objective, bound in seen)
    assert seen[-1][0] == pytest.approx(result.objective)


def test_progress_is_written_to_the_job_at_most_about_once_a_second(
    service_world: dict[str, Any],  # noqa: F811
) -> None:
    week = RotaWeek.objects.create(service=service_world["josie"].service, monday=MONDAY)
    job = SolveJob.objects.create(week=week, status=SolveJob.Status.RUNNING)
    writer = services._ProgressWriter(job.pk)
    writer(120.0, 100.0)
    writer(110.0, 105.0)  # a moment later: not written
    job.refresh_from_db()
    assert (job.best_objective, job.best_bound) == (120.0, 100.0)
    assert job.closeness == 83
    writer.last -= services.PROGRESS_EVERY_SECONDS
    writer(110.0, 105.0)
    job.refresh_from_db()
    assert (job.best_objective, job.best_bound) == (110.0, 105.0)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
)
@pytest.mark.django_db(transaction=True)
def test_two_managers_pressing_at_once_make_one_solve(settings: Any) -> None:
    settings.TASKS = DATABASE_QUEUE
    person = PersonFactory()
    SupportNeed.objects.create(
        person=person, day=0, starts=datetime.time(9), ends=datetime.time(12)
    )
    start = threading.Barrier(2)
    answers: list[bool] = []

    def press() -> None:
        start.wait(5)
        _job, new = services.request_solve(service=person.service, monday=MONDAY, requested_by=None)
        answers.append(new)
        connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    time.sleep(0)
    assert sorted(answers) == [False, True]
    assert SolveJob.objects.count() == 1
    # One solve queued (roll-up refreshes the writes above queued are other tasks).
    assert DBTaskResult.objects.filter(task_path__endswith="solve_job").count() == 1


def test_solve_rotas_tries_a_failed_service_once_more_then_reports_it_and_the_others_carry_on(
    service_world: dict[str, Any],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    signed_in_client: SignedInClient,
) -> None:
    _with_a_session(service_world)
    broken = PersonFactory(preferred_name="Bea")
    broken.service.name = "Elm Road"
    broken.service.save()
    SupportNeed.objects.create(
        person=broken, day=1, starts=datetime.time(9), ends=datetime.time(12)
    )
    solve_week = services.solve_week
    tries: list[int] = []

    def breaks_at_elm_road(**kwargs: Any) -> RotaWeek:
        if kwargs["service"].pk == broken.service.pk:
            tries.append(1)
            raise RuntimeError("no workers could be read")
        return solve_week(**kwargs)

    monkeypatch.setattr(services, "solve_week", breaks_at_elm_road)
    call_command("solve_rotas", week=WEEK, time_limit=2)
    out = capsys.readouterr().out
    assert len(tries) == 2
    assert "1 done, 0 left, 1 failed" in out
    assert (
        "Could not be made: Elm Road: Something went wrong while making the rota: "
        "no workers could be read"
    ) in out
    assert RotaWeek.objects.get(service=service_world["josie"].service).solved_at is not None
    # The admin of the failed service's organisation sees its part, with the reason.
    run = SolveRun.objects.get()
    admin = StaffMemberFactory(organisation=broken.service.organisation, role="org_admin")
    page = signed_in_client(admin.user).get(reverse("rota:solve-run", args=[run.pk]))
    text = page.content.decode()
    assert "Elm Road: Something went wrong while making the rota" in text
    assert "0 of 1" in text  # only their own organisation's services


@time_machine.travel(NOW, tick=False)
def test_a_solve_whose_worker_stopped_does_not_block_the_week_and_the_page_says_so(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    # Given a job left "being made" by a worker that died, long past its time limit.
    _with_a_session(service_world)
    week = RotaWeek.objects.create(service=service_world["josie"].service, monday=MONDAY)
    stuck = SolveJob.objects.create(
        week=week,
        status=SolveJob.Status.RUNNING,
        time_limit_seconds=10.0,
        started_at=NOW
        - datetime.timedelta(seconds=10)
        - SolveJob.ABANDONED_AFTER_LIMIT
        - datetime.timedelta(seconds=1),
    )
    client = signed_in_client(service_world["manager"].user)
    # The page says it stopped, and stops asking for progress.
    page = client.get(_week_url(service_world)).content.decode()
    assert "because the computer making it stopped" in page
    assert "data-poll-url" not in page
    # When the manager presses again, a new solve is made and the stuck one is closed.
    client.post(_week_url(service_world, "rota:solve"))
    stuck.refresh_from_db()
    assert stuck.status == SolveJob.Status.FAILED
    assert stuck.reason == SolveJob.ABANDONED_REASON
    assert SolveJob.objects.filter(status=SolveJob.Status.DONE).count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_solve_still_within_its_time_limit_is_not_taken_for_stuck(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    _with_a_session(service_world)
    week = RotaWeek.objects.create(service=service_world["josie"].service, monday=MONDAY)
    running = SolveJob.objects.create(
        week=week,
        status=SolveJob.Status.RUNNING,
        time_limit_seconds=10.0,
        started_at=NOW - datetime.timedelta(seconds=30),
    )
    client = signed_in_client(service_world["manager"].user)
    page = client.get(_week_url(service_world)).content.decode()
    assert "The rota is being made" in page
    assert "data-poll-url" in page
    client.post(_week_url(service_world, "rota:solve"))
    running.refresh_from_db()
    assert running.status == SolveJob.Status.RUNNING
    assert SolveJob.objects.count() == 1
