"""The person's meetings are a part of their record they share (issue 17): the team and the
manager join them only while the person shares them, a supporter only with "help me write"
and the meetings shared with them by name, and the council never."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.urls import reverse

from alongside.everyday import services as everyday_services
from alongside.everyday.models import AgendaItem, Meeting, MeetingAction
from alongside.everyday.notifications import late_actions
from alongside.notifications.models import Notification
from alongside.organisations.models import Organisation, StaffMember
from alongside.people.models import Person
from alongside.people.sharing import Audience, Part, SupporterScope, supporter_audience
from tests.conftest import sign_in
from tests.factories import (
    CouncilWorkerFactory,
    PersonFactory,
    StaffMemberFactory,
    SupporterFactory,
    share_with,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
AGENDA = "Going to the wedding in May"
ACTION = "Ring the dentist about my tooth"
NOTES = "We talked about the garden and the bus pass"


@pytest.fixture(autouse=True)
def _a_fixed_day() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _with_meetings(person: Person) -> tuple[Meeting, Meeting]:
    """A planned meeting with an agenda item, and a held one with notes and a late action."""
    planned = Meeting.objects.create(
        person=person, on=dt.date(2026, 12, 7), how_often="fortnightly", with_whom="Sam"
    )
    everyday_services.add_agenda_item(meeting=planned, added_by=person.user, text=AGENDA)
    held = Meeting.objects.create(
        person=person,
        on=dt.date(2026, 11, 16),
        how_often="fortnightly",
        with_whom="Sam",
        status=Meeting.Status.HELD,
        notes=NOTES,
    )
    everyday_services.add_meeting_action(
        meeting=held, added_by=person.user, what=ACTION, who="Sam", by_when=dt.date(2026, 11, 20)
    )
    return planned, held


def _staff(person: Person, role: str) -> Any:
    return StaffMemberFactory(role=role, services=[person.service]).user


def _stop_sharing_meetings_with(person: Person, audience: str) -> None:
    """The person unticks one audience for their meetings on their sharing page."""
    choices = {part: list(person.sharing.get(part, [])) for part in Part.values}
    choices[Part.MEETINGS] = [a for a in choices[Part.MEETINGS] if a != audience]
    response = sign_in(Client(), person.user).post(
        reverse("people:sharing", args=[person.pk]), {"version": person.version, **choices}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert audience not in person.sharing[Part.MEETINGS]


def _meeting_words(body: str) -> set[str]:
    return {words for words in (AGENDA, ACTION, NOTES) if words in body}


class TestTheTeam:
    def test_a_worker_at_the_service_joins_the_meetings_the_person_shares_with_the_team(
        self,
    ) -> None:
        person = PersonFactory()
        planned, _ = _with_meetings(person)
        worker = sign_in(Client(), _staff(person, StaffMember.Role.SUPPORT_WORKER))
        body = worker.get(reverse("everyday:meetings", args=[person.pk])).content.decode()
        assert _meeting_words(body) == {AGENDA, ACTION}
        meeting_page = worker.get(reverse("everyday:meeting", args=[person.pk, planned.pk]))
        assert AGENDA in meeting_page.content.decode()

    def test_a_worker_cannot_open_or_write_the_meetings_once_the_team_is_unticked(self) -> None:
        person = PersonFactory()
        planned, held = _with_meetings(person)
        worker = sign_in(Client(), _staff(person, StaffMember.Role.SUPPORT_WORKER))
        _stop_sharing_meetings_with(person, Audience.TEAM)

        meetings = reverse("everyday:meetings", args=[person.pk])
        meeting = reverse("everyday:meeting", args=[person.pk, planned.pk])
        assert worker.get(meetings).status_code == 404
        assert worker.get(meeting).status_code == 404
        assert worker.post(meetings, {"text": "Something of mine"}).status_code == 404
        assert worker.post(meetings, {"done_action": held.actions.get().pk}).status_code == 404
        notes = {"notes": "Mine", "version": planned.version}
        assert worker.post(meeting, notes).status_code == 404
        assert list(AgendaItem.objects.values_list("text", flat=True)) == [AGENDA]
        assert MeetingAction.objects.get().status == MeetingAction.Status.OPEN
        planned.refresh_from_db()
        assert planned.notes == ""

        # Nor do the meetings' words show on any page the worker still opens.
        for url in [
            reverse("people:record", args=[person.pk]),
            reverse("web:worker-home"),
            reverse("everyday:handover"),
            reverse("everyday:notifications"),
            reverse("everyday:check-in", args=[person.pk]),
        ]:
            response = worker.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert _meeting_words(body) == set(), url
            assert meetings not in body, url


class TestTheManager:
    def test_the_manager_home_lists_a_late_action_only_while_meetings_are_shared_with_them(
        self,
    ) -> None:
        person = PersonFactory()
        _with_meetings(person)
        manager = sign_in(Client(), _staff(person, StaffMember.Role.SERVICE_MANAGER))
        home = reverse("web:manager-home")
        assert ACTION in manager.get(home).content.decode()

        _stop_sharing_meetings_with(person, Audience.MANAGER)
        body = manager.get(home).content.decode()
        assert _meeting_words(body) == set()
        assert "No actions are late." in body
        assert manager.get(reverse("everyday:meetings", args=[person.pk])).status_code == 404

    def test_a_manager_the_meetings_are_not_shared_with_is_not_told_of_a_late_action(
        self,
    ) -> None:
        person = PersonFactory()
        _with_meetings(person)
        manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
        _stop_sharing_meetings_with(person, Audience.MANAGER)

        assert late_actions(today=TODAY) == 0
        assert not Notification.objects.filter(user=manager).exists()

        # Shared again: told then, once.
        person.sharing[Part.MEETINGS] = [Audience.MANAGER]
        person.save()
        assert late_actions(today=TODAY) == 1
        assert list(Notification.objects.filter(user=manager).values_list("text", flat=True)) == [
            f"An action for {person.preferred_name} is late: {ACTION}"
        ]


class TestSupporters:
    def test_a_supporter_who_helps_write_joins_only_when_meetings_are_shared_by_name(
        self,
    ) -> None:
        person = PersonFactory()
        _with_meetings(person)
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        client = sign_in(Client(), supporter.user)
        meetings = reverse("everyday:meetings", args=[person.pk])
        assert client.get(meetings).status_code == 404
        assert client.post(meetings, {"text": "From me"}).status_code == 404
        assert list(AgendaItem.objects.values_list("text", flat=True)) == [AGENDA]

        share_with(supporter, Part.MEETINGS)
        body = client.get(meetings).content.decode()
        assert _meeting_words(body) == {AGENDA, ACTION}
        client.post(meetings, {"text": "From me"})
        assert sorted(AgendaItem.objects.values_list("text", flat=True)) == ["From me", AGENDA]

    def test_a_supporter_the_meetings_are_shared_with_but_who_does_not_help_write_cannot_join(
        self,
    ) -> None:
        person = PersonFactory()
        _with_meetings(person)
        supporter = share_with(
            SupporterFactory(person=person, scopes=[SupporterScope.SEE_WHO_LOOKED]),
            Part.MEETINGS,
        )
        client = sign_in(Client(), supporter.user)
        assert client.get(reverse("everyday:meetings", args=[person.pk])).status_code == 404
        # "What changed" holds an agenda item's words: not for them either.
        who_looked = client.get(reverse("people:who-looked", args=[person.pk])).content.decode()
        assert _meeting_words(who_looked) == set()


class TestTheSharingPage:
    def test_the_sharing_page_asks_who_can_see_my_meetings_in_plain_words(self) -> None:
        person = PersonFactory()
        body = (
            sign_in(Client(), person.user)
            .get(reverse("people:sharing", args=[person.pk]))
            .content.decode()
        )
        assert "Who can see “My meetings”?" in body
        assert "The people you tick can see them and add to them." in body
        # The council joins no meetings: it is not offered for them.
        assert 'name="meetings" type="checkbox" value="team"' in body
        assert 'name="meetings" type="checkbox" value="council"' not in body

    def test_sharing_meetings_with_the_council_is_refused_and_nothing_changes(self) -> None:
        person = PersonFactory()
        before = dict(person.sharing)
        choices = {part: list(person.sharing[part]) for part in Part.values}
        choices[Part.MEETINGS] = [Audience.COUNCIL]
        response = sign_in(Client(), person.user).post(
            reverse("people:sharing", args=[person.pk]), {"version": person.version, **choices}
        )
        assert response.status_code == 200
        assert "Choose from the list" in response.content.decode()
        person.refresh_from_db()
        assert person.sharing == before

    def test_a_council_worker_never_joins_the_meetings(self) -> None:
        person = PersonFactory()
        _with_meetings(person)
        person.sharing[Part.MEETINGS] = [Audience.COUNCIL]
        person.save()
        council = Organisation.objects.get(pk=person.council_id)
        client = sign_in(Client(), CouncilWorkerFactory(council=council).user)
        assert client.get(reverse("everyday:meetings", args=[person.pk])).status_code == 404


class TestUpgrading:
    def test_people_recorded_before_meetings_were_shared_get_the_default_and_keep_choices(
        self,
    ) -> None:
        migration = importlib.import_module("alongside.people.migrations.0004_meetings_part")
        before_upgrade = PersonFactory()
        chose_already = PersonFactory()
        supporter = SupporterFactory(person=chose_already)
        without = {p: a for p, a in before_upgrade.sharing.items() if p != Part.MEETINGS}
        Person.objects.filter(pk=before_upgrade.pk).update(sharing=without)
        Person.objects.filter(pk=chose_already.pk).update(
            sharing={**chose_already.sharing, "meetings": [supporter_audience(supporter.pk)]}
        )

        migration.share_meetings_as_by_default(apps, None)

        before_upgrade.refresh_from_db()
        chose_already.refresh_from_db()
        assert before_upgrade.sharing == {**without, "meetings": ["team", "manager"]}
        assert chose_already.sharing["meetings"] == [supporter_audience(supporter.pk)]
        # Nobody loses access on upgrade: the team still joins the meetings.
        worker = _staff(before_upgrade, StaffMember.Role.SUPPORT_WORKER)
        assert worker.has_perm("everyday.see_meetings", before_upgrade)
