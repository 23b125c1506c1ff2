"""Outcome figures match small examples worked out by hand."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from alongside.everyday.models import Suggestion
from alongside.organisations.models import Service, StaffMember
from alongside.outcomes import rollups
from alongside.outcomes.selectors import (
    Scope,
    chosen_worker_hours,
    last_quarters,
    period_for,
    quality_results,
    quarter_label,
    suggestions_answered,
)
from alongside.quality.models import Answer, IStatement, QualityCheck
from alongside.quality.reference import ensure_starter_edition
from alongside.rota.models import RotaWeek
from alongside.team.models import TeamChoice
from tests.factories import (
    PersonFactory,
    QualityCheckFactory,
    RotaShiftFactory,
    RotaWeekFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


def _scope(*services: Service) -> Scope:
    return Scope(name="", services=Service.objects.filter(pk__in=[s.pk for s in services]))


def _year(figure: object) -> list[object]:
    label, cells = figure.rows[-1]  # type: ignore[attr-defined]
    assert label == "Last 12 months"
    return cells


class TestPeriods:
    def test_the_last_four_quarters_end_with_this_one(self) -> None:
        quarters = last_quarters(datetime.date(2026, 11, 23))
        assert [quarter_label(q) for q in quarters] == ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
        assert last_quarters(datetime.date(2026, 2, 1))[0] == datetime.date(2025, 4, 1)


class TestIdeasAnsweredWithin28Days:
    def test_one_in_time_one_late_one_never_answered_and_one_too_new_to_count(self) -> None:
        service = ServiceFactory()
        now = timezone.now()
        day = datetime.timedelta(days=1)
        made = [
            (now - 50 * day, now - 47 * day),  # answered in 3 days
            (now - 60 * day, now - 15 * day),  # answered after 45 days
            (now - 35 * day, None),  # 35 days and no answer
            (now - 2 * day, None),  # 2 days old: not counted in the share yet
        ]
        for received, answered in made:
            s = Suggestion.objects.create(service=service, text="An idea")
            Suggestion.objects.filter(pk=s.pk).update(
                received_at=received, first_response_at=answered
            )
        Suggestion.objects.create(service=ServiceFactory(), text="Somewhere else")

        figure = suggestions_answered(_scope(service), period_for())

        assert _year(figure) == [4, 1, 2, 1, "33%"]
        assert figure.by_service == {service.pk: "33%"}


class TestHoursWithChosenWorkers:
    def test_half_of_the_hours_of_the_person_who_chose_are_with_their_chosen_worker(self) -> None:
        service = ServiceFactory()
        chooser = PersonFactory(service=service)
        no_choices = PersonFactory(service=service)
        chosen = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service])
        other = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service])
        TeamChoice.objects.create(person=chooser, worker=chosen, choice=TeamChoice.Choice.RATHER)
        today = timezone.localdate()
        monday = today - datetime.timedelta(days=today.weekday())
        week = RotaWeekFactory(service=service, monday=monday, status=RotaWeek.Status.PUBLISHED)
        with_chosen = RotaShiftFactory(week=week, people=[chooser])
        with_chosen.workers.set([chosen])
        with_other = RotaShiftFactory(week=week, people=[chooser])
        with_other.workers.set([other])
        theirs = RotaShiftFactory(week=week, people=[no_choices])
        theirs.workers.set([other])
        # A draft rota is not counted.
        draft = RotaWeekFactory(
            service=service, monday=monday - datetime.timedelta(days=7), status="draft"
        )
        RotaShiftFactory(week=draft, people=[chooser]).workers.set([other])

        rollups.refresh_all()
        figure = chosen_worker_hours(_scope(service), period_for())

        assert _year(figure) == [8, 4, "50%"]
        assert figure.by_service == {service.pk: "50%"}

        # The person chooses the other worker too: the next page sees it.
        TeamChoice.objects.create(person=chooser, worker=other, choice=TeamChoice.Choice.RATHER)
        rollups.refresh_all()
        assert _year(chosen_worker_hours(_scope(service), period_for())) == [8, 8, "100%"]


class TestQualityResults:
    def test_good_or_ok_is_counted_of_the_things_checkers_saw(self) -> None:
        edition = ensure_starter_edition()
        statements = list(IStatement.objects.filter(theme__edition=edition).order_by("pk")[:4])
        check = QualityCheckFactory(status=QualityCheck.Status.DONE, done_on=timezone.localdate())
        for statement, face in zip(statements, ["good", "ok", "not_good", "not_seen"], strict=True):
            Answer.objects.create(quality_check=check, statement=statement, face=face)
        QualityCheckFactory(planned_for=timezone.localdate())  # planned, not done: not counted

        by_quarter, by_statement = quality_results(_scope(check.service), period_for())

        assert _year(by_quarter) == [1, 1, 1, 1, "67%"]
        assert [cells for _, cells in by_statement.rows] == [
            [1, 0, 0, 0, "100%"],
            [0, 1, 0, 0, "100%"],
            [0, 0, 1, 0, "0%"],
            [0, 0, 0, 1, "No data yet"],
        ]
