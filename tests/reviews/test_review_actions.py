"""Each thing the council worker does in a review has its own small view and address; each
goes back to the review page, and a form with a mistake shows it and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.audit.models import RecordChange
from alongside.reviews import services
from alongside.reviews.models import (
    DoingWhatMatters,
    Goal,
    GoalProgress,
    Review,
    ReviewStatus,
    TaskQuestion,
)
from tests.factories import CouncilWorkerFactory, GoalFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting() -> dict[str, Any]:
    person = PersonFactory(what_matters="My cat and my music.")
    worker = CouncilWorkerFactory(council=person.council)
    review = ReviewFactory(person=person)
    return {"person": person, "worker": worker, "review": review}


def _url(name: str, s: dict[str, Any]) -> str:
    return reverse(f"reviews:{name}", args=[s["person"].pk, s["review"].pk])


def _page(s: dict[str, Any]) -> str:
    return reverse("reviews:conduct", args=[s["person"].pk, s["review"].pk])


def test_a_question_about_a_task_is_added_and_the_worker_goes_back_to_the_tasks(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    response = client.post(
        _url("conduct-task", setting), {"task": "Cooking", "answer": "I make my own tea."}
    )
    assert response["Location"] == _page(setting) + "#tasks"
    question = TaskQuestion.objects.get(review=setting["review"])
    assert (question.task, question.answer) == ("Cooking", "I make my own tea.")
    review = Review.objects.get(pk=setting["review"].pk)
    assert review.status == ReviewStatus.IN_PROGRESS
    assert review.council_worker == setting["worker"]
    page = client.get(response["Location"]).content.decode()
    assert "Cooking" in page


def test_a_task_question_with_a_mistake_is_shown_again_and_the_review_is_not_started(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    response = client.post(_url("conduct-task", setting), {"task": "", "answer": ""})
    html = response.content.decode()
    assert "<title>Error:" in html
    assert not TaskQuestion.objects.exists()
    review = Review.objects.get(pk=setting["review"].pk)
    assert (review.status, review.council_worker) == (ReviewStatus.DUE, None)


def test_a_goal_set_in_the_review_is_the_persons_and_is_linked_to_the_review(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    response = client.post(_url("conduct-goal", setting), {"words": "Learn to swim."})
    assert response["Location"] == _page(setting) + "#goals"
    goal = Goal.objects.get(person=setting["person"])
    assert (goal.words, goal.set_in_review) == ("Learn to swim.", setting["review"])


def test_how_a_goal_is_going_is_saved_from_the_review(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    goal = GoalFactory(person=setting["person"])
    client = signed_in_client(setting["worker"].user)
    prefix = f"goal-{goal.pk}"
    response = client.post(
        _url("conduct-goal-progress", setting),
        {
            "goal": str(goal.pk),
            f"{prefix}-version": str(goal.version),
            f"{prefix}-words": goal.words,
            f"{prefix}-progress": GoalProgress.GETTING_THERE,
        },
    )
    assert response["Location"] == _page(setting) + "#goals"
    goal.refresh_from_db()
    assert goal.progress == GoalProgress.GETTING_THERE


def test_another_persons_goal_cannot_be_changed_from_this_review(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    other = GoalFactory(person=PersonFactory(council=setting["person"].council))
    client = signed_in_client(setting["worker"].user)
    prefix = f"goal-{other.pk}"
    response = client.post(
        _url("conduct-goal-progress", setting),
        {
            "goal": str(other.pk),
            f"{prefix}-version": str(other.version),
            f"{prefix}-words": "Changed.",
            f"{prefix}-progress": GoalProgress.DONE,
        },
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.words, other.progress) == ("Go swimming every week.", GoalProgress.NOT_STARTED)


def test_whether_the_person_is_doing_what_matters_is_saved_in_their_words(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    response = client.post(
        _url("conduct-doing", setting),
        {
            "version": "1",
            "doing_what_matters": DoingWhatMatters.YES,
            "doing_what_matters_words": "I go to music every week.",
        },
    )
    assert response["Location"] == _page(setting) + "#doing"
    review = Review.objects.get(pk=setting["review"].pk)
    assert review.doing_what_matters_words == "I go to music every week."
    assert RecordChange.objects.filter(person=setting["person"], action="review_written").exists()


def test_finishing_the_review_goes_to_its_record_and_no_action_is_taken_on_it_after(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    review = setting["review"]
    services.save_review_answers(
        review=review,
        changed_by=setting["worker"].user,
        expected_version=1,
        what_matters="My cat.",
        doing_what_matters=DoingWhatMatters.YES,
    )
    client = signed_in_client(setting["worker"].user)
    response = client.post(_url("conduct-finish", setting), {"version": "2"})
    record = reverse("reviews:record", args=[setting["person"].pk, review.pk])
    assert response["Location"] == record
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.COMPLETED
    assert "My cat." in client.get(record).content.decode()
    again = client.post(_url("conduct-task", setting), {"task": "Cooking", "answer": "Yes."})
    assert again.status_code == 404
    assert not TaskQuestion.objects.exists()


def test_finishing_with_a_broken_version_says_so_in_plain_words_and_changes_nothing(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    response = client.post(_url("conduct-finish", setting), {"version": "two"})
    assert "Open the review again and finish it." in response.content.decode()
    review = Review.objects.get(pk=setting["review"].pk)
    assert (review.status, review.council_worker) == (ReviewStatus.DUE, None)


def test_the_review_page_only_shows_and_each_form_posts_to_its_own_address(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    GoalFactory(person=setting["person"])
    client = signed_in_client(setting["worker"].user)
    html = client.get(_page(setting)).content.decode()
    for name in (
        "conduct-what-matters",
        "conduct-doing",
        "conduct-goal",
        "conduct-goal-progress",
        "conduct-task",
        "conduct-finish",
    ):
        assert f'action="{_url(name, setting)}' in html
    assert 'name="what"' not in html
    assert client.post(_page(setting), {"what": "finish"}).status_code == 405
