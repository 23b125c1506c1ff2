"""Results by I statement and trends by quarter, on answers built by hand."""

from __future__ import annotations

import datetime

import pytest

from alongside.organisations.models import Service
from alongside.quality.models import Answer, Face, QualityCheck
from alongside.quality.selectors import (
    results_by_statement,
    statement_trends,
    trends_by_quarter,
)
from tests.factories import QualityCheckFactory

pytestmark = pytest.mark.django_db


def _check(done_on: datetime.date, service: Service | None = None) -> QualityCheck:
    kwargs = {"service": service} if service else {}
    return QualityCheckFactory(status="done", done_on=done_on, **kwargs)


def test_results_count_each_face_for_each_statement_and_trends_go_by_quarter() -> None:
    january = _check(datetime.date(2026, 1, 20))
    service = january.service
    april = _check(datetime.date(2026, 4, 2), service=service)
    planned = QualityCheckFactory(service=service, checklist=january.checklist)
    first, second = list(january.checklist.statements.order_by("pk"))[:2]
    for check, statement, face in [
        (january, first, Face.GOOD),
        (january, second, Face.NOT_GOOD),
        (april, first, Face.NOT_GOOD),
        (april, second, Face.NOT_SEEN),
        (planned, first, Face.GOOD),  # not done: not counted
    ]:
        Answer.objects.create(quality_check=check, statement=statement, face=face)
    services = Service.objects.filter(pk=service.pk)

    results = {r.statement: r for r in results_by_statement(services=services)}
    assert results[first].cells() == [
        ("good", "Good", 1),
        ("ok", "OK", 0),
        ("not_good", "Not good", 1),
        ("not_seen", "Did not see", 0),
    ]
    assert results[first].percent_good == 50
    assert results[second].percent_good == 0

    quarters = trends_by_quarter(services=services)
    assert [(q.label, q.cells(), q.percent_good) for q in quarters] == [
        ("2026 Q1", [1, 0, 1, 0], 50),
        ("2026 Q2", [0, 0, 1, 1], 0),
    ]

    labels, trends = statement_trends(services=services)
    assert labels == ["2026 Q1", "2026 Q2"]
    by_statement = {t.statement: t.percents for t in trends}
    assert by_statement[first] == [100, 0]
    assert by_statement[second] == [0, None]  # in April nobody saw it


def test_results_leave_out_services_the_user_does_not_see() -> None:
    mine = _check(datetime.date(2026, 2, 1))
    theirs = _check(datetime.date(2026, 2, 1))
    statement = mine.checklist.statements.first()
    assert statement is not None
    Answer.objects.create(quality_check=mine, statement=statement, face=Face.GOOD)
    their_statement = theirs.checklist.statements.first()
    assert their_statement is not None
    Answer.objects.create(quality_check=theirs, statement=their_statement, face=Face.NOT_GOOD)
    results = results_by_statement(services=Service.objects.filter(pk=mine.service_id))
    assert [r.counts for r in results] == [{"good": 1}]
