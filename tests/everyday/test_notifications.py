from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.everyday.models import Meeting, MeetingAction
from alongside.notifications.models import Notification
from alongside.notifications.services import choose_email_kinds
from alongside.organisations.models import StaffMember
from alongside.people.models import Person
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def _staff(person: Person, role: str) -> User:
    return StaffMemberFactory(role=role, services=[person.service]).user


def _bad_day(client: Client, person: Person, alert: str) -> None:
    client.post(
        reverse("everyday:check-in", args=[person.pk]),
        {"feeling": "1", "note": "", "alert_team": alert, "version": "0"},
    )


class TestMessages:
    def test_a_bad_day_the_person_chose_to_share_tells_the_workers_in_app_and_by_email(
        self,
    ) -> None:
        person = PersonFactory(preferred_name="Josie")
        worker = _staff(person, StaffMember.Role.SUPPORT_WORKER)
        # How someone feels goes to an inbox only once the worker chooses it.
        choose_email_kinds(user=worker, by_email=["bad_day"], kinds=["bad_day"])
        _bad_day(sign_in(Client(), person.user), person, alert="yes")
        assert Notification.objects.get(user=worker).text == (
            "Josie said “I am having a bad day” and asked the team to know."
        )
        assert [m.to for m in mail.outbox] == [[worker.email]]
        page = sign_in(Client(), worker).get(reverse("everyday:notifications"))
        assert "Josie said “I am having a bad day”" in page.content.decode()

    def test_no_alert_when_the_person_says_no_or_does_not_share_today_with_the_team(
        self,
    ) -> None:
        person = PersonFactory()
        _staff(person, StaffMember.Role.SUPPORT_WORKER)
        _bad_day(sign_in(Client(), person.user), person, alert="no")
        other = PersonFactory()
        other.sharing[Part.TODAY] = [Audience.MANAGER]
        other.save()
        _staff(other, StaffMember.Role.SUPPORT_WORKER)
        _bad_day(sign_in(Client(), other.user), other, alert="yes")
        assert not Notification.objects.exists() and not mail.outbox

    def test_the_manager_is_asked_to_answer_an_anonymous_idea_without_a_name(self) -> None:
        person = PersonFactory()
        manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
        sign_in(Client(), person.user).post(
            reverse("everyday:suggest"),
            {"service": str(person.service.pk), "text": "Pizza night", "anonymous": "yes"},
        )
        note = Notification.objects.get(user=manager)
        assert note.kind == Notification.Kind.SUGGESTION
        everything = note.text + note.link + mail.outbox[0].body + mail.outbox[0].subject
        assert person.user.display_name not in everything
        assert person.preferred_name not in everything
        assert Notification.objects.filter(user=person.user).count() == 0

    def test_managers_are_told_about_actions_that_became_late(self) -> None:
        person = PersonFactory()
        manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
        meeting = Meeting.objects.create(
            person=person, on=timezone.localdate(), how_often="weekly", with_whom="Sam"
        )
        MeetingAction.objects.create(
            person=person,
            meeting=meeting,
            what="Book the dentist",
            who="Sam",
            by_when=timezone.localdate() - datetime.timedelta(days=1),
        )
        call_command("notify_late_actions", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert "Book the dentist" in Notification.objects.get(user=manager).text

    def test_nobody_sees_anyone_elses_messages(self) -> None:
        person = PersonFactory()
        Notification.objects.create(user=person.user, kind="bad_day", text="Only for me")
        other = PersonFactory()
        body = sign_in(Client(), other.user).get(reverse("everyday:notifications")).content
        assert b"Only for me" not in body


class TestLateActionsAreToldOnce:
    def test_running_the_daily_job_twice_or_after_a_missed_day_tells_each_late_action_once(
        self,
    ) -> None:
        from alongside.everyday.notifications import late_actions

        person = PersonFactory()
        manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
        meeting = Meeting.objects.create(
            person=person, on=timezone.localdate(), how_often="weekly", with_whom="Sam"
        )
        today = timezone.localdate()
        for what, days_late in (("Three days late", 3), ("Due today", 0)):
            MeetingAction.objects.create(
                person=person,
                meeting=meeting,
                what=what,
                who="Sam",
                by_when=today - datetime.timedelta(days=days_late),
            )
        assert late_actions(today=today) == 1
        assert late_actions(today=today) == 0
        texts = list(Notification.objects.filter(user=manager).values_list("text", flat=True))
        assert len(texts) == 1 and "Three days late" in texts[0]


class TestChangeRequests:
    def _setting(self) -> tuple[Person, StaffMember, User]:
        person = PersonFactory(preferred_name="Josie")
        worker = StaffMemberFactory(services=[person.service])
        manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
        return person, worker, manager

    def test_the_managers_are_told_when_the_person_asks_for_a_change_without_the_workers_name(
        self,
    ) -> None:
        from alongside.team import services as team_services

        person, worker, manager = self._setting()
        other_worker = _staff(person, StaffMember.Role.SUPPORT_WORKER)
        request = team_services.ask_for_change(
            person=person, worker=worker, my_words="", asked_by=person.user
        )
        note = Notification.objects.get(user=manager)
        assert note.kind == Notification.Kind.CHANGE_REQUEST
        assert note.text.startswith("Josie asked for a change to their team.")
        assert worker.user.display_name not in note.text
        assert note.link == reverse("team:change-request", args=[request.pk])
        assert not Notification.objects.filter(user__in=[worker.user, other_worker]).exists()
        assert [m.to for m in mail.outbox] == [[manager.email]]

    def test_the_person_and_the_supporter_who_asked_are_told_when_the_status_changes(
        self,
    ) -> None:
        from alongside.people.sharing import Part, SupporterScope
        from alongside.team import services as team_services
        from alongside.team.models import ChangeRequest
        from tests.factories import SupporterFactory, share_with

        person, worker, manager = self._setting()
        brother = share_with(
            SupporterFactory(person=person, scopes=[SupporterScope.ASK_FOR_CHANGE]), Part.MY_TEAM
        ).user
        person.refresh_from_db()
        request = team_services.ask_for_change(
            person=person, worker=worker, my_words="", asked_by=brother
        )
        Notification.objects.all().delete()
        team_services.update_change_request(
            request=request,
            status=ChangeRequest.Status.BEING_ARRANGED,
            could_not_reason="",
            changed_by=manager,
        )
        assert Notification.objects.get(user=person.user).text == (
            "Your request for a change to the team: being arranged."
        )
        assert Notification.objects.get(user=brother).text == (
            "Josie's request for a change to the team: being arranged."
        )
        # Saving without a new status tells nobody again.
        team_services.update_change_request(
            request=request,
            status=ChangeRequest.Status.BEING_ARRANGED,
            could_not_reason="",
            changed_by=manager,
        )
        assert Notification.objects.count() == 2

    def test_a_supporter_who_no_longer_may_ask_is_not_told(self) -> None:
        from alongside.team import services as team_services
        from alongside.team.models import ChangeRequest
        from tests.factories import SupporterFactory

        person, worker, manager = self._setting()
        former = SupporterFactory(person=person, scopes=[], is_active=False).user
        request = ChangeRequest.objects.create(
            person=person,
            worker=worker,
            asked_by=former,
            deadline=timezone.localdate(),
        )
        team_services.update_change_request(
            request=request,
            status=ChangeRequest.Status.DONE,
            could_not_reason="",
            changed_by=manager,
        )
        assert not Notification.objects.filter(user=former).exists()
        assert Notification.objects.filter(user=person.user).exists()
