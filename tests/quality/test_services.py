from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from alongside.accounts.models import User
from alongside.concurrency import EditConflict
from alongside.organisations.models import StaffMember
from alongside.quality import services
from alongside.quality.models import Answer, Face, QualityAction, QualityCheck
from tests.conftest import move_to_day
from tests.factories import QualityCheckFactory, StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _a_fortnight_after_the_checks(clock: Any) -> None:
    # Checks are done on DAY; a day of a check in the future is refused.
    move_to_day(clock, DAY + datetime.timedelta(days=14))


def _answers(check: QualityCheck, *faces: str) -> list[services.AnswerGiven]:
    statements = list(check.checklist.statements.order_by("pk"))
    return [
        services.AnswerGiven(statement_id=s.pk, face=f, comment=f"About {s.key}")
        for s, f in zip(statements, faces, strict=True)
    ]


def _done(check: QualityCheck, *faces: str) -> QualityCheck:
    return services.complete_check(
        check=check, done_by=check.checker.person.user, done_on=DAY, answers=_answers(check, *faces)
    )


def _manager_of(check: QualityCheck) -> User:
    return StaffMemberFactory(
        organisation=check.service.organisation,
        role=StaffMember.Role.SERVICE_MANAGER,
        services=[check.service],
    ).user


def test_a_check_creates_an_action_for_each_not_good_answer() -> None:
    check = QualityCheckFactory()
    _done(check, Face.NOT_GOOD, Face.GOOD, Face.NOT_GOOD)
    actions = QualityAction.objects.filter(answer__quality_check=check)
    assert actions.count() == 2
    assert {a.answer.face for a in actions} == {Face.NOT_GOOD}
    assert all(a.service == check.service for a in actions)
    assert all(a.due_on == DAY + datetime.timedelta(days=28) for a in actions)
    assert all(a.status == QualityAction.Status.OPEN for a in actions)


def test_a_check_with_nothing_not_good_creates_no_action() -> None:
    check = QualityCheckFactory()
    _done(check, Face.GOOD, Face.OK, Face.NOT_SEEN)
    assert not QualityAction.objects.exists()
    check.refresh_from_db()
    assert check.status == QualityCheck.Status.DONE and check.done_on == DAY


def test_a_check_missing_an_answer_is_refused_and_nothing_is_saved() -> None:
    check = QualityCheckFactory()
    with pytest.raises(ValidationError):
        services.complete_check(
            check=check,
            done_by=check.checker.person.user,
            done_on=DAY,
            answers=_answers(check, Face.GOOD, Face.GOOD, Face.GOOD)[:2],
        )
    check.refresh_from_db()
    assert check.status == QualityCheck.Status.PLANNED
    assert not Answer.objects.exists()


def test_a_check_cannot_be_done_twice() -> None:
    check = QualityCheckFactory()
    _done(check, Face.GOOD, Face.GOOD, Face.GOOD)
    stale = QualityCheck.objects.get(pk=check.pk)
    stale.status = QualityCheck.Status.PLANNED  # as a second browser tab still sees it
    with pytest.raises(ValidationError, match="already done"):
        _done(stale, Face.NOT_GOOD, Face.NOT_GOOD, Face.NOT_GOOD)
    assert Answer.objects.count() == 3


def test_answering_every_action_plans_a_re_check_with_the_same_checker() -> None:
    check = QualityCheckFactory()
    _done(check, Face.NOT_GOOD, Face.NOT_GOOD, Face.GOOD)
    manager = _manager_of(check)
    first, second = QualityAction.objects.order_by("pk")
    assert (
        services.respond_to_action(
            action=first, responded_by=manager, expected_version=1, response="We put a sign up."
        )
        is None
    )
    re_check = services.respond_to_action(
        action=second, responded_by=manager, expected_version=1, response="We asked everyone."
    )
    assert re_check is not None
    assert re_check.re_check_of == check
    assert re_check.checker == check.checker and re_check.service == check.service
    assert re_check.status == QualityCheck.Status.PLANNED
    first.refresh_from_db()
    assert first.status == QualityAction.Status.ANSWERED and first.response == "We put a sign up."


def test_a_re_check_closes_the_loop() -> None:
    check = QualityCheckFactory()
    _done(check, Face.NOT_GOOD, Face.NOT_GOOD, Face.GOOD)
    manager = _manager_of(check)
    re_check = None
    for action in QualityAction.objects.order_by("pk"):
        re_check = services.respond_to_action(
            action=action, responded_by=manager, expected_version=1, response="Done."
        )
    assert re_check is not None
    # Better now for the first; still not good for the second.
    _done(re_check, Face.GOOD, Face.NOT_GOOD, Face.GOOD)
    better, not_better = QualityAction.objects.filter(answer__quality_check=check).order_by("pk")
    assert better.status == QualityAction.Status.CLOSED
    assert better.outcome == QualityAction.Outcome.BETTER
    assert better.closed_by_check == re_check
    assert not_better.status == QualityAction.Status.CLOSED
    assert not_better.outcome == QualityAction.Outcome.NOT_BETTER
    # What is still not good is a new action, from the re-check.
    new = QualityAction.objects.get(answer__quality_check=re_check)
    assert new.status == QualityAction.Status.OPEN
    assert new.answer.statement == not_better.answer.statement


def test_two_managers_answering_at_once_the_second_is_told_and_nothing_is_overwritten() -> None:
    check = QualityCheckFactory()
    _done(check, Face.NOT_GOOD, Face.GOOD, Face.GOOD)
    manager = _manager_of(check)
    action = QualityAction.objects.get()
    stale = QualityAction.objects.get()
    services.respond_to_action(
        action=action, responded_by=manager, expected_version=1, response="First answer."
    )
    with pytest.raises(EditConflict):
        services.respond_to_action(
            action=stale, responded_by=manager, expected_version=1, response="Second answer."
        )
    action.refresh_from_db()
    assert action.response == "First answer."


def test_an_empty_answer_to_an_action_is_refused() -> None:
    check = QualityCheckFactory()
    _done(check, Face.NOT_GOOD, Face.GOOD, Face.GOOD)
    with pytest.raises(ValidationError):
        services.respond_to_action(
            action=QualityAction.objects.get(),
            responded_by=_manager_of(check),
            expected_version=1,
            response="   ",
        )
    assert QualityAction.objects.get().status == QualityAction.Status.OPEN


def test_finishing_the_core_training_makes_a_checker_trained() -> None:
    check = QualityCheckFactory(checker__trained_on=None)
    checker = check.checker
    services.record_training(
        checker=checker,
        module="making_it_real",
        completed_on=datetime.date(2026, 1, 1),
        recorded_by=UserFactory(),
    )
    checker.refresh_from_db()
    assert checker.trained_on is None
    services.record_training(
        checker=checker,
        module="basics",
        completed_on=datetime.date(2026, 2, 1),
        recorded_by=UserFactory(),
    )
    checker.refresh_from_db()
    assert checker.trained_on == datetime.date(2026, 2, 1)


def test_a_checklist_may_not_mix_editions() -> None:
    from alongside.quality.models import Edition, IStatement, Theme

    later = Edition.objects.create(key="later", framework="x")
    theme = Theme.objects.create(edition=later, key="t", name="T")
    other = IStatement.objects.create(theme=theme, key="s", text="I am fine.")
    first = IStatement.objects.exclude(theme__edition=later).first()
    with pytest.raises(ValidationError):
        services.create_checklist(name="Mixed", statements=[first, other], created_by=UserFactory())
