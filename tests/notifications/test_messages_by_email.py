"""Every kind of message in "My messages" can also come by email, to those who chose it:
queued (never sent inside the request), with absolute links that work, and in easy read for
the person we support. Each reader chooses on "How we tell you"."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from alongside.everyday.models import Meeting, MeetingAction
from alongside.notifications import services
from alongside.notifications.kinds import KINDS, Kind
from alongside.notifications.models import EmailChoice, Notification, OutgoingEmail
from alongside.notifications.selectors import email_kinds_of
from alongside.organisations.models import StaffMember
from alongside.people.models import SupporterScope
from alongside.people.sharing import Part
from tests.conftest import sign_in
from tests.factories import (
    PersonFactory,
    StaffMemberFactory,
    SupporterFactory,
    UserFactory,
    share_with,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def _soon() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=7)


def _links(body: str) -> list[str]:
    return LINK.findall(body)


def _path(url: str) -> str:
    assert url.startswith(settings.SITE_URL + "/"), url
    return url[len(settings.SITE_URL) :]


def _manager_of(person: Any) -> Any:
    return StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[person.service]).user


def _meeting(person: Any) -> Meeting:
    return Meeting.objects.create(
        person=person, on=timezone.localdate(), how_often="weekly", with_whom="Sam"
    )


class TestTheRegistry:
    def test_every_kind_of_message_has_its_words_and_who_it_is_for(self) -> None:
        assert set(KINDS) == set(Kind.values)
        for kind, info in KINDS.items():
            assert info.kind == kind and info.choice and info.easy_read and info.for_whom

    def test_a_kind_with_the_persons_own_words_about_how_they_feel_is_not_emailed_at_first(
        self,
    ) -> None:
        user = UserFactory()
        assert Kind.BAD_DAY not in email_kinds_of(user=user)
        assert Kind.LATE_ACTION in email_kinds_of(user=user)


class TestEachKindByEmail:
    @pytest.mark.parametrize("kind", Kind.values)
    def test_each_kind_comes_by_email_when_chosen(self, kind: str) -> None:
        user = UserFactory(email="kim@example.org")
        services.choose_email_kinds(user=user, by_email=[kind], kinds=[kind])
        services.notify(users=[user], kind=kind, text="Something to know.", link="/home/")
        assert [m.to for m in mail.outbox] == [["kim@example.org"]]
        assert "Something to know." in mail.outbox[0].body
        assert OutgoingEmail.objects.get().kind == kind

    @pytest.mark.parametrize("kind", Kind.values)
    def test_each_kind_stays_in_my_messages_only_when_not_chosen(self, kind: str) -> None:
        user = UserFactory(email="kim@example.org")
        services.choose_email_kinds(user=user, by_email=[], kinds=[kind])
        services.notify(users=[user], kind=kind, text="Something to know.", link="/home/")
        assert Notification.objects.get(user=user).text == "Something to know."
        assert not mail.outbox and not OutgoingEmail.objects.exists()

    def test_an_ended_account_is_not_emailed(self) -> None:
        user = UserFactory(email="gone@example.org", is_active=False)
        services.notify(users=[user], kind=Kind.LATE_ACTION, text="Late.", link="/home/")
        assert not mail.outbox


class TestTheEmail:
    def test_the_person_we_support_gets_the_email_in_easy_read_with_links_that_work(
        self,
    ) -> None:
        person = PersonFactory(preferred_name="Josie", user__display_name="Josie Smith")
        manager = _manager_of(person)
        meeting = _meeting(person)
        client = sign_in(Client(), manager)
        client.post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {
                "add_action": "1",
                "what": "Phone the swimming club",
                "owner": str(person.user.pk),
                "who": "",
                "by_when": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            },
        )
        (email,) = mail.outbox
        assert email.to == [person.user.email]
        assert email.subject == "Alongside: You will do something from a meeting."
        body = email.body
        assert body.startswith("Hello Josie Smith.\n\nYou have a new message in Alongside.\n")
        assert "You will do this, from your meeting, by" in body
        assert "Phone the swimming club" in body
        # Short sentences: no line of the easy-read email is long.
        assert max(len(line) for line in body.splitlines() if "http" not in line) <= 110
        links = _links(body)
        assert len(links) == 2
        own = sign_in(Client(), person.user)
        page = own.get(_path(links[0])).content.decode()
        assert "Phone the swimming club" in page
        choose = own.get(_path(links[1])).content.decode()
        assert "How we tell you" in choose

    def test_staff_get_plain_words_and_the_late_action_link_opens_the_meetings(self) -> None:
        from alongside.everyday.notifications import late_actions

        person = PersonFactory(preferred_name="Jodie")
        manager = _manager_of(person)
        meeting = _meeting(person)
        MeetingAction.objects.create(
            person=person,
            meeting=meeting,
            what="Book the dentist",
            who="Sam",
            by_when=timezone.localdate(),
        )
        late_actions(today=timezone.localdate() + datetime.timedelta(days=2))
        (email,) = mail.outbox
        assert email.subject == "Alongside: A late action"
        assert email.body.startswith(f"Hello {manager.display_name},\n\nAn action for Jodie")
        assert "chose to be told by email when an action from a meeting is late" in email.body
        links = _links(email.body)
        assert [link.startswith(settings.SITE_URL + "/") for link in links] == [True, True]
        page = sign_in(Client(), manager).get(_path(links[0])).content.decode()
        assert "Book the dentist" in page

    def test_staff_who_chose_easy_read_get_the_easy_read_email(self) -> None:
        user = UserFactory(easy_read=True)
        services.notify(users=[user], kind=Kind.DOWNLOAD_READY, text="Ready.", link="/home/")
        assert mail.outbox[0].subject == "Alongside: Your download is ready."
        assert "You have a new message in Alongside." in mail.outbox[0].body

    def test_no_email_is_sent_inside_the_request_it_is_queued(self, settings: Any) -> None:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        person = PersonFactory()
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]
        ).user
        meeting = _meeting(person)
        response = sign_in(Client(), person.user).post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {
                "add_action": "1",
                "what": "Find the bus times",
                "owner": str(worker.pk),
                "who": "",
                "by_when": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            },
        )
        assert response.status_code == 302
        assert not mail.outbox
        queued = OutgoingEmail.objects.get()
        assert (queued.to, queued.status) == (worker.email, OutgoingEmail.Status.QUEUED)
        task = DBTaskResult.objects.get()
        assert task.task_path == "alongside.notifications.tasks.deliver_email"
        services.deliver(email_id=queued.pk)  # what the worker does, later
        assert [m.to for m in mail.outbox] == [[worker.email]]


class TestHowWeTellYou:
    def test_the_person_is_asked_only_about_their_own_kinds_and_can_reach_it_from_their_account(
        self,
    ) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        account = client.get(reverse("accounts:account")).content.decode()
        href = reverse("notifications:how-we-tell-you")
        assert f'href="{href}"' in account
        messages_page = client.get(reverse("everyday:notifications")).content.decode()
        assert f'href="{href}"' in messages_page
        page = client.get(href).content.decode()
        assert 'type="checkbox"' in page
        assert "A download I asked for is ready" in page
        assert "Someone has an idea for my service to answer" not in page  # managers only
        assert "a person I support asks the team" not in page.lower()
        for link in re.findall(r'href="([^"]*)"', page):
            assert link, "no empty links"

    def test_choices_are_saved_through_the_service_with_history(self) -> None:
        manager = _manager_of(PersonFactory())
        client = sign_in(Client(), manager)
        url = reverse("notifications:how-we-tell-you")
        response = client.post(url, {"by_email": ["suggestion", "bad_day"]})
        assert response.status_code == 302
        chosen = email_kinds_of(user=manager)
        assert {"suggestion", "bad_day"} <= chosen
        assert "late_action" not in chosen and "change_request" not in chosen
        page = client.get(url).content.decode()
        assert "Saved. We will tell you the way you chose." in page
        assert re.search(r'value="bad_day" checked', page)
        assert not re.search(r'value="late_action" checked', page)
        client.post(url, {"by_email": ["suggestion"]})
        assert "bad_day" not in email_kinds_of(user=manager)
        bad_day = EmailChoice.objects.get(user=manager, kind="bad_day")
        assert [h.by_email for h in bad_day.history.order_by("history_id")] == [True, False]
        assert bad_day.history.first().history_user == manager

    def test_a_kind_we_do_not_know_is_refused_in_plain_words_and_changes_nothing(self) -> None:
        user = PersonFactory().user
        client = sign_in(Client(), user)
        response = client.post(
            reverse("notifications:how-we-tell-you"), {"by_email": ["not-a-kind"]}
        )
        assert response.status_code == 200
        assert "Choose from the list of messages." in response.content.decode()
        assert not EmailChoice.objects.exists()

    def test_ticking_nothing_means_no_email_at_all(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        client.post(reverse("notifications:how-we-tell-you"), {})
        services.notify(users=[person.user], kind=Kind.DOWNLOAD_READY, text="Ready.", link="/home/")
        assert not mail.outbox


class TestWhoWillDoIt:
    def test_the_choices_are_the_person_their_supporters_and_their_services_staff(
        self,
    ) -> None:
        person = PersonFactory(preferred_name="Josie")
        ann = SupporterFactory(
            person=person,
            user__display_name="Ann Smith",
            relationship="Mum",
            scopes=[SupporterScope.HELP_EDIT],
        )
        SupporterFactory(person=person, user__display_name="Bo Hidden")  # not shown meetings
        share_with(ann, Part.MEETINGS)
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER,
            services=[person.service],
            user__display_name="Sam Patel",
        ).user
        elsewhere = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, user__display_name="Tony Far"
        ).user
        meeting = _meeting(person)
        page = (
            sign_in(Client(), worker)
            .get(reverse("everyday:meeting", args=[person.pk, meeting.pk]))
            .content.decode()
        )
        assert f'value="{person.user.pk}"' in page and ">Josie</label>" in page
        assert f'value="{worker.pk}"' in page and ">Me</label>" in page
        assert "Tony Far" not in page and f'value="{elsewhere.pk}"' not in page
        assert "Someone else" in page
        # A supporter is there only if the person lets them see their meetings (the policy).
        assert f'value="{ann.user.pk}"' in page and ">Ann Smith (Mum)</label>" in page
        assert "Bo Hidden" not in page

    def test_the_one_chosen_is_told_in_my_messages(self) -> None:
        person = PersonFactory(preferred_name="Josie")
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]
        ).user
        meeting = _meeting(person)
        sign_in(Client(), person.user).post(
            reverse("everyday:meeting", args=[person.pk, meeting.pk]),
            {
                "add_action": "1",
                "what": "Find the bus times",
                "owner": str(worker.pk),
                "who": "",
                "by_when": _soon().isoformat(),
            },
        )
        action = MeetingAction.objects.get()
        assert (action.owner, action.who) == (worker, worker.display_name)
        note = Notification.objects.get(user=worker)
        assert note.kind == Kind.ACTION_GIVEN
        assert (
            note.text
            == f"You will do this, from Josie's meeting, by {_soon():%-d %B %Y}: Find the bus times"
        )
        page = sign_in(Client(), worker).get(reverse("everyday:notifications")).content.decode()
        assert note.link in page
        assert "Find the bus times" in sign_in(Client(), worker).get(note.link).content.decode()

    def test_someone_else_needs_a_name_and_someone_not_in_the_list_is_refused(self) -> None:
        person = PersonFactory()
        stranger = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
        meeting = _meeting(person)
        client = sign_in(Client(), person.user)
        url = reverse("everyday:meeting", args=[person.pk, meeting.pk])
        base = {"add_action": "1", "what": "Ring the pool", "by_when": _soon().isoformat()}
        page = client.post(url, {**base, "owner": "someone-else", "who": ""}).content.decode()
        assert "Write the name of who will do it." in page
        page = client.post(url, {**base, "owner": str(stranger.pk), "who": ""}).content.decode()
        assert "Choose who will do it from the list." in page
        page = client.post(url, {**base, "who": "Sam"}).content.decode()
        assert "Choose who will do it." in page
        assert not MeetingAction.objects.exists() and not Notification.objects.exists()
        client.post(url, {**base, "owner": "someone-else", "who": "Uncle Bob"})
        action = MeetingAction.objects.get()
        assert (action.owner, action.who) == (None, "Uncle Bob")
        assert not Notification.objects.exists()


def _told_by_email(user: Any, kind: str, text: str) -> str:
    """`user` has one message of `kind` with `text`, in "My messages" and by email, and the
    email's first link is absolute and opens the page the message is about. Returns it."""
    note = Notification.objects.get(user=user, kind=kind)
    assert note.text == text
    (email,) = [m for m in mail.outbox if m.to == [user.email]]
    assert text in email.body
    link = _links(email.body)[0]
    assert link == f"{settings.SITE_URL}{note.link}"
    client = sign_in(Client(), user)
    assert client.get(_path(link)).status_code == 200
    assert escape(text) in client.get(reverse("everyday:notifications")).content.decode()
    return email.body


class TestTheNewKinds:
    def test_a_budget_change_agreed_tells_the_person_and_the_supporter_who_asked(self) -> None:
        from alongside.reviews.services import agree_budget_change
        from tests.factories import CouncilWorkerFactory, budget_change_for

        person = PersonFactory(preferred_name="Josie")
        mum = share_with(
            SupporterFactory(person=person, scopes=[SupporterScope.BUDGET]), Part.BUDGET
        )
        change = budget_change_for(
            person, proposed_by=mum.user, why="More days out in the summer, please."
        )
        agree_budget_change(
            change=change, agreed_by=CouncilWorkerFactory(council=person.council).user
        )
        body = _told_by_email(
            person.user,
            Kind.BUDGET_DECIDED,
            "The council agreed the change to how your budget is used.",
        )
        assert "More days out" not in body and "£" not in body
        _told_by_email(
            mum.user,
            Kind.BUDGET_DECIDED,
            "The council agreed the change to how Josie's budget is used.",
        )

    def test_a_budget_change_not_agreed_tells_the_person_without_the_councils_reason(
        self,
    ) -> None:
        from alongside.reviews.services import decline_budget_change
        from tests.factories import CouncilWorkerFactory, budget_change_for

        person = PersonFactory()
        change = budget_change_for(person, amounts=("60.00", "90.00"))
        decline_budget_change(
            change=change,
            declined_by=CouncilWorkerFactory(council=person.council).user,
            note="Swimming keeps you well.",
        )
        body = _told_by_email(
            person.user,
            Kind.BUDGET_DECIDED,
            "The council did not agree the change to how your budget is used.",
        )
        assert "Swimming keeps you well." not in body
        assert Notification.objects.filter(kind=Kind.BUDGET_DECIDED).count() == 1

    def test_a_plan_change_suggested_tells_the_person_and_not_the_plans_words(self) -> None:
        from alongside.people.about_me import propose_plan_change, write_plan

        person = PersonFactory()
        write_plan(
            person=person, written_by=person.user, expected_current_id=None, my_goals="A job."
        )
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER,
            services=[person.service],
            user__display_name="Sam Patel",
        ).user
        propose_plan_change(person=person, proposed_by=worker, my_goals="A job and a holiday.")
        body = _told_by_email(
            person.user,
            Kind.PLAN_SUGGESTION,
            "Sam Patel suggested a change to your plan. Please say yes or no.",
        )
        assert "holiday" not in body
        assert not Notification.objects.filter(user=worker).exists()

    def test_a_supporter_who_agrees_the_plan_with_the_person_is_told_too(self) -> None:
        from alongside.people.about_me import propose_plan_change

        person = PersonFactory(preferred_name="Josie")
        ann = share_with(
            SupporterFactory(person=person, scopes=[SupporterScope.AGREE_PLAN]), Part.PLAN
        )
        bo = SupporterFactory(person=person)  # may not answer for Josie
        propose_plan_change(person=person, proposed_by=_manager_of(person), my_goals="Cook.")
        note = Notification.objects.get(user=ann.user)
        assert note.kind == Kind.PLAN_SUGGESTION and "Josie's plan" in note.text
        assert not Notification.objects.filter(user=bo.user).exists()

    def test_a_quality_check_planned_tells_the_checker_and_the_services_managers(self) -> None:
        from alongside.quality.services import plan_check
        from tests.factories import ChecklistFactory, QualityCheckerFactory

        checker = QualityCheckerFactory()
        service = PersonFactory(service__name="Oak Lodge").service
        manager = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[service]).user
        lead = StaffMemberFactory(role=StaffMember.Role.QUALITY_LEAD).user
        on = timezone.localdate() + datetime.timedelta(days=10)
        plan_check(
            service=service,
            checker=checker,
            checklist=ChecklistFactory(),
            planned_for=on,
            planned_by=lead,
        )
        _told_by_email(
            checker.person.user,
            Kind.CHECK_PLANNED,
            f"You will check Oak Lodge on {on:%A %-d %B %Y}.",
        )
        _told_by_email(
            manager,
            Kind.CHECK_PLANNED,
            f"A quality check of Oak Lodge is planned for {on:%A %-d %B %Y}.",
        )
        assert not Notification.objects.filter(user=lead).exists()

    def test_how_we_tell_you_offers_each_new_kind_to_those_it_is_for(self) -> None:
        person = PersonFactory()
        page = (
            sign_in(Client(), person.user)
            .get(reverse("notifications:how-we-tell-you"))
            .content.decode()
        )
        for kind in (
            Kind.IDEA_ANSWERED,
            Kind.BUDGET_DECIDED,
            Kind.PLAN_SUGGESTION,
            Kind.CHECK_PLANNED,
        ):
            assert f'value="{kind.value}"' in page
        manager_page = (
            sign_in(Client(), _manager_of(person))
            .get(reverse("notifications:how-we-tell-you"))
            .content.decode()
        )
        assert f'value="{Kind.CHECK_PLANNED.value}"' in manager_page
        assert f'value="{Kind.BUDGET_DECIDED.value}"' not in manager_page
