from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import User
from alongside.organisations.models import StaffMember
from alongside.people.about_me import (
    SectionConflict,
    propose_about_me_change,
    propose_plan_change,
    write_about_me_section,
    write_plan,
)
from alongside.people.models import AboutMeSection, Person, PlanVersion, Proposal
from alongside.people.selectors import (
    about_me_history,
    current_plan,
    told_once,
    what_helps_on_a_bad_day,
)
from alongside.people.sharing import Part, SupporterScope
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory, SupporterFactory, share_with

pytestmark = pytest.mark.django_db


def _worker_for(person: Person, role: str = StaffMember.Role.SUPPORT_WORKER) -> User:
    return StaffMemberFactory(role=role, services=[person.service]).user


class TestWritingAboutMe:
    def test_the_person_writes_a_section_in_their_own_words(self) -> None:
        person = PersonFactory(what_matters="")
        client = sign_in(Client(), person.user)
        url = reverse("people:about-me-edit", args=[person.pk, Part.ROUTINES])
        response = client.post(url, {"text": "Breakfast at 8.", "version": 0})
        assert response.status_code == 302
        section = AboutMeSection.objects.get(person=person, part=Part.ROUTINES)
        assert (section.text, section.version, section.updated_by) == (
            "Breakfast at 8.",
            1,
            person.user,
        )

    def test_staff_cannot_change_about_me_by_posting_directly(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        for role in (StaffMember.Role.SUPPORT_WORKER, StaffMember.Role.SERVICE_MANAGER):
            client = sign_in(Client(), _worker_for(person, role))
            url = reverse("people:about-me-edit", args=[person.pk, Part.WHAT_MATTERS])
            assert client.post(url, {"text": "Football.", "version": 1}).status_code == 404
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == "Swimming."

    def test_an_unknown_section_is_not_found(self) -> None:
        person = PersonFactory()
        client = sign_in(Client(), person.user)
        url = reverse("people:about-me-edit", args=[person.pk, "shoe_size"])
        assert client.get(url).status_code == 404

    def test_two_people_writing_at_once_the_second_is_told_and_keeps_both_texts(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        share_with(supporter, Part.WHAT_MATTERS)
        url = reverse("people:about-me-edit", args=[person.pk, Part.WHAT_MATTERS])
        mum, me = sign_in(Client(), supporter.user), sign_in(Client(), person.user)
        assert mum.post(url, {"text": "Swimming and my cat.", "version": 1}).status_code == 302
        response = me.post(url, {"text": "Going to the football.", "version": 1})
        page = response.content.decode()
        assert "Someone else changed this while you were writing" in page
        assert "Going to the football." in page  # my words, still in the box
        assert "Swimming and my cat." in page  # the saved words beside them
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == (
            "Swimming and my cat."
        )

    def test_the_service_refuses_a_stale_version(self) -> None:
        person = PersonFactory(what_matters="A")
        write_about_me_section(
            person=person,
            part=Part.WHAT_MATTERS,
            text="B",
            written_by=person.user,
            expected_version=1,
        )
        with pytest.raises(SectionConflict):
            write_about_me_section(
                person=person,
                part=Part.WHAT_MATTERS,
                text="C",
                written_by=person.user,
                expected_version=1,
            )

    def test_too_long_text_is_refused_with_a_clear_message_and_nothing_changes(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        client = sign_in(Client(), person.user)
        url = reverse("people:about-me-edit", args=[person.pk, Part.WHAT_MATTERS])
        response = client.post(url, {"text": "x" * 5001, "version": 1})
        assert "This must be 5,000 characters or fewer" in response.content.decode()
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).version == 1


class TestSuggestions:
    def test_a_worker_suggests_and_the_person_says_yes(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        worker = _worker_for(person)
        staff = sign_in(Client(), worker)
        response = staff.post(
            reverse("people:about-me-suggest", args=[person.pk, Part.WHAT_MATTERS]),
            {"proposed_text": "Swimming and going to the football.", "note": "You told me."},
        )
        assert response.status_code == 302
        # Nothing changes until the person answers.
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == "Swimming."
        proposal = Proposal.objects.get(person=person)
        me = sign_in(Client(), person.user)
        assert (
            "Swimming and going to the football."
            not in me.get(reverse("people:about-me", args=[person.pk])).content.decode()
        )
        page = me.get(reverse("people:proposals", args=[person.pk])).content.decode()
        assert "<ins>and going to the football</ins>" in page
        me.post(reverse("people:proposal-answer", args=[person.pk, proposal.pk]), {"answer": "yes"})
        section = AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS)
        assert section.text == "Swimming and going to the football."
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.ACCEPTED
        history = about_me_history(person=person)
        assert history[0].summary.startswith("You added “and going to the football”")
        assert f"{worker.display_name} suggested it, you said yes" in history[0].summary

    def test_a_suggestion_shows_what_it_says_now_and_what_it_would_say_as_labelled_blocks(
        self,
    ) -> None:
        person = PersonFactory(what_matters="Swimming on Saturdays.")
        propose_about_me_change(
            person=person,
            part=Part.WHAT_MATTERS,
            text="Football on Saturdays.",
            proposed_by=_worker_for(person),
        )
        page = sign_in(Client(), person.user).get(reverse("people:proposals", args=[person.pk]))
        blocks = re.findall(
            r"(?s)<dt[^>]*>(.*?)</dt>\s*<dd[^>]*alongside-changes__text[^>]*>(.*?)</dd>",
            page.content.decode(),
        )
        said = {label.strip(): re.sub(r"<[^>]+>", "", text).split() for label, text in blocks}
        assert said == {
            "What it says now": ["Swimming", "on", "Saturdays."],
            "What it would say": ["Football", "on", "Saturdays."],
        }

    def test_the_person_says_no_without_a_reason_and_nothing_changes(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        proposal = propose_about_me_change(
            person=person, part=Part.WHAT_MATTERS, text="Knitting.", proposed_by=_worker_for(person)
        )
        me = sign_in(Client(), person.user)
        me.post(reverse("people:proposal-answer", args=[person.pk, proposal.pk]), {"answer": "no"})
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.DECLINED
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == "Swimming."

    def test_a_suggestion_cannot_be_answered_twice(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        proposal = propose_about_me_change(
            person=person, part=Part.WHAT_MATTERS, text="Knitting.", proposed_by=_worker_for(person)
        )
        me = sign_in(Client(), person.user)
        url = reverse("people:proposal-answer", args=[person.pk, proposal.pk])
        me.post(url, {"answer": "no"})
        response = me.post(url, {"answer": "yes"}, follow=True)
        assert "already been answered" in response.content.decode()
        assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == "Swimming."

    def test_a_worker_cannot_answer_their_own_suggestion(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        worker = _worker_for(person)
        proposal = propose_about_me_change(
            person=person, part=Part.WHAT_MATTERS, text="Knitting.", proposed_by=worker
        )
        staff = sign_in(Client(), worker)
        url = reverse("people:proposal-answer", args=[person.pk, proposal.pk])
        assert staff.post(url, {"answer": "yes"}).status_code == 404
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.WAITING

    def test_a_worker_cannot_suggest_for_a_section_not_shared_with_them(self) -> None:
        person = PersonFactory()
        person.sharing[Part.IMPORTANT_FOR_ME] = []
        person.save()
        staff = sign_in(Client(), _worker_for(person))
        url = reverse("people:about-me-suggest", args=[person.pk, Part.IMPORTANT_FOR_ME])
        assert staff.post(url, {"proposed_text": "I need my tablets."}).status_code == 404
        assert not Proposal.objects.exists()

    def test_an_empty_suggestion_is_refused_with_a_clear_message(self) -> None:
        person = PersonFactory()
        staff = sign_in(Client(), _worker_for(person))
        url = reverse("people:about-me-suggest", args=[person.pk, Part.WHAT_MATTERS])
        response = staff.post(url, {"proposed_text": ""})
        assert "Write the words you suggest" in response.content.decode()
        assert not Proposal.objects.exists()


class TestSupportPlan:
    PLAN = {
        "my_goals": "I want a job.",
        "support_with": "The bus.",
        "how_i_like_support": "",
        "who_supports_me": "",
        "my_medicines": "",
        "risks": "",
        "review_date": "",
    }

    def test_the_person_writes_their_plan_and_it_is_current_at_once(self) -> None:
        person = PersonFactory()
        me = sign_in(Client(), person.user)
        response = me.post(
            reverse("people:plan-edit", args=[person.pk]), {**self.PLAN, "current_id": ""}
        )
        assert response.status_code == 302
        plan = current_plan(person=person)
        assert plan is not None and plan.number == 1 and plan.my_goals == "I want a job."

    def test_the_plan_page_says_when_the_plan_was_agreed_or_written(
        self, clock: time_machine.Traveller
    ) -> None:
        clock.move_to("2026-12-02T10:00:00+00:00")
        person = PersonFactory(preferred_name="Josie")
        me = sign_in(Client(), person.user)
        # As the demo loads it: a current plan nobody agreed in Alongside.
        first = PlanVersion.objects.create(
            person=person, number=1, status=PlanVersion.Status.CURRENT, my_goals="A job."
        )
        page = me.get(reverse("people:plan", args=[person.pk])).content.decode()
        assert "Version 1, written on 2 December 2026, not agreed yet." in page
        assert "agreed ." not in page
        me.post(
            reverse("people:plan-edit", args=[person.pk]), {**self.PLAN, "current_id": first.pk}
        )
        page = me.get(reverse("people:plan", args=[person.pk])).content.decode()
        assert "Version 2, agreed on 2 December 2026 by Josie." in page

    def test_a_plan_with_nothing_written_is_refused_with_a_clear_message(self) -> None:
        person = PersonFactory()
        me = sign_in(Client(), person.user)
        empty = {name: "" for name in self.PLAN}
        response = me.post(reverse("people:plan-edit", args=[person.pk]), empty)
        assert "Write at least one part of the plan" in response.content.decode()
        assert not PlanVersion.objects.exists()

    def test_a_wrong_date_is_refused_with_a_clear_message(self) -> None:
        person = PersonFactory()
        me = sign_in(Client(), person.user)
        response = me.post(
            reverse("people:plan-edit", args=[person.pk]),
            {
                **self.PLAN,
                "review_date_day": "31",
                "review_date_month": "2",
                "review_date_year": "2027",
            },
        )
        assert "must be a real date" in response.content.decode()
        assert not PlanVersion.objects.exists()

    def test_staff_filling_in_the_plan_make_a_suggestion_not_a_change(self) -> None:
        person = PersonFactory()
        write_plan(
            person=person, written_by=person.user, expected_current_id=None, my_goals="A job."
        )
        manager = _worker_for(person, StaffMember.Role.SERVICE_MANAGER)
        staff = sign_in(Client(), manager)
        current = current_plan(person=person)
        response = staff.post(
            reverse("people:plan-edit", args=[person.pk]),
            {**self.PLAN, "my_goals": "A job and a holiday.", "current_id": current.pk},
        )
        assert response.status_code == 302
        assert current_plan(person=person).my_goals == "A job."  # unchanged
        proposal = Proposal.objects.get(person=person, part=Part.PLAN)
        me = sign_in(Client(), person.user)
        page = me.get(reverse("people:plan", args=[person.pk])).content.decode()
        assert "Suggestions waiting for an answer" in page
        me.post(reverse("people:proposal-answer", args=[person.pk, proposal.pk]), {"answer": "yes"})
        plan = current_plan(person=person)
        assert plan.my_goals == "A job and a holiday." and plan.number == 2
        assert plan.agreed_by == person.user

    def test_accepting_an_older_suggestion_keeps_later_changes_it_did_not_touch(self) -> None:
        person = PersonFactory()
        write_plan(
            person=person,
            written_by=person.user,
            expected_current_id=None,
            my_goals="A job.",
            risks="I take the bus.",
        )
        proposal = propose_plan_change(
            person=person, proposed_by=_worker_for(person), my_goals="A job and a holiday."
        )
        first = current_plan(person=person)
        write_plan(
            person=person,
            written_by=person.user,
            expected_current_id=first.pk,
            risks="I take the bus on my own.",
        )
        me = sign_in(Client(), person.user)
        me.post(reverse("people:proposal-answer", args=[person.pk, proposal.pk]), {"answer": "yes"})
        plan = current_plan(person=person)
        assert plan.my_goals == "A job and a holiday."
        assert plan.risks == "I take the bus on my own."
        assert plan.number == 3

    def test_a_supporter_allowed_to_agree_the_plan_can_say_yes(self) -> None:
        person = PersonFactory()
        supporter = share_with(
            SupporterFactory(person=person, scopes=[SupporterScope.AGREE_PLAN]), Part.PLAN
        )
        proposal = propose_plan_change(
            person=person, proposed_by=_worker_for(person), my_goals="To learn to cook."
        )
        mum = sign_in(Client(), supporter.user)
        mum.post(
            reverse("people:proposal-answer", args=[person.pk, proposal.pk]), {"answer": "yes"}
        )
        assert current_plan(person=person).my_goals == "To learn to cook."

    def test_staff_cannot_write_the_plan_directly_with_the_services_either(self) -> None:
        person = PersonFactory()
        staff = sign_in(Client(), _worker_for(person))
        staff.post(reverse("people:plan-edit", args=[person.pk]), {**self.PLAN, "current_id": ""})
        assert current_plan(person=person) is None
        assert Proposal.objects.filter(person=person, part=Part.PLAN).count() == 1

    def test_the_plan_history_shows_what_changed_between_versions(self) -> None:
        person = PersonFactory()
        write_plan(
            person=person, written_by=person.user, expected_current_id=None, my_goals="A job."
        )
        write_plan(
            person=person,
            written_by=person.user,
            expected_current_id=current_plan(person=person).pk,
            my_goals="A paid job.",
        )
        me = sign_in(Client(), person.user)
        page = me.get(reverse("people:plan-history", args=[person.pk])).content.decode()
        assert "<ins>paid</ins>" in page
        assert "Version 1" in page and "Version 2" in page


class TestToldOnce:
    def test_everything_known_is_returned_for_prefilling_as_the_viewer_may_see_it(self) -> None:
        person = PersonFactory(what_matters="Swimming.")
        write_about_me_section(
            person=person,
            part=Part.IMPORTANT_FOR_ME,
            text="My tablets.",
            written_by=person.user,
            expected_version=0,
        )
        write_plan(
            person=person, written_by=person.user, expected_current_id=None, my_goals="A job."
        )
        council = person.council
        from tests.factories import CouncilWorkerFactory

        council_worker = CouncilWorkerFactory(council=council).user
        known = told_once(person=person, viewer=council_worker)
        assert known["about_me"] == {Part.WHAT_MATTERS: "Swimming."}  # health not shared
        assert known["plan"]["my_goals"] == "A job."
        assert told_once(person=person, viewer=person.user)["about_me"][Part.IMPORTANT_FOR_ME] == (
            "My tablets."
        )

    def test_what_helps_on_a_bad_day_comes_from_the_persons_own_words(self) -> None:
        person = PersonFactory()
        write_about_me_section(
            person=person,
            part=Part.GOOD_AND_BAD_DAYS,
            written_by=person.user,
            expected_version=0,
            text="A bad day looks like: I stay in bed.\nWhat helps:\n- Quiet time\n- My music\n"
            "What does not help: noise.",
        )
        assert what_helps_on_a_bad_day(person=person) == ["Quiet time", "My music"]


def test_a_limited_text_box_counts_its_characters_and_never_stops_silently() -> None:
    person = PersonFactory()
    page = (
        sign_in(Client(), person.user)
        .get(reverse("people:about-me-edit", args=[person.pk, Part.WHAT_MATTERS]))
        .content.decode()
    )
    box = re.search(
        r"(?s)<div class=\"govuk-form-group[^\"]*\"[^>]*>.*?</textarea>\s*<div[^>]*>[^<]*</div>",
        page,
    )
    assert box is not None
    group = box.group(0)
    assert 'data-module="govuk-character-count" data-maxlength="5000"' in group
    assert "govuk-js-character-count" in group and "maxlength=" not in group.split("<textarea")[1]
    assert "You can write up to 5000 characters" in group
