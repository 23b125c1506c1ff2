"""The monthly check-in counts behind the outcome pages stay correct as check-ins arrive."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from alongside.everyday import services as everyday
from alongside.everyday.models import CheckIn, Feeling
from alongside.organisations.models import Service
from alongside.outcomes import rollups
from alongside.outcomes.models import CheckInMonth, RollupWatermark
from alongside.outcomes.selectors import Scope, check_in_trends, period_for
from tests.factories import CheckInFactory, CouncilFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _counts(service: Service) -> dict[datetime.date, tuple[int, int, int, int, int]]:
    return {
        m.month: (m.great, m.good, m.ok, m.low, m.bad)
        for m in CheckInMonth.objects.filter(service=service)
    }


def _last_12_months(service: Service) -> list[object]:
    figure = check_in_trends(
        Scope(name="", services=Service.objects.filter(pk=service.pk)), period_for()
    )
    return figure.rows[-1][1]


class TestMonthlyCheckInCounts:
    def test_a_rebuild_counts_every_check_in_by_service_council_month_and_feeling(self) -> None:
        person = PersonFactory()
        CheckInFactory(person=person, on=datetime.date(2026, 1, 5), feeling=Feeling.GREAT)
        CheckInFactory(person=person, on=datetime.date(2026, 1, 6), feeling=Feeling.GREAT)
        CheckInFactory(person=person, on=datetime.date(2026, 2, 1), feeling=Feeling.BAD)
        rollups.rebuild_check_in_months()
        assert _counts(person.service) == {
            datetime.date(2026, 1, 1): (2, 0, 0, 0, 0),
            datetime.date(2026, 2, 1): (0, 0, 0, 0, 1),
        }

    def test_a_new_check_in_through_the_everyday_service_changes_the_figure(self) -> None:
        person = PersonFactory()
        today = timezone.localdate()
        CheckInFactory(person=person, on=today - datetime.timedelta(days=1), feeling=Feeling.OK)
        rollups.rebuild_check_in_months()
        assert _last_12_months(person.service)[:6] == [0, 0, 1, 0, 0, 1]

        everyday.save_check_in(
            person=person,
            recorded_by=person.user,
            on=today,
            expected_version=0,
            feeling=Feeling.GOOD,
            helps=[],
            note="",
            alert_team=False,
        )
        rollups.refresh_check_in_months()
        assert _last_12_months(person.service)[:7] == [0, 1, 1, 0, 0, 2, "50%"]

    def test_changing_a_check_in_the_same_day_moves_it_to_its_new_feeling(self) -> None:
        person = PersonFactory()
        today = timezone.localdate()
        first = everyday.save_check_in(
            person=person,
            recorded_by=person.user,
            on=today,
            expected_version=0,
            feeling=Feeling.BAD,
            helps=[],
            note="",
            alert_team=False,
        )
        rollups.refresh_check_in_months()
        everyday.save_check_in(
            person=person,
            recorded_by=person.user,
            on=today,
            expected_version=first.version,
            feeling=Feeling.GREAT,
            helps=[],
            note="",
            alert_team=False,
        )
        rollups.refresh_check_in_months()
        assert _counts(person.service) == {today.replace(day=1): (1, 0, 0, 0, 0)}

    def test_a_person_moving_service_moves_their_check_ins_with_them(self) -> None:
        person = PersonFactory()
        old_service = person.service
        CheckInFactory(person=person, on=datetime.date(2026, 3, 3), feeling=Feeling.LOW)
        rollups.rebuild_check_in_months()
        new_service = PersonFactory().service
        person.service = new_service
        person.save()
        rollups.refresh_check_in_months()
        assert _counts(old_service) == {}
        assert _counts(new_service) == {datetime.date(2026, 3, 1): (0, 0, 0, 1, 0)}

    def test_counts_are_kept_apart_by_council(self) -> None:
        person = PersonFactory()
        neighbour = PersonFactory(service=person.service, council=CouncilFactory())
        CheckInFactory(person=person, on=datetime.date(2026, 4, 1), feeling=Feeling.GOOD)
        CheckInFactory(person=neighbour, on=datetime.date(2026, 4, 1), feeling=Feeling.LOW)
        rollups.rebuild_check_in_months()
        rows = CheckInMonth.objects.filter(service=person.service)
        assert {(r.council_id, r.good, r.low) for r in rows} == {
            (person.council_id, 1, 0),
            (neighbour.council_id, 0, 1),
        }

    def test_the_watermark_waits_for_recent_changes_to_settle_then_moves_on(self) -> None:
        person = PersonFactory()
        rollups.rebuild_check_in_months()
        before = RollupWatermark.objects.get(name=rollups.CHECK_INS).last_id
        CheckInFactory(person=person, feeling=Feeling.OK)
        rollups.refresh_check_in_months()
        # Too recent to be sure no earlier transaction is still open: read again next time.
        assert RollupWatermark.objects.get(name=rollups.CHECK_INS).last_id == before
        history = CheckIn.history.model
        history.objects.update(history_date=timezone.now() - datetime.timedelta(minutes=5))
        rollups.refresh_check_in_months()
        assert RollupWatermark.objects.get(name=rollups.CHECK_INS).last_id > before
        assert sum(_counts(person.service)[timezone.localdate().replace(day=1)]) == 1

    def test_nothing_is_recounted_when_nothing_changed(
        self, django_assert_max_num_queries: object
    ) -> None:
        PersonFactory()
        rollups.rebuild_check_in_months()
        with django_assert_max_num_queries(3):  # type: ignore[operator]
            rollups.refresh_check_in_months()


class TestHoursWithChosenWorkersStayCorrect:
    def test_publishing_a_rota_week_through_the_rota_service_changes_the_figure(self) -> None:
        from alongside.organisations.models import StaffMember
        from alongside.outcomes.selectors import chosen_worker_hours
        from alongside.rota.services import publish_week
        from alongside.team.models import TeamChoice
        from tests.factories import RotaShiftFactory, RotaWeekFactory, StaffMemberFactory

        person = PersonFactory()
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
        TeamChoice.objects.create(person=person, worker=worker, choice=TeamChoice.Choice.RATHER)
        today = timezone.localdate()
        week = RotaWeekFactory(
            service=person.service, monday=today - datetime.timedelta(days=today.weekday())
        )
        RotaShiftFactory(week=week, people=[person]).workers.set([worker])
        scope = Scope(name="", services=Service.objects.filter(pk=person.service.pk))
        rollups.rebuild_chosen_hours()
        assert chosen_worker_hours(scope, period_for()).rows[-1][1] == [0, 0, "No data yet"]

        publish_week(week=week, published_by=StaffMemberFactory().user)
        rollups.refresh_all()

        assert chosen_worker_hours(scope, period_for()).rows[-1][1] == [4, 4, "100%"]


class TestRefreshedByATaskAfterTheWrite:
    def test_check_ins_saved_through_the_service_are_counted_by_one_task_after_the_commit(
        self,
        django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    ) -> None:
        # The whole test is one transaction: its writes queue one refresh, run on commit.
        with django_capture_on_commit_callbacks(execute=True) as queued:
            person = PersonFactory()
            for days_ago, feeling in ((0, Feeling.GOOD), (1, Feeling.LOW)):
                everyday.save_check_in(
                    person=person,
                    recorded_by=person.user,
                    on=timezone.localdate() - datetime.timedelta(days=days_ago),
                    expected_version=0,
                    feeling=feeling,
                    helps=[],
                    note="",
                    alert_team=False,
                )
            assert not CheckInMonth.objects.exists()  # nothing counted before the commit
        assert len(queued) == 1
        today = timezone.localdate()
        yesterday = today - datetime.timedelta(days=1)
        counts = _counts(person.service)
        assert sum(sum(c) for c in counts.values()) == 2
        assert counts[today.replace(day=1)][1] == 1  # good, today
        assert counts[yesterday.replace(day=1)][3] == 1  # low, yesterday
