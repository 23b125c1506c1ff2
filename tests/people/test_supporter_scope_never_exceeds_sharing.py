"""What a supporter may do to a part is never more than what the person shares of it.

Each supporter here has the scope for the page ("help me write", "agree my plan") but the
person has not shared the part with them by name (issue 17, item 2)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import User
from alongside.people.about_me import propose_about_me_change, propose_plan_change
from alongside.people.models import AboutMeSection, Person, PlanVersion, Proposal
from alongside.people.sharing import ABOUT_ME_PARTS, Part, SupporterScope
from alongside.reviews.models import Goal, Review
from tests.conftest import sign_in
from tests.downloads.helpers import fetch_download
from tests.factories import (
    GoalFactory,
    PersonFactory,
    ReviewFactory,
    StaffMemberFactory,
    SupporterFactory,
    share_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_fixed_day() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _person_sharing_nothing() -> Person:
    person = PersonFactory(what_matters="Private swimming words.")
    person.sharing = {part: [] for part in Part.values}
    person.save()
    return person


def _helper(person: Person, *scopes: str) -> Client:
    supporter = SupporterFactory(person=person, scopes=list(scopes))
    return sign_in(Client(), supporter.user)


def _worker(person: Person) -> User:
    return StaffMemberFactory(services=[person.service]).user


class TestAboutMe:
    def test_a_supporter_who_helps_write_cannot_open_a_section_not_shared_with_them(self) -> None:
        person = _person_sharing_nothing()
        mum = _helper(person, SupporterScope.HELP_EDIT)
        for part in ABOUT_ME_PARTS:
            response = mum.get(reverse("people:about-me-edit", args=[person.pk, part]))
            assert response.status_code == 404, part
            assert "Private swimming words." not in response.content.decode()

    def test_a_supporter_who_helps_write_cannot_save_over_a_section_not_shared_with_them(
        self,
    ) -> None:
        person = _person_sharing_nothing()
        mum = _helper(person, SupporterScope.HELP_EDIT)
        url = reverse("people:about-me-edit", args=[person.pk, Part.WHAT_MATTERS])
        assert mum.post(url, {"text": "Overwritten.", "version": 1}).status_code == 404
        section = AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS)
        assert (section.text, section.version) == ("Private swimming words.", 1)

    def test_a_supporter_may_write_the_one_section_shared_with_them_and_no_other(self) -> None:
        person = _person_sharing_nothing()
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.ROUTINES)
        mum = sign_in(Client(), supporter.user)
        routines = reverse("people:about-me-edit", args=[person.pk, Part.ROUTINES])
        assert mum.post(routines, {"text": "Tea at 4.", "version": 0}).status_code == 302
        assert AboutMeSection.objects.get(person=person, part=Part.ROUTINES).text == "Tea at 4."
        likes = reverse("people:about-me-edit", args=[person.pk, Part.LIKES])
        assert mum.post(likes, {"text": "Cats.", "version": 0}).status_code == 404
        assert not AboutMeSection.objects.filter(person=person, part=Part.LIKES).exists()

    def test_earlier_versions_show_only_the_sections_shared_with_the_supporter(self) -> None:
        person = _person_sharing_nothing()
        AboutMeSection.objects.create(
            person=person, part=Part.ROUTINES, text="Shared routine words.", version=1
        )
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.ROUTINES)
        mum = sign_in(Client(), supporter.user)
        page = mum.get(reverse("people:about-me-history", args=[person.pk])).content.decode()
        assert "Shared routine words." in page
        assert "Private swimming words." not in page

    def test_earlier_versions_are_not_found_when_nothing_is_shared_with_the_supporter(
        self,
    ) -> None:
        person = _person_sharing_nothing()
        mum = _helper(person, SupporterScope.HELP_EDIT, SupporterScope.AGREE_PLAN)
        response = mum.get(reverse("people:about-me-history", args=[person.pk]))
        assert response.status_code == 404
        assert "Private swimming words." not in response.content.decode()

    def test_a_supporter_who_only_agrees_the_plan_has_no_about_me_history(self) -> None:
        person = _person_sharing_nothing()
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.AGREE_PLAN])
        share_with(supporter, Part.PLAN, Part.WHAT_MATTERS)
        client = sign_in(Client(), supporter.user)
        page = client.get(reverse("people:about-me", args=[person.pk])).content.decode()
        assert "Private swimming words." in page  # shared, to read
        history = reverse("people:about-me-history", args=[person.pk])
        assert history not in page
        assert client.get(history).status_code == 404

    def test_suggestions_show_only_parts_shared_with_the_supporter(self) -> None:
        person = _person_sharing_nothing()
        worker = _worker(person)
        propose_about_me_change(
            person=person, part=Part.WHAT_MATTERS, text="Hiddenzebra", proposed_by=worker
        )
        propose_about_me_change(
            person=person, part=Part.ROUTINES, text="Sharedotter", proposed_by=worker
        )
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.ROUTINES)
        page = (
            sign_in(Client(), supporter.user)
            .get(reverse("people:proposals", args=[person.pk]))
            .content.decode()
        )
        assert "Sharedotter" in page
        assert "Hiddenzebra" not in page and "swimming" not in page

    def test_a_supporter_cannot_answer_a_suggestion_about_a_part_not_shared_with_them(
        self,
    ) -> None:
        person = _person_sharing_nothing()
        proposal = propose_about_me_change(
            person=person,
            part=Part.WHAT_MATTERS,
            text="Hiddenzebra",
            proposed_by=_worker(person),
        )
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.ROUTINES)  # something shared, so the page itself opens
        url = reverse("people:proposal-answer", args=[person.pk, proposal.pk])
        assert sign_in(Client(), supporter.user).post(url, {"answer": "yes"}).status_code == 404
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.WAITING
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == (
            "Private swimming words."
        )


class TestPlan:
    def _plan(self, person: Person) -> PlanVersion:
        return PlanVersion.objects.create(
            person=person,
            number=1,
            status=PlanVersion.Status.CURRENT,
            my_goals="Private goals.",
            my_medicines="Private medicines.",
        )

    @pytest.mark.parametrize("url_name", ["people:plan-edit", "people:plan-history"])
    def test_a_supporter_who_agrees_the_plan_cannot_open_it_when_it_is_not_shared(
        self, url_name: str
    ) -> None:
        person = _person_sharing_nothing()
        self._plan(person)
        dad = _helper(person, SupporterScope.AGREE_PLAN, SupporterScope.HELP_EDIT)
        response = dad.get(reverse(url_name, args=[person.pk]))
        assert response.status_code == 404
        body = response.content.decode()
        assert "Private medicines." not in body and "Private goals." not in body

    def test_a_supporter_who_agrees_the_plan_cannot_write_it_when_it_is_not_shared(self) -> None:
        person = _person_sharing_nothing()
        plan = self._plan(person)
        dad = _helper(person, SupporterScope.AGREE_PLAN)
        response = dad.post(
            reverse("people:plan-edit", args=[person.pk]),
            {"my_goals": "Overwritten.", "current_id": plan.pk},
        )
        assert response.status_code == 404
        assert list(
            PlanVersion.objects.filter(person=person).values_list("my_goals", flat=True)
        ) == ["Private goals."]

    def test_a_plan_suggestion_is_not_listed_for_a_supporter_the_plan_is_not_shared_with(
        self,
    ) -> None:
        person = _person_sharing_nothing()
        self._plan(person)
        propose_plan_change(
            person=person, proposed_by=_worker(person), my_medicines="Suggestedpenguin"
        )
        supporter = SupporterFactory(
            person=person, scopes=[SupporterScope.AGREE_PLAN, SupporterScope.HELP_EDIT]
        )
        share_with(supporter, Part.ROUTINES)
        page = (
            sign_in(Client(), supporter.user)
            .get(reverse("people:proposals", args=[person.pk]))
            .content.decode()
        )
        assert "Suggestedpenguin" not in page and "medicines" not in page.lower()

    def test_the_plan_page_links_to_its_versions_only_for_a_supporter_who_may_see_them(
        self,
    ) -> None:
        person = _person_sharing_nothing()
        self._plan(person)
        # Helps write About me, and the plan is shared, but they may not agree the plan.
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.PLAN, Part.WHAT_MATTERS)
        client = sign_in(Client(), supporter.user)
        page = client.get(reverse("people:plan", args=[person.pk])).content.decode()
        assert "Private goals." in page
        history = reverse("people:plan-history", args=[person.pk])
        assert history not in page
        assert client.get(history).status_code == 404


class TestReviews:
    def test_a_supporter_cannot_open_a_goal_when_reviews_are_not_shared(self) -> None:
        person = _person_sharing_nothing()
        goal = GoalFactory(person=person, words="Private goal words.")
        mum = _helper(person, SupporterScope.HELP_EDIT)
        response = mum.get(reverse("reviews:goal", args=[person.pk, goal.pk]))
        assert response.status_code == 404
        assert "Private goal words." not in response.content.decode()
        mum.post(
            reverse("reviews:goal", args=[person.pk, goal.pk]),
            {"version": goal.version, "words": "Changed.", "progress": goal.progress},
        )
        assert Goal.objects.get(pk=goal.pk).words == "Private goal words."

    def test_a_supporter_cannot_get_ready_for_a_review_when_reviews_are_not_shared(self) -> None:
        person = _person_sharing_nothing()
        ReviewFactory(person=person, asked_for_words="Private reasons.")
        GoalFactory(person=person, words="Private goal words.")
        mum = _helper(person, SupporterScope.HELP_EDIT)
        response = mum.get(reverse("reviews:prepare", args=[person.pk]))
        assert response.status_code == 404
        assert "Private goal words." not in response.content.decode()
        assert Review.objects.filter(person=person).count() == 1

    def test_a_supporter_may_get_ready_for_a_review_once_reviews_are_shared(self) -> None:
        person = _person_sharing_nothing()
        ReviewFactory(person=person)
        GoalFactory(person=person, words="Shared goal words.")
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.REVIEWS)
        response = sign_in(Client(), supporter.user).get(
            reverse("reviews:prepare", args=[person.pk])
        )
        assert response.status_code == 200
        assert "Shared goal words." in response.content.decode()


class TestWhatChanged:
    def _changes(self, person: Person) -> None:
        from alongside.reviews.services import add_goal
        from alongside.team.services import set_team_choice

        worker = StaffMemberFactory(services=[person.service])
        worker.user.display_name = "Kestrelworker"
        worker.user.save()
        set_team_choice(
            person=person, worker=worker, choice="rather_not", reason="", changed_by=person.user
        )
        add_goal(person=person, words="Privategoalwords", added_by=person.user)

    def test_a_supporter_who_sees_who_looked_reads_no_change_to_a_part_not_shared(self) -> None:
        person = _person_sharing_nothing()
        self._changes(person)
        client = _helper(person, SupporterScope.SEE_WHO_LOOKED, SupporterScope.DOWNLOAD)
        page = client.get(reverse("people:who-looked", args=[person.pk])).content.decode()
        download = json.loads(fetch_download(client, person, "json").content)
        for words in (page, str(download["what_changed"])):
            assert "Privategoalwords" not in words and "Kestrelworker" not in words

    def test_the_person_reads_every_change_to_their_record(self) -> None:
        person = _person_sharing_nothing()
        self._changes(person)
        page = (
            sign_in(Client(), person.user)
            .get(reverse("people:who-looked", args=[person.pk]))
            .content.decode()
        )
        assert "Privategoalwords" in page and "Kestrelworker" in page

    def test_a_supporter_reads_the_changes_to_the_parts_shared_with_them(self) -> None:
        person = _person_sharing_nothing()
        self._changes(person)
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.SEE_WHO_LOOKED])
        share_with(supporter, Part.REVIEWS)
        page = (
            sign_in(Client(), supporter.user)
            .get(reverse("people:who-looked", args=[person.pk]))
            .content.decode()
        )
        assert "Privategoalwords" in page and "Kestrelworker" not in page
