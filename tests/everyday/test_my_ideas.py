""" "My ideas": the ideas someone gave with their name, newest first, with where each one is
and what the manager said; and a message when a named idea is answered. An idea given
without a name tells nobody anything about who gave it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alongside.everyday.models import Suggestion, SuggestionStatus
from alongside.everyday.services import make_suggestion, respond_to_suggestion
from alongside.notifications.kinds import Kind
from alongside.notifications.models import Notification
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory, SupporterFactory

pytestmark = pytest.mark.django_db


def _manager_of(service: Any) -> Any:
    return StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[service]).user


def _answer(suggestion: Suggestion, by: Any, status: str, response: str = "") -> Suggestion:
    suggestion.refresh_from_db()
    return respond_to_suggestion(
        suggestion=suggestion,
        responded_by=by,
        expected_version=suggestion.version,
        status=status,
        response=response,
    )


def _cards(page: str) -> list[str]:
    return page.split('data-testid="my-idea"')[1:]


class TestMyIdeas:
    def test_it_shows_each_named_idea_newest_first_with_its_status_and_answer(
        self, clock: Any
    ) -> None:
        person = PersonFactory(service__name="Willow House")
        manager = _manager_of(person.service)
        older = make_suggestion(
            service=person.service, suggested_by=person.user, text="A garden", anonymous=False
        )
        clock.shift(datetime.timedelta(days=1))
        newer = make_suggestion(
            service=person.service, suggested_by=person.user, text="Film nights", anonymous=False
        )
        _answer(older, manager, SuggestionStatus.DOING, "We are buying seeds this week.")
        page = sign_in(Client(), person.user).get(reverse("everyday:my-ideas")).content.decode()
        cards = _cards(page)
        assert len(cards) == 2
        assert "Film nights" in cards[0] and "We have got it." in cards[0]
        assert "The manager has not written an answer yet." in cards[0]
        assert "A garden" in cards[1] and "We are doing it." in cards[1]
        assert "We are buying seeds this week." in cards[1]
        assert "Your idea for Willow House" in cards[1]
        assert newer.pk != older.pk

    def test_only_the_readers_own_named_ideas_are_there(self) -> None:
        person = PersonFactory()
        other = PersonFactory(service=person.service)
        make_suggestion(
            service=person.service, suggested_by=person.user, text="Mine, named", anonymous=False
        )
        make_suggestion(
            service=person.service, suggested_by=person.user, text="Mine, no name", anonymous=True
        )
        make_suggestion(
            service=person.service, suggested_by=other.user, text="Not mine", anonymous=False
        )
        page = sign_in(Client(), person.user).get(reverse("everyday:my-ideas")).content.decode()
        assert "Mine, named" in page
        assert "Mine, no name" not in page
        assert "Not mine" not in page
        assert len(_cards(page)) == 1

    def test_a_supporter_sees_the_ideas_they_gave_not_the_persons(self) -> None:
        person = PersonFactory()
        mum = SupporterFactory(person=person).user
        make_suggestion(
            service=person.service, suggested_by=mum, text="A quiet room", anonymous=False
        )
        make_suggestion(
            service=person.service, suggested_by=person.user, text="Pizza", anonymous=False
        )
        page = sign_in(Client(), mum).get(reverse("everyday:my-ideas")).content.decode()
        assert "A quiet room" in page and "Pizza" not in page

    def test_it_is_paged(self) -> None:
        person = PersonFactory()
        for n in range(21):
            make_suggestion(
                service=person.service,
                suggested_by=person.user,
                text=f"Idea number {n}",
                anonymous=False,
            )
        client = sign_in(Client(), person.user)
        first = client.get(reverse("everyday:my-ideas")).content.decode()
        assert len(_cards(first)) == 20 and "Page 1 of 2" in first
        second = client.get(reverse("everyday:my-ideas"), {"page": 2}).content.decode()
        assert len(_cards(second)) == 1 and "Idea number 0" in second

    def test_it_is_linked_from_the_persons_home(self) -> None:
        person = PersonFactory()
        home = sign_in(Client(), person.user).get(reverse("web:person-home")).content.decode()
        assert f'href="{reverse("everyday:my-ideas")}"' in home


class TestTheMessageWhenAnIdeaIsAnswered:
    def test_the_one_who_gave_a_named_idea_is_told_by_email_with_a_link_that_works(
        self, settings: Any
    ) -> None:
        person = PersonFactory(service__name="Willow House")
        manager = _manager_of(person.service)
        idea = make_suggestion(
            service=person.service, suggested_by=person.user, text="A garden", anonymous=False
        )
        mail.outbox.clear()  # the manager was told about the new idea
        _answer(idea, manager, SuggestionStatus.NOT_DOING, "There is no room for one.")
        note = Notification.objects.get(user=person.user)
        assert note.kind == Kind.IDEA_ANSWERED
        assert note.text == "Your idea for Willow House has an answer: We are not doing it."
        (email,) = mail.outbox
        assert email.to == [person.user.email]
        assert email.subject == "Alongside: There is an answer to your idea."
        link = f"{settings.SITE_URL}{reverse('everyday:my-ideas')}"
        assert link in email.body
        client = sign_in(Client(), person.user)
        mine = client.get(reverse("everyday:my-ideas")).content.decode()
        assert "There is no room for one." in mine
        messages_page = client.get(reverse("everyday:notifications")).content.decode()
        assert "Your idea for Willow House has an answer" in messages_page

    def test_an_anonymous_idea_answered_tells_nobody_and_says_nothing_of_who_gave_it(
        self,
    ) -> None:
        person = PersonFactory(preferred_name="Josie")
        manager = _manager_of(person.service)
        idea = make_suggestion(
            service=person.service, suggested_by=person.user, text="A garden", anonymous=True
        )
        before = set(Notification.objects.values_list("pk", flat=True))
        mail.outbox.clear()
        _answer(idea, manager, SuggestionStatus.DOING, "Seeds are coming.")
        assert not Notification.objects.exclude(pk__in=before).exists()
        assert not mail.outbox
        assert not Notification.objects.filter(user=person.user).exists()
        assert not any("Josie" in n.text for n in Notification.objects.all())

    def test_saving_the_same_answer_again_tells_nobody_twice(self) -> None:
        person = PersonFactory()
        manager = _manager_of(person.service)
        idea = make_suggestion(
            service=person.service, suggested_by=person.user, text="A garden", anonymous=False
        )
        _answer(idea, manager, SuggestionStatus.LOOKING, "We will ask the landlord.")
        _answer(idea, manager, SuggestionStatus.LOOKING, "We will ask the landlord.")
        assert Notification.objects.filter(user=person.user).count() == 1
