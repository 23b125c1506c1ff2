"""Reviews start with "What matters to you?", confirm what is known, and never edit the
person's words directly."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.people.about_me import write_plan
from alongside.people.models import PlanVersion, Proposal
from alongside.people.selectors import told_once
from alongside.reviews import services
from alongside.reviews.models import (
    Confirmation,
    DoingWhatMatters,
    GoalProgress,
    Review,
    ReviewStatus,
)
from tests.factories import (
    CouncilWorkerFactory,
    GoalFactory,
    PersonFactory,
    ReviewFactory,
)
from tests.reviews.sending import share_preparation

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting() -> dict[str, Any]:
    person = PersonFactory(what_matters="My cat and my music.")
    write_plan(
        person=person,
        written_by=person.user,
        expected_current_id=None,
        my_goals="Go to the football.",
        support_with="Cooking my tea.",
    )
    worker = CouncilWorkerFactory(council=person.council)
    review = ReviewFactory(person=person)
    return {"person": person, "worker": worker, "review": review}


def _page(client: Any, s: dict[str, Any]) -> str:
    url = reverse("reviews:conduct", args=[s["person"].pk, s["review"].pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_review_opens_with_one_blank_question_what_matters_to_you(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    html = _page(signed_in_client(setting["worker"].user), setting)
    main = html[html.index("<main") :]
    first_question = re.search(r"<label[^>]*>([^<]+)</label>", main)
    assert first_question is not None and first_question.group(1) == "What matters to you?"
    box = re.search(r'<textarea[^>]*name="what_matters"[^>]*>([^<]*)</textarea>', main)
    assert box is not None and box.group(1) == ""  # blank, not filled in from About me
    # No list of daily tasks comes first: task questions are optional, further down.
    assert main.index("What matters to you?") < main.index("Add a question about a task")


def test_review_pre_fill_shows_known_information_and_asks_nothing_twice(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    html = _page(signed_in_client(setting["worker"].user), setting)
    for known in ["My cat and my music.", "Go to the football.", "Cooking my tea."]:
        assert known in html
    # Each known thing is asked as "Is this still right?", never as a blank question again.
    assert html.count(">Is this still right?</legend>") == 3
    assert html.count('data-testid="known-thing"') == 3
    assert 'name="about_me-what_matters-new_words"' in html
    assert re.search(r'<textarea[^>]*name="[^"]*what_matters-new_words"[^>]*>\s*</textarea>', html)
    # Nothing known is among the blank questions: the only blank question about what
    # matters is the opening one.
    assert html.count("What matters to you?") == 1


def test_saying_still_right_records_the_answer_and_changes_nothing(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:conduct-confirm", args=[setting["person"].pk, setting["review"].pk])
    response = client.post(
        url,
        {
            "key": "about_me:what_matters",
            "about_me-what_matters-answer": "still_right",
        },
    )
    assert response.status_code == 302
    answer = Confirmation.objects.get(review=setting["review"], key="about_me:what_matters")
    assert answer.answer == "still_right" and answer.proposal is None
    assert not Proposal.objects.filter(person=setting["person"]).exists()


def test_staff_cannot_edit_the_plan_from_the_review_it_becomes_a_proposal(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person = setting["person"]
    client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:conduct-confirm", args=[person.pk, setting["review"].pk])
    response = client.post(
        url,
        {
            "key": "plan:my_goals",
            "plan-my_goals-answer": "change",
            "plan-my_goals-new_words": "Go to the football and learn to swim.",
        },
    )
    assert response.status_code == 302
    current = PlanVersion.objects.get(person=person, status=PlanVersion.Status.CURRENT)
    assert current.my_goals == "Go to the football."  # unchanged
    proposal = Proposal.objects.get(person=person, status=Proposal.Status.WAITING)
    assert proposal.plan_version is not None
    assert proposal.plan_version.my_goals == "Go to the football and learn to swim."
    assert proposal.plan_version.support_with == "Cooking my tea."  # the rest kept
    assert proposal.proposed_by == setting["worker"].user


def test_a_change_to_about_me_from_the_review_waits_for_the_person(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person = setting["person"]
    client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:conduct-confirm", args=[person.pk, setting["review"].pk])
    client.post(
        url,
        {
            "key": "about_me:what_matters",
            "about_me-what_matters-answer": "change",
            "about_me-what_matters-new_words": "My cat, my music and my new job.",
        },
    )
    assert person.about_me.get(part="what_matters").text == "My cat and my music."
    assert Proposal.objects.get(person=person).proposed_text == "My cat, my music and my new job."


def test_change_it_without_new_words_is_refused_with_a_plain_message(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:conduct-confirm", args=[setting["person"].pk, setting["review"].pk])
    response = client.post(url, {"key": "plan:my_goals", "plan-my_goals-answer": "change"})
    assert response.status_code == 200
    assert "Write what it should say now." in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    assert not Confirmation.objects.exists() and not Proposal.objects.exists()


def test_a_council_worker_cannot_confirm_a_part_the_person_does_not_share(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:conduct-confirm", args=[setting["person"].pk, setting["review"].pk])
    response = client.post(
        url,
        {
            "key": "about_me:important_for_me",
            "about_me-important_for_me-answer": "still_right",
        },
    )
    assert response.status_code == 404


def test_two_people_saving_the_review_at_once_keeps_both_texts(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    review = setting["review"]
    client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:conduct-what-matters", args=[setting["person"].pk, review.pk])
    services.save_review_answers(
        review=review, changed_by=setting["person"].user, expected_version=1, what_matters="My cat."
    )
    response = client.post(url, {"version": "1", "what_matters": "Music."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were writing" in html
    assert "My cat." in html  # the saved words
    assert ">Music.</textarea>" in html  # the second saver's words, kept in the box
    review.refresh_from_db()
    assert review.what_matters == "My cat."


def test_finishing_a_review_sets_the_day_and_the_next_review_a_year_later(
    setting: dict[str, Any],
) -> None:
    review = setting["review"]
    user = setting["worker"].user
    services.save_review_answers(
        review=review,
        changed_by=user,
        expected_version=1,
        what_matters="My cat.",
        doing_what_matters=DoingWhatMatters.YES,
        doing_what_matters_words="I go to music every week.",
    )
    services.complete_review(review=review, completed_by=user, expected_version=2)
    review.refresh_from_db()
    today = timezone.localdate()
    assert review.status == ReviewStatus.COMPLETED and review.completed_on == today
    following = Review.objects.get(person=setting["person"], status=ReviewStatus.DUE)
    assert following.due_on == today + datetime.timedelta(days=365)


def test_a_review_cannot_finish_without_what_matters_and_the_answer(
    setting: dict[str, Any],
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.complete_review(
            review=setting["review"], completed_by=setting["worker"].user, expected_version=1
        )
    setting["review"].refresh_from_db()
    assert setting["review"].completed_on is None


def test_the_person_asking_for_a_review_brings_it_forward(setting: dict[str, Any]) -> None:
    review = setting["review"]
    Review.objects.filter(pk=review.pk).update(
        due_on=timezone.localdate() + datetime.timedelta(days=200)
    )
    asked = services.ask_for_review(
        person=setting["person"], asked_by=setting["person"].user, words="I moved house."
    )
    assert asked.pk == review.pk
    asked.refresh_from_db()
    assert asked.asked_for_by_person
    assert asked.due_on == timezone.localdate() + datetime.timedelta(days=28)


def test_the_person_asks_for_a_review_on_their_page(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person = setting["person"]
    Review.objects.all().delete()
    client = signed_in_client(person.user)
    response = client.post(reverse("reviews:ask", args=[person.pk]), {"words": "Things changed."})
    assert response.status_code == 302
    assert Review.objects.get(person=person).asked_for_by_person


def test_preparation_is_a_draft_the_council_worker_sees_only_when_shared(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person = setting["person"]
    goal = GoalFactory(person=person, words="Learn to swim.")
    person_client = signed_in_client(person.user)
    url = reverse("reviews:prepare", args=[person.pk])
    data = {"version": "0", "what_matters_now": "My new flat.", "goals": [str(goal.pk)]}
    assert person_client.post(url, data).status_code == 302
    worker_client = signed_in_client(setting["worker"].user)
    assert "My new flat." not in _page(worker_client, setting)
    shared = share_preparation(
        person_client, person, {**data, "version": "1", "ready_to_share": "on"}
    )
    assert shared.status_code == 302
    html = _page(worker_client, setting)
    assert "My new flat." in html and "Learn to swim." in html


def test_goal_progress_changes_with_the_person_s_words_kept(setting: dict[str, Any]) -> None:
    goal = GoalFactory(person=setting["person"], words="Learn to swim.")
    services.change_goal(
        goal=goal,
        changed_by=setting["person"].user,
        expected_version=1,
        words="Learn to swim.",
        progress=GoalProgress.GETTING_THERE,
    )
    goal.refresh_from_db()
    assert goal.progress == GoalProgress.GETTING_THERE
    assert goal.progress_changed_on == timezone.localdate()
    with pytest.raises(services.GoalConflict):
        services.change_goal(
            goal=goal,
            changed_by=setting["person"].user,
            expected_version=1,
            words="Swim.",
            progress=GoalProgress.DONE,
        )


def test_goals_and_the_last_review_are_told_once_to_other_forms(setting: dict[str, Any]) -> None:
    GoalFactory(person=setting["person"], words="Learn to swim.")
    known = told_once(person=setting["person"], viewer=setting["worker"].user)
    assert known["reviews"]["goals"] == [{"words": "Learn to swim.", "progress": "Not started"}]
    stranger = CouncilWorkerFactory().user
    assert told_once(person=setting["person"], viewer=stranger)["reviews"]["goals"] == []


def test_the_finished_review_is_shown_to_the_person_in_easy_read(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    review = setting["review"]
    user = setting["worker"].user
    services.save_review_answers(
        review=review,
        changed_by=user,
        expected_version=1,
        what_matters="My cat.",
        doing_what_matters=DoingWhatMatters.PARTLY,
    )
    services.complete_review(review=review, completed_by=user, expected_version=2)
    client = signed_in_client(setting["person"].user)
    html = client.get(
        reverse("reviews:record", args=[setting["person"].pk, review.pk])
    ).content.decode()
    assert "What matters to me" in html and "My cat." in html and "Partly" in html
    assert 'class="alongside-idea"' in html  # a picture beside each idea


def test_reviews_due_are_sorted_overdue_first_and_only_for_the_council(
    signed_in_client: Any, django_assert_max_num_queries: Any
) -> None:
    worker = CouncilWorkerFactory()
    today = timezone.localdate()
    later = ReviewFactory(
        person__council=worker.council, due_on=today + datetime.timedelta(days=30)
    )
    overdue = ReviewFactory(
        person__council=worker.council, due_on=today - datetime.timedelta(days=3)
    )
    sooner = ReviewFactory(
        person__council=worker.council, due_on=today + datetime.timedelta(days=2)
    )
    ReviewFactory()  # another council's
    for _ in range(25):
        ReviewFactory(person__council=worker.council, due_on=today + datetime.timedelta(days=90))
    client = signed_in_client(worker.user)
    with django_assert_max_num_queries(16):
        html = client.get(reverse("reviews:due")).content.decode()
    names = [r.person.preferred_name + "'s review" for r in (overdue, sooner, later)]
    positions = [html.index(n) for n in names]
    assert positions == sorted(positions)
    assert "28 reviews waiting" in html


def _finish(setting: dict[str, Any], what_matters: str) -> None:
    review, user = setting["review"], setting["worker"].user
    services.save_review_answers(
        review=review,
        changed_by=user,
        expected_version=1,
        what_matters=what_matters,
        doing_what_matters=DoingWhatMatters.PARTLY,
        doing_what_matters_words="",
    )
    services.complete_review(review=review, completed_by=user, expected_version=2)


def test_what_matters_said_at_the_review_is_offered_to_about_me_and_added_when_agreed(
    setting: dict[str, Any], signed_in_client: Any
) -> None:
    from alongside.people.about_me import answer_proposal, section_for
    from alongside.people.sharing import Part

    person = setting["person"]
    _finish(setting, "Swimming with my mum.")
    # Nothing in About me changes yet: it waits for the person.
    assert section_for(person=person, part=Part.WHAT_MATTERS).text == "My cat and my music."
    proposal = Proposal.objects.get(person=person, status=Proposal.Status.WAITING)
    assert proposal.part == Part.WHAT_MATTERS
    assert proposal.proposed_text == "My cat and my music.\n\nSwimming with my mum."
    today = timezone.localdate()
    assert proposal.note == (
        f"You said this at your review on {today:%-d %B %Y}. Add it to your About me?"
    )
    page = signed_in_client(person.user).get(reverse("people:proposals", args=[person.pk]))
    assert "Swimming with my mum." in page.content.decode()
    answer_proposal(proposal=proposal, answered_by=person.user, accept=True)
    assert section_for(person=person, part=Part.WHAT_MATTERS).text == (
        "My cat and my music.\n\nSwimming with my mum."
    )


def test_what_matters_already_in_about_me_is_not_offered_again(setting: dict[str, Any]) -> None:
    _finish(setting, "my cat and my music.")
    assert not Proposal.objects.filter(person=setting["person"]).exists()
