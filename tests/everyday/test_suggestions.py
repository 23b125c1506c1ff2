from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.audit.models import RecordChange, SecurityEvent
from alongside.everyday.models import Suggestion, SuggestionStatus
from alongside.everyday.selectors import response_times
from alongside.everyday.services import respond_to_suggestion
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import PersonFactory, ServiceFactory, StaffMemberFactory, SupporterFactory

pytestmark = pytest.mark.django_db


def _suggest(client: Client, service: Any, anonymous: str, text: str = "A vegetable garden") -> Any:
    return client.post(
        reverse("everyday:suggest"),
        {"service": str(service.pk), "text": text, "anonymous": anonymous},
    )


def _manager_of(service: Any) -> Any:
    return StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[service]).user


def _answer(client: Client, suggestion: Suggestion, status: str, response: str = "") -> Any:
    suggestion.refresh_from_db()
    return client.post(
        reverse("everyday:suggestion", args=[suggestion.pk]),
        {"status": status, "response": response, "version": str(suggestion.version)},
    )


class TestAnonymousSuggestions:
    def test_an_anonymous_suggestion_stores_no_identity_anywhere(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)  # signing in is a security event of its own
        events_before = SecurityEvent.objects.count()
        changes_before = RecordChange.objects.count()
        response = _suggest(client, person.service, anonymous="yes")
        assert response.status_code == 302
        suggestion = Suggestion.objects.get()
        assert suggestion.anonymous and suggestion.suggested_by_id is None
        history = list(suggestion.history.all())
        assert history and all(h.history_user_id is None for h in history)
        assert all(h.suggested_by_id is None for h in history)
        assert RecordChange.objects.count() == changes_before
        assert SecurityEvent.objects.count() == events_before

    def test_a_named_suggestion_keeps_who_made_it(self) -> None:
        person = PersonFactory()
        _suggest(sign_in(Client(), person.user), person.service, anonymous="no")
        suggestion = Suggestion.objects.get()
        assert suggestion.suggested_by == person.user
        assert suggestion.history.get().history_user == person.user

    def test_a_supporter_and_a_worker_may_suggest_to_the_service_they_are_connected_to(
        self,
    ) -> None:
        person = PersonFactory()
        supporter = SupporterFactory(person=person, scopes=[])
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]
        ).user
        for user in (supporter.user, worker):
            assert _suggest(sign_in(Client(), user), person.service, "no").status_code == 302
        assert Suggestion.objects.filter(service=person.service).count() == 2

    def test_nobody_may_suggest_to_a_service_they_are_not_connected_to(self) -> None:
        person = PersonFactory()
        elsewhere = ServiceFactory()
        response = _suggest(sign_in(Client(), person.user), elsewhere, "no")
        assert response.status_code == 200
        assert not Suggestion.objects.exists()

    def test_an_empty_idea_is_refused_with_a_clear_message(self) -> None:
        person = PersonFactory()
        response = _suggest(sign_in(Client(), person.user), person.service, "no", text="  ")
        assert "Write your idea." in response.content.decode()
        assert not Suggestion.objects.exists()


class TestAnswering:
    def test_not_doing_it_without_a_reason_is_refused_with_a_clear_message(self) -> None:
        suggestion = Suggestion.objects.create(service=ServiceFactory(), text="A pool")
        client = sign_in(Client(), _manager_of(suggestion.service))
        response = _answer(client, suggestion, SuggestionStatus.NOT_DOING, "")
        assert response.status_code == 200
        assert "Say why we are not doing it." in response.content.decode()
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.RECEIVED
        assert suggestion.first_response_at is None

    def test_times_to_first_response_and_to_outcome_are_stored(self) -> None:
        suggestion = Suggestion.objects.create(service=ServiceFactory(), text="Movie nights")
        client = sign_in(Client(), _manager_of(suggestion.service))
        _answer(client, suggestion, SuggestionStatus.LOOKING, "We will ask everyone.")
        suggestion.refresh_from_db()
        assert suggestion.first_response_at is not None and suggestion.outcome_at is None
        _answer(client, suggestion, SuggestionStatus.DOING, "Fridays from next week.")
        _answer(client, suggestion, SuggestionStatus.DONE, "Every Friday now.")
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.DONE
        assert suggestion.outcome_at is not None
        assert suggestion.days_to_first_response == 0 and suggestion.days_to_outcome == 0

    def test_an_answer_dated_before_the_idea_came_in_is_refused_and_changes_nothing(
        self, clock: Any
    ) -> None:
        clock.move_to(datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC))
        suggestion = Suggestion.objects.create(service=ServiceFactory(), text="A pool")
        with pytest.raises(ValidationError) as refused:
            respond_to_suggestion(
                suggestion=suggestion,
                responded_by=_manager_of(suggestion.service),
                expected_version=suggestion.version,
                status=SuggestionStatus.LOOKING,
                response="We will look.",
                answered_at=suggestion.received_at - datetime.timedelta(days=2),
            )
        assert refused.value.messages == [
            "The answer cannot be dated before the idea came in, on 20 November 2026 at 09:30."
        ]
        # Nothing changed, in the database or on the object the caller holds.
        assert (suggestion.status, suggestion.response) == (SuggestionStatus.RECEIVED, "")
        assert suggestion.first_response_at is None
        suggestion.refresh_from_db()
        assert (suggestion.status, suggestion.response, suggestion.version) == (
            SuggestionStatus.RECEIVED,
            "",
            1,
        )
        assert suggestion.first_response_at is None

    def test_an_answer_given_earlier_keeps_the_day_it_was_given(self, clock: Any) -> None:
        clock.move_to(datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))
        suggestion = Suggestion.objects.create(service=ServiceFactory(), text="A pool")
        clock.move_to(datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC))
        answered = datetime.datetime(2026, 11, 4, 10, 0, tzinfo=datetime.UTC)
        respond_to_suggestion(
            suggestion=suggestion,
            responded_by=_manager_of(suggestion.service),
            expected_version=suggestion.version,
            status=SuggestionStatus.NOT_DOING,
            response="It costs too much.",
            answered_at=answered,
        )
        suggestion.refresh_from_db()
        assert suggestion.first_response_at == answered == suggestion.outcome_at
        assert suggestion.days_to_first_response == 3

    def test_a_suggestion_cannot_go_back_once_decided(self) -> None:
        suggestion = Suggestion.objects.create(
            service=ServiceFactory(), text="A pool", status=SuggestionStatus.DOING
        )
        client = sign_in(Client(), _manager_of(suggestion.service))
        response = _answer(client, suggestion, SuggestionStatus.RECEIVED)
        assert response.status_code == 200
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.DOING

    def test_a_manager_of_another_service_cannot_answer(self) -> None:
        suggestion = Suggestion.objects.create(service=ServiceFactory(), text="A pool")
        client = sign_in(Client(), _manager_of(ServiceFactory()))
        assert _answer(client, suggestion, SuggestionStatus.LOOKING).status_code == 404

    def test_the_manager_home_lists_suggestions_to_answer(self) -> None:
        suggestion = Suggestion.objects.create(service=ServiceFactory(), text="Board game club")
        body = (
            sign_in(Client(), _manager_of(suggestion.service))
            .get(reverse("web:manager-home"))
            .content.decode()
        )
        assert "Board game club" in body
        assert reverse("everyday:suggestion", args=[suggestion.pk]) in body


class TestYouSaidWeDid:
    def test_an_anonymous_idea_answered_doing_it_appears_without_a_name(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        _suggest(client, person.service, anonymous="yes", text="Pizza night")
        suggestion = Suggestion.objects.get()
        _answer(
            sign_in(Client(), _manager_of(person.service)),
            suggestion,
            SuggestionStatus.DOING,
            "Pizza on Saturdays.",
        )
        body = client.get(
            reverse("everyday:you-said-we-did", args=[person.service.pk])
        ).content.decode()
        assert "Pizza night" in body and "Pizza on Saturdays." in body
        assert "We are doing it" in body
        assert person.user.display_name not in body

    def test_ideas_not_yet_answered_are_not_listed(self) -> None:
        person = PersonFactory()
        Suggestion.objects.create(service=person.service, text="Not answered yet")
        body = (
            sign_in(Client(), person.user)
            .get(reverse("everyday:you-said-we-did", args=[person.service.pk]))
            .content.decode()
        )
        assert "Not answered yet" not in body


class TestResponseTimes:
    def test_times_to_answer_are_shown_by_service_for_the_quality_leads_organisation(
        self, django_assert_max_num_queries: Any
    ) -> None:
        import datetime

        from django.utils import timezone

        service = ServiceFactory(name="Willow House")
        elsewhere = ServiceFactory(name="Not ours")
        lead = StaffMemberFactory(
            role=StaffMember.Role.QUALITY_LEAD, organisation=service.organisation
        ).user
        received = Suggestion.objects.create(service=service, text="A")
        Suggestion.objects.filter(pk=received.pk).update(
            received_at=timezone.now() - datetime.timedelta(days=4),
            first_response_at=timezone.now() - datetime.timedelta(days=2),
        )
        client = sign_in(Client(), lead)
        with django_assert_max_num_queries(15):
            body = client.get(reverse("everyday:response-times")).content.decode()
        assert "Willow House" in body and "2.0" in body
        assert elsewhere.organisation != service.organisation
        assert "Not ours" not in body


MOMENTS = st.datetimes(
    min_value=datetime.datetime(2020, 1, 1),
    max_value=datetime.datetime(2030, 12, 31),
    timezones=st.just(datetime.UTC),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(MOMENTS, st.none() | MOMENTS, st.none() | MOMENTS), min_size=1, max_size=5)
)
def test_response_times_are_never_negative(
    ideas: list[tuple[datetime.datetime, datetime.datetime | None, datetime.datetime | None]],
) -> None:
    """Whatever the stored dates, even an answer dated before its idea (old rows), the days
    to a first answer and to an outcome are never below zero."""
    service = ServiceFactory()
    for received, first, outcome in ideas:
        made = Suggestion.objects.create(service=service, text="An idea")
        # Set straight on the rows: received_at is stamped "now" on create.
        Suggestion.objects.filter(pk=made.pk).update(
            received_at=received, first_response_at=first, outcome_at=outcome
        )
    (row,) = response_times(services=[service])
    assert row.ideas == len(ideas)
    assert row.answered == sum(1 for _, first, _ in ideas if first is not None)
    for average, ends in (
        (row.average_days_to_first_response, [(r, first) for r, first, _ in ideas]),
        (row.average_days_to_outcome, [(r, outcome) for r, _, outcome in ideas]),
    ):
        waits = [(end - r).total_seconds() / 86400 for r, end in ends if end and end >= r]
        if waits:
            assert average is not None and average >= 0
            assert average == pytest.approx(sum(waits) / len(waits), abs=0.05)
        else:
            assert average is None


def test_an_answer_dated_before_its_idea_is_left_out_of_the_average(clock: Any) -> None:
    clock.move_to(datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC))
    service = ServiceFactory()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    for received, first in [(now - 6 * day, now - 2 * day), (now - day, now - 3 * day)]:
        made = Suggestion.objects.create(service=service, text="An idea")
        Suggestion.objects.filter(pk=made.pk).update(received_at=received, first_response_at=first)
    (row,) = response_times(services=[service])
    assert (row.ideas, row.answered, row.average_days_to_first_response) == (2, 2, 4.0)
