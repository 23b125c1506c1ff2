"""Every read of a person's information by anyone but the person is in "who looked", once.

The URLs come from the URL configuration, as in the permission matrix: a new URL must be
listed here either as reading person A's information or, with a reason, as reading none.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.audit.models import RecordView
from alongside.audit.reads import UNNAMED_PAGE, note_read, start_collecting, stop_collecting
from tests.conftest import sign_in
from tests.factories import PersonFactory
from tests.policy.answers import OK
from tests.policy.test_permission_matrix import ALL_URLS, EXPECTED
from tests.world import ROLES, World, build_world

# Pages that show person A's information (the matrix's URL arguments are all about A).
READS_PERSON_A = {
    "api:about-me",
    "api:about-me-section",
    "api:budget",
    "api:budget-changes",
    "api:budget-spending",
    "api:change-requests",
    "api:goal",
    "api:goals",
    "api:meeting",
    "api:meeting-action",
    "api:meeting-actions",
    "api:meetings",
    "api:person-shifts",
    "api:proposals",
    "api:review",
    "api:reviews",
    "api:team-choice",
    "api:team-choices",
    "api:person-check-ins",
    "api:person-detail",
    "downloads:json",
    "downloads:pdf",
    "downloads:status",
    "api:person-check-in",
    "api:person-fhir",
    "everyday:check-in",
    "everyday:meeting",
    "everyday:meetings",
    "everyday:patterns",
    "fhir:bring-in",
    "fhir:download",
    "people:about-me",
    "people:about-me-edit",
    "people:about-me-history",
    "people:about-me-suggest",
    "people:details",
    "people:download",
    "people:plan",
    "people:plan-edit",
    "people:plan-history",
    "people:proposals",
    "people:record",
    "people:sharing",
    "people:sign-in-link",
    "people:supporter-edit",
    "people:supporters",
    "people:who-looked",
    "quality:checker",
    "quality:sign-up",
    "reviews:ask",
    "reviews:budget",
    "reviews:budget-change",
    "reviews:budget-change-check",
    "reviews:budget-decision",
    "reviews:budget-set-up",
    "reviews:conduct",
    "reviews:goal",
    "reviews:mine",
    "reviews:prepare",
    "reviews:prepare-check",
    "reviews:record",
    "reviews:spending",
    "rota:pattern",
    "rota:person-week",
    "rota:personal-care",
    "team:ask-for-change",
    "team:change-request",
    "team:choose",
    "team:my-team",
    "team:what-i-look-for",
}

# Lists of several people, each tested below: one entry per person shown.
LISTS_PEOPLE = {
    "api:person-list": "the API's list of people: each person in the answer is logged",
    "everyday:handover": "the Today handover: each person on the page is logged",
    "imports:export": "the people and supporters files: each person in the file is logged",
    "web:worker-home": "the first people of the Today handover: each one shown is logged",
}

BUTTON = "a button (POST) that changes something and sends the user on: logged as a change"
API_WRITE = "an API write (POST, PUT or PATCH) with no GET: logged as a change by its service"
WORK_LIST = "a work list naming people with a link to each; opening one is logged"
ROTA = "the rota of a service: who works which session; a person's own week is logged"
SERVICE = "about a service, its ideas or its figures, not about one person"
MINE = "the signed-in user's own account, home or work, not another person's record"
STAFF = "about a worker (staff), not a person we support"
EMAILS = "emails that could not be sent: the address, subject and reason, never the message"
QUALITY = "a quality check of a service; it names the checker only as who did the check"
ACCOUNT = "an account's email, invitation and whether it is on: no part of a person's record"
SETUP = "a service, staff member or supporter link in the set-up pages: no person's record"
PUBLIC_ACCOUNT_PAGE = "setting or resetting a password: shows no one's record"

READS_NO_PERSON = {
    "accounts:account": MINE,
    "accounts:demo-sign-in": "signs in as a demo user and sends them home",
    "accounts:accounts": ACCOUNT,
    "organisations:setup-list": SETUP,
    "organisations:setup-add": SETUP,
    "organisations:setup-edit": SETUP,
    "organisations:setup-end": SETUP,
    "organisations:add-person": "a form to add a person we support: shows no one's record yet",
    "accounts:account-of": ACCOUNT,
    "accounts:end-account": ACCOUNT,
    "accounts:reactivate-account": BUTTON,
    "accounts:invitation": PUBLIC_ACCOUNT_PAGE,
    "accounts:password-reset": PUBLIC_ACCOUNT_PAGE,
    "accounts:password-reset-sent": PUBLIC_ACCOUNT_PAGE,
    "accounts:password-reset-confirm": PUBLIC_ACCOUNT_PAGE,
    "accounts:password-reset-done": PUBLIC_ACCOUNT_PAGE,
    "accounts:sign-in": "the sign-in form",
    "accounts:sign-in-link": "asks 'sign in?' before a link is used; shows no one's record",
    "accounts:sign-out": BUTTON,
    "accounts:sign-out-everywhere": BUTTON,
    "accounts:two-factor-setup": MINE,
    "accounts:two-factor-verify": MINE,
    "accounts:two-factor-recovery": MINE,
    "accounts:recovery-codes": MINE,
    "api-client-revoke": BUTTON,
    "api-clients": "the organisation admin's list of API clients, no person's record",
    "api-docs": "the API's documentation",
    "api-schema": "the API's description",
    "api-you-said-we-did": SERVICE,
    "api:api-root": "the API's list of addresses",
    "api:about-me-proposals": API_WRITE,
    "api:plan-proposals": API_WRITE,
    "api:review-finish": API_WRITE,
    "api:service-suggestions": API_WRITE,
    "api:suggestion-response": SERVICE,
    "api:rota-weeks": ROTA,
    "api:rota-week-shifts": ROTA,
    "api:service-detail": SERVICE,
    "api:service-list": SERVICE,
    "api:suggestion-detail": SERVICE,
    "api:suggestion-list": SERVICE,
    "downloads:ask": BUTTON,
    "everyday:notifications": MINE,
    "everyday:my-ideas": MINE,
    "everyday:response-times": SERVICE,
    "everyday:suggest": SERVICE,
    "everyday:suggestion": SERVICE,
    "everyday:suggestions": SERVICE,
    "everyday:you-said-we-did": SERVICE,
    "organisations:service": SERVICE,
    "outcomes:council": "counts only, no names",
    "outcomes:council-csv": "counts only, no names",
    "outcomes:provider": "counts only, no names",
    "outcomes:provider-csv": "counts only, no names",
    "outcomes:self-assessment": SERVICE,
    "outcomes:self-assessments": SERVICE,
    "outcomes:service": "counts only, no names",
    "outcomes:service-csv": "counts only, no names",
    "people:proposal-answer": BUTTON,
    "quality:action": QUALITY,
    "quality:actions": QUALITY,
    "quality:check": QUALITY,
    "quality:checkers": WORK_LIST,
    "quality:checklists": "the questions for checks",
    "quality:checks": QUALITY,
    "quality:coverage": SERVICE,
    "quality:do-check": QUALITY,
    "quality:my-checks": MINE,
    "quality:photo": QUALITY,
    "quality:planner": QUALITY,
    "quality:proposal": QUALITY,
    "quality:result-checks": QUALITY,
    "quality:results": QUALITY,
    "quality:sign-up-list": WORK_LIST,
    "quality:volunteer": MINE,
    "notifications:failed-emails": EMAILS,
    "notifications:how-we-tell-you": MINE,
    "reviews:due": WORK_LIST,
    "reviews:goal-add": BUTTON,
    "reviews:conduct-what-matters": BUTTON,
    "reviews:conduct-doing": BUTTON,
    "reviews:conduct-confirm": BUTTON,
    "reviews:conduct-goal": BUTTON,
    "reviews:conduct-goal-progress": BUTTON,
    "reviews:conduct-task": BUTTON,
    "reviews:conduct-finish": BUTTON,
    "rota:absence": STAFF,
    "rota:absence-delete": STAFF,
    "rota:availability": STAFF,
    "rota:availability-delete": STAFF,
    "rota:my-shifts": MINE,
    "rota:publish": BUTTON,
    "rota:service-week": ROTA,
    "rota:settings": SERVICE,
    "rota:shift": ROTA,
    "rota:fix": ROTA,
    "rota:solve": BUTTON,
    "rota:solve-progress": ROTA,
    "rota:solve-run": SERVICE,
    "rota:worker": STAFF,
    "team:change-requests": WORK_LIST,
    "team:settings": SERVICE,
    "team:worker-photo": STAFF,
    "team:worker-photo-change": STAFF,
    "team:worker-words": STAFF,
    "imports:start": SETUP,
    "imports:guide": "a guide to one kind of file: no one's record",
    "imports:template": "an empty file with the column headings: no one's record",
    "imports:run": "the check of a file: counts and row problems, no shared part of a record",
    "quality:invite-volunteers": SERVICE,
    "web:about": "the About page",
    "web:admin-home": MINE,
    "web:council-home": MINE,
    "web:home": "sends each user to their home",
    "web:manager-home": MINE,
    "web:person-home": MINE,
    "web:quality-lead-home": MINE,
    "web:start": "the start page",
    "web:supporter-home": MINE,
}


def test_every_url_says_whether_it_reads_a_persons_information() -> None:
    listed = [*READS_PERSON_A, *LISTS_PEOPLE, *READS_NO_PERSON]
    assert len(listed) == len(set(listed)), "a URL is listed twice"
    missing = set(ALL_URLS) - set(listed)
    assert not missing, f"Say whether these read a person's information: {sorted(missing)}"
    assert not set(listed) - set(ALL_URLS), "a listed URL is not in the URL configuration"


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _viewers(url_name: str) -> list[str]:
    """The signed-in roles the matrix lets see the page (answer 200)."""
    answers = EXPECTED[url_name][1]
    return [role for role in ROLES if role != "anonymous" and answers[role] == OK]


@pytest.mark.parametrize("url_name", sorted(READS_PERSON_A))
def test_a_page_about_a_person_is_logged_once_for_anyone_but_the_person(
    url_name: str, world: World
) -> None:
    make_kwargs, _ = EXPECTED[url_name]
    url = reverse(url_name, kwargs=make_kwargs(world))
    roles = _viewers(url_name)
    assert roles, f"{url_name}: no one may see it, so nothing shows it is logged"
    for role in roles:
        user = world.users[role]
        response = sign_in(Client(), user).get(url)
        assert response.status_code == OK, f"{url_name} as {role}: {response.status_code}"
        looked = list(RecordView.objects.filter(viewer=user).values_list("person_id", "page"))
        if role == "person":
            assert looked == [], f"{url_name}: the person's own look was logged"
        else:
            assert [pk for pk, _ in looked] == [world.person.pk], f"{url_name} as {role}"
            assert looked[0][1] != UNNAMED_PAGE, f"{url_name}: give the view an audit_page"


def _looked_at(user: Any) -> list[int]:
    return sorted(RecordView.objects.filter(viewer=user).values_list("person_id", flat=True))


def test_the_today_handover_logs_each_person_on_the_page_once(world: World) -> None:
    # 26 people at the worker's service: 25 on the first page, the 26th on the second.
    PersonFactory.create_batch(25, service=world.service)
    elsewhere = PersonFactory(service=world.other_service)
    worker = world.users["worker_in_service"]
    client = sign_in(Client(), worker)
    response = client.get(reverse("everyday:handover"))
    shown = [row.person.pk for row in response.context["rows"]]
    assert len(shown) == 25
    assert _looked_at(worker) == sorted(shown)
    assert set(RecordView.objects.filter(viewer=worker).values_list("page", flat=True)) == {
        "Today handover"
    }
    client.get(reverse("everyday:handover"), {"page": 2})
    everyone_here = set(world.service.people.values_list("pk", flat=True))
    assert _looked_at(worker) == sorted(everyone_here)  # the 26th is logged when shown
    assert elsewhere.pk not in _looked_at(worker)


def test_the_workers_home_logs_the_first_people_of_today_it_shows_once(world: World) -> None:
    PersonFactory.create_batch(6, service=world.service)
    worker = world.users["worker_in_service"]
    response = sign_in(Client(), worker).get(reverse("web:worker-home"))
    body = response.content.decode()
    shown = sorted(
        pk
        for pk in world.service.people.values_list("pk", flat=True)
        if f'href="{reverse("people:record", args=[pk])}"'
        in body.split('id="today-heading"')[1].split("</section>")[0]
    )
    assert len(shown) == 5  # the first five of Today; the rest are a link away
    assert _looked_at(worker) == shown
    assert set(RecordView.objects.filter(viewer=worker).values_list("page", flat=True)) == {
        "Today handover"
    }


def test_the_api_list_of_people_logs_each_person_in_the_answer_but_not_the_caller(
    world: World,
) -> None:
    supporter = world.users["supporter_with_scope"]
    answer = sign_in(Client(), supporter).get(reverse("api:person-list")).json()
    assert [row["id"] for row in answer["results"]] == [world.person.pk]
    assert list(RecordView.objects.filter(viewer=supporter).values_list("person_id", "page")) == [
        (world.person.pk, "Their record, through the API")
    ]
    person = world.users["person"]
    sign_in(Client(), person).get(reverse("api:person-list"))
    assert _looked_at(person) == []


def test_the_api_check_ins_say_what_was_read_in_who_looked(world: World) -> None:
    worker = world.users["worker_in_service"]
    url = reverse("api:person-check-ins", kwargs={"pk": world.person.pk})
    assert sign_in(Client(), worker).get(url).status_code == OK
    assert list(RecordView.objects.filter(viewer=worker).values_list("person_id", "page")) == [
        (world.person.pk, "How they have been, through the API")
    ]


def test_a_refused_api_read_writes_no_who_looked_entry(world: World) -> None:
    outsider = world.users["worker_out_of_service"]
    url = reverse("api:person-detail", kwargs={"pk": world.person.pk})
    assert sign_in(Client(), outsider).get(url).status_code == 404
    assert not RecordView.objects.exists()


def test_a_form_that_saves_and_sends_the_user_on_is_a_change_not_a_look(world: World) -> None:
    supporter = world.users["supporter_with_scope"]
    response = sign_in(Client(), supporter).post(
        reverse("people:details", args=[world.person.pk]),
        {"preferred_name": "Jo", "pronouns": "", "version": world.person.version},
    )
    assert response.status_code == 302
    assert not RecordView.objects.exists()
    assert world.person.changes.filter(changed_by=supporter).exists()


def test_a_form_shown_again_with_a_mistake_is_logged_as_a_look(world: World) -> None:
    supporter = world.users["supporter_with_scope"]
    response = sign_in(Client(), supporter).post(
        reverse("people:details", args=[world.person.pk]),
        {"preferred_name": "", "pronouns": "", "version": world.person.version},
    )
    assert response.status_code == OK
    assert list(RecordView.objects.filter(viewer=supporter).values_list("person_id", "page")) == [
        (world.person.pk, "Change your details")
    ]


class TestNotingReads:
    def test_reading_the_same_person_twice_in_a_request_is_one_entry(self) -> None:
        reads, token = start_collecting()
        try:
            note_read(7)
            note_read([7, 8])
        finally:
            stop_collecting(token)
        assert reads.pages == {7: "", 8: ""}

    def test_a_read_that_names_its_page_wins_over_one_that_does_not(self) -> None:
        reads, token = start_collecting()
        try:
            note_read(7)
            note_read(7, page="How they have been")
            note_read(7, page="Something else")
        finally:
            stop_collecting(token)
        assert reads.pages == {7: "How they have been"}

    def test_outside_a_request_a_read_is_noted_nowhere(self) -> None:
        note_read(7)  # no collector: nothing to write to, and no error
        reads, token = start_collecting()
        stop_collecting(token)
        assert reads.pages == {}
