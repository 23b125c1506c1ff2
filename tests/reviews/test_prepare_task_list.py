""" "Get ready for my review" as a GOV.UK task list: each status true to what is saved,
tested both ways, each link landing on its question."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from alongside.reviews.models import ReviewPreparation
from tests.factories import GoalFactory, PersonFactory, ReviewFactory
from tests.web.html_answers import shown

pytestmark = pytest.mark.django_db


def _statuses(html: str) -> dict[str, str]:
    found = {}
    for row in html.split('data-task="')[1:]:
        found[row.split('"', 1)[0]] = row.split('data-status="', 1)[1].split('"', 1)[0]
    return found


@pytest.fixture
def ready(signed_in_client: Any) -> dict[str, Any]:
    person = PersonFactory()
    return {
        "person": person,
        "review": ReviewFactory(person=person),
        "goal": GoalFactory(person=person, words="Learn to swim."),
        "client": signed_in_client(person.user),
        "url": reverse("reviews:prepare", args=[person.pk]),
    }


def test_nothing_saved_means_every_task_is_not_started(ready: dict[str, Any]) -> None:
    html = ready["client"].get(ready["url"]).content.decode()
    assert _statuses(html) == {
        "what-matters-now": "not_started",
        "goals": "not_started",
        "anything-else": "not_started",
        "send": "not_started",
    }


def test_a_saved_draft_marks_what_is_written_done_and_sending_in_progress(
    ready: dict[str, Any],
) -> None:
    preparation = ReviewPreparation.objects.create(
        review=ready["review"], what_matters_now="My new flat.", version=1
    )
    statuses = _statuses(ready["client"].get(ready["url"]).content.decode())
    assert statuses == {
        "what-matters-now": "done",
        "goals": "not_started",
        "anything-else": "not_started",
        "send": "in_progress",
    }
    preparation.goals_to_talk_about.add(ready["goal"])
    preparation.anything_else = "My cat."
    preparation.ready_to_share = True
    preparation.save()
    statuses = _statuses(ready["client"].get(ready["url"]).content.decode())
    assert set(statuses.values()) == {"done"}


def test_answers_waiting_on_the_check_page_keep_sending_in_progress(
    ready: dict[str, Any],
) -> None:
    ready["client"].post(
        ready["url"], {"version": "0", "what_matters_now": "My flat.", "ready_to_share": "on"}
    )
    statuses = _statuses(ready["client"].get(ready["url"]).content.decode())
    # Nothing is saved yet, so what matters is not done; sending has begun.
    assert statuses["what-matters-now"] == "not_started"
    assert statuses["send"] == "in_progress"


def test_each_task_link_lands_on_its_question(ready: dict[str, Any]) -> None:
    client = ready["client"]
    html = client.get(ready["url"]).content.decode()
    tasks = html.split('data-testid="task-list"', 1)[1].split("</ul>", 1)[0]
    links = [href for href, _ in shown(tasks).links]
    assert len(links) == 4
    for href in links:
        parts = urlsplit(href)
        page = client.get(parts.path)
        assert page.status_code == 200
        if parts.fragment:
            assert parts.fragment in shown(page.content.decode()).ids, href
    assert links[-1] == reverse("reviews:prepare-check", args=[ready["person"].pk])


def test_with_no_goals_the_goals_task_links_to_adding_one(signed_in_client: Any) -> None:
    person = PersonFactory()
    ReviewFactory(person=person)
    client = signed_in_client(person.user)
    html = client.get(reverse("reviews:prepare", args=[person.pk])).content.decode()
    assert "You have no goals yet. You can add them first." in html
    mine = reverse("reviews:mine", args=[person.pk])
    assert f'href="{mine}#goals"' in html
    assert 'id="goals"' in client.get(mine).content.decode()
