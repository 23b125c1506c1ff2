"""Why a session has nobody, said of 0, 1 and many workers."""

from __future__ import annotations

import pytest

from alongside.rota.solver import WhyNot, workers_who


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "no workers are people the person would rather not work with"),
        (1, "1 worker is someone the person would rather not work with"),
        (3, "3 workers are people the person would rather not work with"),
    ],
)
def test_workers_the_person_would_rather_not_work_with_are_counted_in_plain_words(
    n: int, words: str
) -> None:
    assert workers_who(n, WhyNot.NOT_WANTED) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "no workers are on leave"), (1, "1 worker is on leave"), (2, "2 workers are on leave")],
)
def test_workers_on_leave_are_counted_with_the_right_verb(n: int, words: str) -> None:
    assert workers_who(n, WhyNot.LEAVE) == words


def test_every_reason_a_worker_is_not_free_has_words_for_one_and_many() -> None:
    reasons = [v for k, v in vars(WhyNot).items() if k.isupper()]
    for reason in reasons:
        if reason in (
            WhyNot.CHOSEN_OTHER,
            WhyNot.OTHER_NEED,
            # The soft reasons: why a chosen worker is not there, never why nobody could be.
            WhyNot.FAIR,
            WhyNot.NEW_WORKER_FOR_OTHERS,
            WhyNot.MORE_WORKERS_FOR_YOU,
            WhyNot.CONTRACT,
            WhyNot.NOT_FOUND,
        ):
            continue  # never given for a session nobody could take
        assert workers_who(1, reason).startswith("1 worker ")
        assert workers_who(2, reason).startswith("2 workers ")
        assert workers_who(1, reason) != workers_who(2, reason).replace("2 workers", "1 worker")
