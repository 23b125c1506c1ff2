from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.everyday.models import Feeling, Meeting, MeetingAction
from alongside.organisations.models import StaffMember
from alongside.people.sharing import Part
from tests.conftest import sign_in
from tests.factories import CheckInFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _plan(client: Client, person: Any, on: datetime.date) -> Any:
    return client.post(
        reverse("everyday:meetings", args=[person.pk]),
        {"on": on.isoformat(), "how_often": "fortnightly", "with_whom": "Sam and Priya"},
    )


def _manager_of(person: Any) -> Any:
    return StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[person.service]).user


class TestMeetings:
    def test_the_person_plans_a_meeting_and_adds_an_agenda_item(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        assert _plan(client, person, TODAY()).status_code == 302
        client.post(reverse("everyday:meetings", args=[person.pk]), {"text": "Going swimming"})
        meeting = Meeting.objects.get(person=person)
        assert [i.text for i in meeting.agenda.all()] == ["Going swimming"]
        assert meeting.with_whom == "Sam and Priya"

    def test_a_missing_date_is_refused_with_a_clear_message(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("everyday:meetings", args=[person.pk]),
            {"on": "", "how_often": "weekly", "with_whom": "Sam"},
        )
        assert "Say when the next meeting is." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_the_record_is_pre_filled_with_agenda_open_actions_and_recent_check_ins(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        _plan(client, person, TODAY() - datetime.timedelta(days=20))
        earlier = Meeting.objects.get(person=person)
        MeetingAction.objects.create(
            person=person, meeting=earlier, what="Book the dentist", who="Sam", by_when=TODAY()
        )
        client.post(reverse("everyday:meetings", args=[person.pk]), {"text": "My holiday"})
        CheckInFactory(person=person, feeling=Feeling.LOW, note="Tired")
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]
        ).user
        body = (
            sign_in(Client(), worker)
            .get(reverse("everyday:meeting", args=[person.pk, earlier.pk]))
            .content.decode()
        )
        assert "My holiday" in body
        assert "Book the dentist (Sam," in body
        assert "I feel low. Tired" in body

    def test_check_ins_not_shared_with_the_viewer_are_not_pre_filled(self) -> None:
        person = PersonFactory()
        person.sharing[Part.TODAY] = []
        person.save()
        meeting = Meeting.objects.create(
            person=person, on=TODAY(), how_often="weekly", with_whom="Sam"
        )
        CheckInFactory(person=person, feeling=Feeling.LOW, note="Private tiredness")
        body = (
            sign_in(Client(), _manager_of(person))
            .get(reverse("everyday:meeting", args=[person.pk, meeting.pk]))
            .content.decode()
        )
        assert "Private tiredness" not in body

    def test_recording_a_meeting_plans_the_next_one_at_the_chosen_interval(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        _plan(client, person, TODAY())
        meeting = Meeting.objects.get(person=person)
        response = client.post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {"notes": "We talked about my holiday.", "version": "1"},
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.HELD
        following = Meeting.objects.get(person=person, status=Meeting.Status.PLANNED)
        assert following.on == TODAY() + datetime.timedelta(days=14)

    def test_a_second_saver_of_notes_is_told_and_keeps_their_words(self) -> None:
        person = PersonFactory()
        meeting = Meeting.objects.create(
            person=person, on=TODAY(), how_often="weekly", with_whom="Sam"
        )
        client = sign_in(Client(), person.user)
        url = reverse("everyday:meeting", args=[person.pk, meeting.pk])
        client.post(url, {"notes": "First words", "version": "1"})
        response = client.post(url, {"notes": "Second words", "version": "1"})
        body = response.content.decode()
        assert "Someone else saved these notes" in body and "Second words" in body
        meeting.refresh_from_db()
        assert meeting.notes == "First words"


class TestActions:
    def test_an_action_agreed_at_a_meeting_later_shows_as_late_to_the_manager_and_person(
        self,
    ) -> None:
        person = PersonFactory()
        meeting = Meeting.objects.create(
            person=person,
            on=TODAY() - datetime.timedelta(days=2),
            how_often="weekly",
            with_whom="Sam",
        )
        client = sign_in(Client(), person.user)
        client.post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {
                "add_action": "1",
                "what": "Find a swimming club",
                "owner": "someone-else",
                "who": "Sam",
                "by_when": (TODAY() - datetime.timedelta(days=1)).isoformat(),
            },
        )
        assert MeetingAction.objects.get().what == "Find a swimming club"
        manager_home = (
            sign_in(Client(), _manager_of(person)).get(reverse("web:manager-home")).content.decode()
        )
        assert "Find a swimming club" in manager_home
        person_home = client.get(reverse("web:person-home")).content.decode()
        assert "Late: Find a swimming club" in person_home

    def test_an_action_marked_done_is_no_longer_late(self) -> None:
        person = PersonFactory()
        meeting = Meeting.objects.create(
            person=person, on=TODAY(), how_often="weekly", with_whom="Sam"
        )
        action = MeetingAction.objects.create(
            person=person,
            meeting=meeting,
            what="Call mum",
            who="Josie",
            by_when=TODAY() - datetime.timedelta(days=2),
        )
        client = sign_in(Client(), person.user)
        client.post(reverse("everyday:meetings", args=[person.pk]), {"done_action": action.pk})
        action.refresh_from_db()
        assert action.status == MeetingAction.Status.DONE
        assert "Call mum" not in (
            sign_in(Client(), _manager_of(person)).get(reverse("web:manager-home")).content.decode()
        )

    def test_the_manager_home_does_not_list_late_actions_from_other_services(self) -> None:
        person, elsewhere = PersonFactory(), PersonFactory()
        meeting = Meeting.objects.create(
            person=elsewhere, on=TODAY(), how_often="weekly", with_whom="Sam"
        )
        MeetingAction.objects.create(
            person=elsewhere,
            meeting=meeting,
            what="Secret elsewhere",
            who="Sam",
            by_when=TODAY() - datetime.timedelta(days=2),
        )
        body = (
            sign_in(Client(), _manager_of(person)).get(reverse("web:manager-home")).content.decode()
        )
        assert "Secret elsewhere" not in body

    @pytest.mark.parametrize("done_action", ["not-a-number", "", "١٢", "99999999999999999999"])
    def test_an_unknown_done_action_gets_a_plain_message_and_changes_nothing(
        self, done_action: str
    ) -> None:
        person = PersonFactory()
        meeting = Meeting.objects.create(
            person=person, on=TODAY(), how_often="weekly", with_whom="Sam"
        )
        action = MeetingAction.objects.create(
            person=person, meeting=meeting, what="Call mum", who="Josie", by_when=TODAY()
        )
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("everyday:meetings", args=[person.pk]), {"done_action": done_action}
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "We could not tell which action you meant." in page
        assert "Nothing has been changed." in page
        action.refresh_from_db()
        assert action.status == MeetingAction.Status.OPEN


class TestActionsDueAfterTheirMeeting:
    def test_an_action_due_before_its_meeting_is_refused_and_nothing_is_saved(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        on = TODAY() + datetime.timedelta(days=10)
        _plan(client, person, on)
        meeting = Meeting.objects.get(person=person)
        response = client.post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {
                "add_action": "1",
                "what": "Ring the pool",
                "owner": "someone-else",
                "who": "Sam",
                "by_when": (on - datetime.timedelta(days=1)).isoformat(),
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert (
            "The day it is done by cannot be before the meeting it was agreed at, on "
            f"{on:%-d %B %Y}." in body
        )
        assert "<title>Error: " in body
        assert not MeetingAction.objects.exists()

    def test_an_action_due_on_the_day_of_its_meeting_is_agreed(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        _plan(client, person, TODAY())
        meeting = Meeting.objects.get(person=person)
        response = client.post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {
                "add_action": "1",
                "what": "Ring the pool",
                "owner": "someone-else",
                "who": "Sam",
                "by_when": TODAY(),
            },
        )
        assert response.status_code == 302
        assert list(MeetingAction.objects.values_list("what", "by_when")) == [
            ("Ring the pool", TODAY())
        ]


class TestHowOften:
    def test_the_person_changes_how_often_they_meet_while_a_meeting_is_planned(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        _plan(client, person, TODAY())
        page = client.get(reverse("everyday:meetings", args=[person.pk])).content.decode()
        assert "Save how often we meet" in page
        response = client.post(
            reverse("everyday:meetings", args=[person.pk]),
            {"change_how_often": "1", "how_often": "weekly"},
        )
        assert response.status_code == 302
        meeting = Meeting.objects.get(person=person)
        assert (meeting.how_often, meeting.on) == ("weekly", TODAY())
        assert not meeting.agenda.exists()
        # The next meeting after this one is planned at the new interval.
        client.post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {"notes": "We talked.", "version": "1"},
        )
        following = Meeting.objects.get(person=person, status=Meeting.Status.PLANNED)
        assert following.on == TODAY() + datetime.timedelta(days=7)
        page = client.get(reverse("everyday:meetings", args=[person.pk])).content.decode()
        assert "Every week." in page

    def test_an_unknown_interval_is_refused_with_a_clear_message_and_nothing_changes(
        self,
    ) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        _plan(client, person, TODAY())
        response = client.post(
            reverse("everyday:meetings", args=[person.pk]),
            {"change_how_often": "1", "how_often": "hourly"},
        )
        assert response.status_code == 200
        assert "Choose how often you want to meet." in response.content.decode()
        assert Meeting.objects.get(person=person).how_often == "fortnightly"
        assert not Meeting.objects.get(person=person).agenda.exists()
