"""Every kind of message, sent the way the app sends it (the service that makes it, not
`notify` by hand), reaches by email a reader who chose it, and not one who chose not to; and
every link in the email is absolute, built from the configured site address (SITE_URL), and
opens a page of Alongside for its reader.

The tests go over `Kind` itself: a new kind of message fails here until it has a way to be
sent below (MAKE), so no kind is left out."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from alongside.everyday.models import Feeling, Meeting, MeetingAction, SuggestionStatus
from alongside.notifications import services
from alongside.notifications.kinds import Kind
from alongside.notifications.models import Notification, OutgoingEmail
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import (
    ChecklistFactory,
    CouncilWorkerFactory,
    PersonFactory,
    QualityCheckerFactory,
    StaffMemberFactory,
    budget_change_for,
)

pytestmark = pytest.mark.django_db

SITE = "https://care.example.org"
LINK = re.compile(r"https?://\S+")

# For each kind: set up a world, and give back the one who will be told and a way to send
# the message through the app's own service.
Made = tuple[Any, Callable[[], object]]


def _staff(person: Any, role: str) -> Any:
    return StaffMemberFactory(role=role, services=[person.service]).user


def _meeting(person: Any, *, days_ago: int = 0) -> Meeting:
    return Meeting.objects.create(
        person=person,
        on=timezone.localdate() - datetime.timedelta(days=days_ago),
        how_often="weekly",
        with_whom="Sam",
    )


def _suggestion() -> Made:
    from alongside.everyday.services import make_suggestion

    person = PersonFactory()
    manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
    return manager, lambda: make_suggestion(
        service=person.service, suggested_by=person.user, text="A pizza night.", anonymous=False
    )


def _bad_day() -> Made:
    from alongside.everyday.services import save_check_in

    person = PersonFactory()
    worker = _staff(person, StaffMember.Role.SUPPORT_WORKER)
    return worker, lambda: save_check_in(
        person=person,
        recorded_by=person.user,
        on=timezone.localdate(),
        expected_version=0,
        feeling=Feeling.LOW,
        helps=[],
        note="",
        alert_team=True,
    )


def _late_action() -> Made:
    from alongside.everyday.notifications import late_actions

    person = PersonFactory()
    manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
    MeetingAction.objects.create(
        person=person,
        meeting=_meeting(person, days_ago=7),
        what="Book the dentist",
        who="Sam",
        by_when=timezone.localdate() - datetime.timedelta(days=1),
    )
    return manager, lambda: late_actions(today=timezone.localdate())


def _change_request() -> Made:
    from alongside.team.services import ask_for_change

    person = PersonFactory()
    manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    return manager, lambda: ask_for_change(
        person=person, worker=worker, my_words="We do not get on.", asked_by=person.user
    )


def _download_ready() -> Made:
    from alongside.downloads.services import ask_for_download

    person = PersonFactory()
    return person.user, lambda: ask_for_download(person=person, asked_by=person.user)


def _action_given() -> Made:
    from alongside.everyday.services import add_meeting_action

    person = PersonFactory()
    worker = _staff(person, StaffMember.Role.SUPPORT_WORKER)
    meeting = _meeting(person)
    return worker, lambda: add_meeting_action(
        meeting=meeting,
        added_by=person.user,
        what="Find the bus times",
        by_when=timezone.localdate() + datetime.timedelta(days=3),
        owner=worker,
    )


def _idea_answered() -> Made:
    from alongside.everyday.services import make_suggestion, respond_to_suggestion

    person = PersonFactory()
    manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
    idea = make_suggestion(
        service=person.service, suggested_by=person.user, text="A pizza night.", anonymous=False
    )
    return person.user, lambda: respond_to_suggestion(
        suggestion=idea,
        responded_by=manager,
        expected_version=idea.version,
        status=SuggestionStatus.LOOKING,
        response="We will ask the cook.",
    )


def _budget_decided() -> Made:
    from alongside.reviews.services import agree_budget_change

    person = PersonFactory()
    change = budget_change_for(person)
    council_worker = CouncilWorkerFactory(council=person.council).user
    return person.user, lambda: agree_budget_change(change=change, agreed_by=council_worker)


def _plan_suggestion() -> Made:
    from alongside.people.about_me import propose_plan_change, write_plan

    person = PersonFactory()
    write_plan(person=person, written_by=person.user, expected_current_id=None, my_goals="A job.")
    worker = _staff(person, StaffMember.Role.SUPPORT_WORKER)
    return person.user, lambda: propose_plan_change(
        person=person, proposed_by=worker, my_goals="A job and a holiday."
    )


def _check_planned() -> Made:
    from alongside.quality.services import plan_check

    person = PersonFactory()
    manager = _staff(person, StaffMember.Role.SERVICE_MANAGER)
    lead = StaffMemberFactory(role=StaffMember.Role.QUALITY_LEAD).user
    return manager, lambda: plan_check(
        service=person.service,
        checker=QualityCheckerFactory(),
        checklist=ChecklistFactory(),
        planned_for=timezone.localdate() + datetime.timedelta(days=10),
        planned_by=lead,
    )


MAKE: dict[str, Callable[[], Made]] = {
    Kind.SUGGESTION: _suggestion,
    Kind.BAD_DAY: _bad_day,
    Kind.LATE_ACTION: _late_action,
    Kind.CHANGE_REQUEST: _change_request,
    Kind.DOWNLOAD_READY: _download_ready,
    Kind.ACTION_GIVEN: _action_given,
    Kind.IDEA_ANSWERED: _idea_answered,
    Kind.BUDGET_DECIDED: _budget_decided,
    Kind.PLAN_SUGGESTION: _plan_suggestion,
    Kind.CHECK_PLANNED: _check_planned,
}


def _sent(kind: str, *, chosen: bool) -> tuple[Any, list[Any]]:
    """Make a message of `kind` for a reader who chose (or chose not) to have it by email.
    Gives the reader and the emails of that kind sent to them."""
    make = MAKE.get(kind)
    assert make is not None, f"No way to send a message of the kind {kind!r}: add it to MAKE"
    reader, send = make()
    services.choose_email_kinds(user=reader, by_email=[kind] if chosen else [], kinds=[kind])
    mail.outbox.clear()
    send()
    assert Notification.objects.filter(user=reader, kind=kind).exists(), "in My messages"
    queued = OutgoingEmail.objects.filter(to=reader.email, kind=kind)
    emails = [m for m in mail.outbox if m.to == [reader.email]]
    assert len(emails) == queued.count()
    return reader, emails


@pytest.mark.parametrize("kind", Kind.values)
def test_each_kind_comes_by_email_to_who_chose_it_with_absolute_links_that_open(
    settings: Any, kind: str
) -> None:
    settings.SITE_URL = SITE
    reader, emails = _sent(kind, chosen=True)

    (email,) = emails
    note = Notification.objects.get(user=reader, kind=kind)
    assert note.text in email.body
    links = LINK.findall(email.body)
    html = "".join(body for body, mime in email.alternatives if mime == "text/html")
    links += re.findall(r'href="([^"]*)"', html)
    assert links, "the email has a link to Alongside"
    assert links[0] == SITE + note.link, "the first link opens what the message is about"
    client = sign_in(Client(), reader)
    for link in links:
        assert link.startswith(SITE + "/"), f"not absolute from SITE_URL: {link}"
        path = urlsplit(link).path
        resolve(path)  # raises Resolver404 for a path that is not one of ours
        assert client.get(path).status_code == 200, link
    assert SITE + reverse("notifications:how-we-tell-you") in links


@pytest.mark.parametrize("kind", Kind.values)
def test_each_kind_stays_in_my_messages_for_who_chose_no_email(kind: str) -> None:
    _, emails = _sent(kind, chosen=False)
    assert emails == []


def test_every_kind_has_a_way_to_be_sent_here() -> None:
    assert set(MAKE) == set(Kind.values)
