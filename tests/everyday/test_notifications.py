from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.everyday.models import Meeting, MeetingAction, Notification
from alongside.organisations.models import StaffMember
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def _staff(person, role):  # type: ignore[no-untyped-def]
    return StaffMemberFactory(role=role, services=[person.service]).user


def _bad_day(client: Client, person, alert: str) -> None:  # type: ignore[no-untyped-def]
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
        _bad_day(sign_in(Client(), person.user), person, alert="yes")
        assert Notification.objects.get(user=worker).text == (
            "Josie is having a bad day and asked us to know."
        )
        assert [m.to for m in mail.outbox] == [[worker.email]]
        page = sign_in(Client(), worker).get(reverse("everyday:notifications"))
        assert "Josie is having a bad day" in page.content.decode()

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
