"""A leak test, not a status test: what each role actually reads.

A unique marker is planted in every free-text field of person A's record. With nothing
shared, every page, API answer, CSV and download (the PDF through the HTML it is made from)
is read by every role, and no marker may appear for anyone but the person, except where a
rule other than sharing says so (EVEN_UNSHARED below, each with its reason). Then one part at
a time is shared with one audience, and exactly that part's markers must appear, for exactly
that audience. The URLs come from the permission matrix, so a new page is read here too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import resolve, reverse

from alongside.everyday import services as everyday_services
from alongside.everyday.models import CheckIn, Meeting
from alongside.everyday.notifications import late_actions
from alongside.people.about_me import propose_plan_change
from alongside.people.models import AboutMeSection, PlanVersion, Proposal
from alongside.people.sharing import (
    ABOUT_ME_PARTS,
    Audience,
    Part,
    not_worker_audience,
    supporter_audience,
    worker_audience,
)
from alongside.reviews import services as review_services
from alongside.reviews.models import BudgetChange, BudgetUse, Goal, ReviewPreparation
from alongside.team.models import ChangeRequest, TeamChoice, WhatILookFor
from tests.conftest import sign_in
from tests.factories import StaffMemberFactory
from tests.world import ROLES, World, build_world

from .test_permission_matrix import ALL_URLS, EXPECTED

pytestmark = pytest.mark.django_db

# Bounded on both sides: a random token on a page (a CSRF token, a signed link) can hold
# "zq…zq" by chance, and once did ("zqtzq" inside one on the messages page).
MARKER = re.compile(r"(?<![A-Za-z0-9])zq[a-z_]+zq(?![A-Za-z0-9])")

# Each marker, and the part of the record it belongs to. A check-in's picks of what would
# help come from "good days and bad days", so they need both parts shared: one part alone
# never shows them.
PART_OF: dict[str, str] = {
    **{f"zq{part}zq": part for part in ABOUT_ME_PARTS},
    "zqhelps_linezq": Part.GOOD_AND_BAD_DAYS,
    "zqabout_suggestionzq": Part.WHAT_MATTERS,
    **{
        f"zqplan_{name}zq": Part.PLAN
        for name in ("my_goals", "support_with", "how_i_like_support", "my_medicines", "risks")
    },
    "zqplan_suggestionzq": Part.PLAN,
    "zqcheckin_notezq": Part.TODAY,
    "zqcheckin_helpszq": "today and good_and_bad_days",
    "zqgoalzq": Part.REVIEWS,
    "zqpreparationzq": Part.REVIEWS,
    "zqbudget_usezq": Part.BUDGET,
    "zqbudget_whyzq": Part.BUDGET,
    "zqspendingzq": Part.BUDGET,
    "zqteam_reasonzq": Part.MY_TEAM,
    "zqlook_forzq": Part.MY_TEAM,
    "zqchange_requestzq": Part.MY_TEAM,
    "zqagendazq": Part.MEETINGS,
    "zqmeeting_noteszq": Part.MEETINGS,
    "zqmeeting_actionzq": Part.MEETINGS,
}

# Who sees a marker although the person shares nothing, and why (docs/permissions.md).
REVIEWS_AND_BUDGET = {m for m, part in PART_OF.items() if part in (Part.REVIEWS, Part.BUDGET)}
EVEN_UNSHARED: dict[str, set[str]] = {
    # The council carries out reviews and answers budget changes, whatever the sharing.
    "council_worker": REVIEWS_AND_BUDGET,
    # The manager handles requests for a change to the team.
    "service_manager": {"zqchange_requestzq"},
}

# Shared with an audience, a part shows all its markers except these, which another rule
# keeps from that audience: the reason for "rather not" is for the manager only; requests
# for a change are for the manager and a supporter who may ask for one; the person's review
# preparation is for the council once they say it is ready, not for the team or manager;
# suggestions waiting for an answer are for the person and the supporters they allow; the
# council joins no meetings, even if they were shared with it.
MEETINGS = {m for m, part in PART_OF.items() if part == Part.MEETINGS}
NOT_FOR: dict[str, set[str]] = {
    **{marker: {"council_worker"} for marker in MEETINGS},
    # Suggestions waiting for an answer are for the person and the supporters they allow.
    "zqabout_suggestionzq": {"worker_in_service", "service_manager", "council_worker"},
    "zqplan_suggestionzq": {"worker_in_service", "service_manager", "council_worker"},
    "zqteam_reasonzq": {"worker_in_service", "council_worker", "supporter_with_scope"},
    "zqchange_requestzq": {"worker_in_service", "council_worker"},
    "zqpreparationzq": {"worker_in_service", "service_manager"},
}

AUDIENCE_ROLE = {
    Audience.TEAM: "worker_in_service",
    Audience.MANAGER: "service_manager",
    Audience.COUNCIL: "council_worker",
    "supporter": "supporter_with_scope",
}
SEES_RECORD = [
    "supporter_with_scope",
    "supporter_without_scope",
    "worker_in_service",
    "service_manager",
    "council_worker",
]
# These sign the visitor in as someone else: they are no page to read.
SKIPPED = {
    "accounts:demo-sign-in",
    "accounts:sign-in-link",
    "accounts:sign-out",
    # A kept download holds what its asker could see when it was made; it is read below as
    # FRESH_DOWNLOAD, asked for again each time it is read, so it follows the sharing now.
    "downloads:pdf",
    "downloads:json",
}
# Stands for: ask for person A's download now, then read its JSON and its PDF.
FRESH_DOWNLOAD = "ask for a download, then read its JSON and PDF"


@dataclass
class Planted:
    world: World
    # every page, API answer, CSV and download -> the roles the matrix lets open it (None:
    # a page per About me section, read by everyone)
    urls: dict[str, set[str] | None]
    about_the_person: list[str]  # those that can change with the person's sharing


@pytest.fixture(autouse=True)
def _a_fixed_day() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def _pdf_as_its_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF is made from HTML; reading that HTML is reading the PDF, and much faster."""

    class HtmlAsPdf:
        def __init__(self, string: str) -> None:
            self.string = string

        pages = [None]

        def render(self) -> HtmlAsPdf:
            return self

        def write_pdf(self, **_: object) -> bytes:
            return self.string.encode()

    monkeypatch.setattr("weasyprint.HTML", HtmlAsPdf)


def _share_nothing(w: World) -> None:
    w.person.sharing = {part: [] for part in Part.values}
    w.person.save()


def _plant(w: World) -> None:
    person, manager = w.person, w.users["service_manager"]
    for part in ABOUT_ME_PARTS:
        section, _ = AboutMeSection.objects.get_or_create(person=person, part=part)
        section.text = f"zq{part}zq"
        if part == Part.GOOD_AND_BAD_DAYS:
            section.text += "\nWhat helps:\nzqhelps_linezq"
        section.version += 1
        section.save()
    Proposal.objects.filter(person=person).update(proposed_text="zqabout_suggestionzq")
    PlanVersion.objects.create(
        person=person,
        number=1,
        status=PlanVersion.Status.CURRENT,
        **{
            name: f"zqplan_{name}zq"
            for name in ("my_goals", "support_with", "how_i_like_support", "my_medicines")
        },
        risks="zqplan_riskszq",
        who_supports_me="My brother.",
    )
    propose_plan_change(person=person, proposed_by=manager, my_goals="zqplan_suggestionzq")
    # A row's kwargs (the API's check-in) may have made this day's check-in already.
    CheckIn.objects.update_or_create(
        person=person,
        on=dt.date(2026, 11, 30),
        defaults={
            "feeling": 2,
            "note": "zqcheckin_notezq",
            "helps": ["zqcheckin_helpszq"],
            "alert_team": True,
        },
    )
    Goal.objects.filter(person=person).update(words="zqgoalzq")
    # Through the services, so "what changed" holds the words too.
    review_services.add_goal(person=person, words="zqgoalzq", added_by=person.user)
    review = person.reviews.exclude(status="completed").get()
    ReviewPreparation.objects.create(
        review=review, what_matters_now="zqpreparationzq", ready_to_share=True, version=1
    )
    use = BudgetUse.objects.filter(budget__person=person).order_by("pk").first()
    assert use is not None
    BudgetUse.objects.filter(pk=use.pk).update(words="zqbudget_usezq")
    use.refresh_from_db()
    BudgetChange.objects.filter(budget__person=person).update(why="zqbudget_whyzq")
    review_services.record_spending(
        use=use,
        amount=Decimal("12.00"),
        spent_on=dt.date(2026, 11, 29),
        words="zqspendingzq",
        recorded_by=person.user,
    )
    ChangeRequest.objects.filter(person=person).update(my_words="zqchange_requestzq")
    # A request of a kind told in the person's words (a new worker who ...) shows them too.
    ChangeRequest.objects.create(
        person=person,
        kind=ChangeRequest.Kind.NEW_WORKER,
        what_i_want="zqchange_requestzq",
        asked_by=person.user,
        deadline=dt.date(2026, 12, 14),
    )
    worker = StaffMemberFactory(organisation=w.provider, services=[w.service])
    TeamChoice.objects.create(
        person=person, worker=worker, choice="rather_not", reason="zqteam_reasonzq"
    )
    WhatILookFor.objects.create(person=person, tags=[], my_words="zqlook_forzq")
    meeting = Meeting.objects.get(person=person, status=Meeting.Status.PLANNED)
    everyday_services.add_agenda_item(meeting=meeting, added_by=person.user, text="zqagendazq")
    # Notes on the meeting whose record page the matrix opens.
    Meeting.objects.filter(pk=meeting.pk).update(notes="zqmeeting_noteszq")
    held = Meeting.objects.create(
        person=person,
        on=dt.date(2026, 11, 16),
        how_often="fortnightly",
        with_whom="Sam",
        status=Meeting.Status.HELD,
    )
    # Late by now: the manager's home lists late actions, and managers are told of them.
    everyday_services.add_meeting_action(
        meeting=held,
        added_by=person.user,
        what="zqmeeting_actionzq",
        who="Sam",
        by_when=dt.date(2026, 11, 20),
    )
    late_actions(today=dt.date(2026, 11, 30))


# Rows whose object another row already made (one quality checker per person, one photo
# per worker): the same pages are read under the URLs that made them.
SAME_OBJECT_AS_ANOTHER_ROW = {
    "quality:check",
    "quality:checker",
    "quality:do-check",
    "quality:photo",
    "quality:proposal",
    "team:worker-photo-change",
    "team:worker-words",
}
ABOUT_ANYONE_THEY_SUPPORT = {
    "everyday:handover",
    "everyday:notifications",
    "web:supporter-home",
    "web:worker-home",
    "web:manager-home",
    "web:council-home",
    "team:change-requests",
    "team:change-request",
    "api:person-detail",
    "api:person-check-ins",
}


@pytest.fixture
def planted(db: Any) -> Planted:
    w = build_world()
    _share_nothing(w)
    urls: dict[str, set[str] | None] = {}
    about, clashes = [], []
    for name in ALL_URLS:
        if name in SKIPPED:
            continue
        make_kwargs, answers = EXPECTED[name]
        try:
            with transaction.atomic():
                kwargs = make_kwargs(w)
        except IntegrityError:
            clashes.append(name)
            continue
        url = reverse(name, kwargs=kwargs)
        # A role the matrix refuses (404, 403, sign in) reads an error page: the matrix test
        # holds those answers, so only the pages each role opens are read here.
        urls[url] = {role for role, status in answers.items() if status == 200}
        if kwargs.get("person_id") == w.person.pk or name in ABOUT_ANYONE_THEY_SUPPORT:
            about.append(url)
    assert set(clashes) <= SAME_OBJECT_AS_ANOTHER_ROW, clashes
    # Every About me section has its own pages to write and suggest.
    for part in ABOUT_ME_PARTS:
        for name in ("people:about-me-edit", "people:about-me-suggest"):
            urls[reverse(name, args=[w.person.pk, part])] = None
    urls[FRESH_DOWNLOAD] = {"person", "supporter_with_scope"}
    about.append(FRESH_DOWNLOAD)
    _plant(w)
    return Planted(world=w, urls=urls, about_the_person=about)


def _read(client: Client, url: str, w: World) -> str:
    if url != FRESH_DOWNLOAD:
        return client.get(url).content.decode(errors="replace")
    asked = client.post(reverse("downloads:ask", args=[w.person.pk]))
    if asked.status_code != 302:
        return ""
    kwargs = resolve(asked["Location"]).kwargs
    return "".join(
        client.get(reverse(f"downloads:{kind}", kwargs=kwargs)).content.decode(errors="replace")
        for kind in ("json", "pdf")
    )


def _clients(w: World, roles: list[str]) -> dict[str, Client]:
    clients = {}
    for role in roles:
        user = w.users[role]
        clients[role] = sign_in(Client(), user) if user is not None else Client()
    return clients


def _seen(
    clients: dict[str, Client], urls: list[str] | dict[str, set[str] | None], w: World
) -> dict[str, dict[str, set[str]]]:
    """role -> marker -> the URLs where that role read it."""
    seen: dict[str, dict[str, set[str]]] = {role: {} for role in clients}
    for role, client in clients.items():
        for url in urls:
            opens = urls.get(url) if isinstance(urls, dict) else None
            if opens is not None and role not in opens:
                continue
            body = _read(client, url, w)
            for marker in set(MARKER.findall(body)):
                seen[role].setdefault(marker, set()).add(url)
    return seen


def _unexpected(
    seen: dict[str, dict[str, set[str]]], allowed: dict[str, set[str]]
) -> dict[str, dict[str, list[str]]]:
    return {
        role: {m: sorted(where) for m, where in found.items() if m not in allowed.get(role, set())}
        for role, found in seen.items()
        if set(found) - allowed.get(role, set())
    }


def test_with_nothing_shared_no_role_but_the_person_reads_any_part(planted: Planted) -> None:
    roles = [r for r in ROLES if r != "person"]
    seen = _seen(_clients(planted.world, ["person", *roles]), planted.urls, planted.world)
    # Every marker is on some page the person reads: a marker nobody can read proves nothing.
    assert set(seen["person"]) == set(PART_OF)
    leaks = _unexpected({r: seen[r] for r in roles}, EVEN_UNSHARED)
    assert not leaks, f"Read without being shared: {leaks}"
    # And the rules other than sharing do show what they should (so the list stays true).
    assert {r: set(seen[r]) for r in EVEN_UNSHARED} == EVEN_UNSHARED


def _share_only(w: World, part: str, audiences: list[str]) -> None:
    def audience(a: str) -> str:
        return supporter_audience(w.supporter_with_scope.pk) if a == "supporter" else a

    w.person.sharing = {
        p: ([audience(a) for a in audiences] if p == part else []) for p in Part.values
    }
    w.person.save()


def _markers_for(part: str, role: str) -> set[str]:
    return {m for m, p in PART_OF.items() if p == part and role not in NOT_FOR.get(m, set())}


@pytest.mark.parametrize("part", Part.values)
def test_one_part_shared_with_one_audience_is_read_by_exactly_that_audience(
    planted: Planted, part: str
) -> None:
    w = planted.world
    clients = _clients(w, SEES_RECORD)
    # The pages about the person, and this part's own pages if it is a section of About me
    # (every section's pages are read, shared with nobody, above).
    urls = [u for u in planted.about_the_person if "/about-me/" not in u or u.count("/") < 5]
    if part in ABOUT_ME_PARTS:
        urls += [
            reverse(name, args=[w.person.pk, part])
            for name in ("people:about-me-edit", "people:about-me-suggest")
        ]
    for audience, reader in AUDIENCE_ROLE.items():
        # Shared with this audience only: its reader reads the part, nothing more.
        _share_only(w, part, [audience])
        seen = _seen({reader: clients[reader]}, urls, w)[reader]
        wanted = _markers_for(part, reader) | EVEN_UNSHARED.get(reader, set())
        assert set(seen) == wanted, f"{part} shared with {audience}: {reader} read {seen}"
    for role in SEES_RECORD:
        # Shared with every audience but this role's own: the role reads no more than before.
        _share_only(w, part, [a for a, r in AUDIENCE_ROLE.items() if r != role])
        seen = _seen({role: clients[role]}, urls, w)
        leaks = _unexpected(seen, EVEN_UNSHARED)
        assert not leaks, f"{part} shared with everyone but {role}, also read: {leaks}"


def _staff_id(user: Any) -> int:
    return int(user.staff_member.pk)


@pytest.mark.parametrize("part", Part.values)
def test_a_part_kept_from_one_named_worker_is_read_by_that_worker_on_no_path(
    planted: Planted, part: str
) -> None:
    w = planted.world
    tony = w.users["worker_in_service"]
    colleague = StaffMemberFactory(organisation=w.provider, services=[w.service]).user
    clients = _clients(w, ["worker_in_service"])
    clients["colleague"] = sign_in(Client(), colleague)
    urls = [u for u in planted.about_the_person if "/about-me/" not in u or u.count("/") < 5]
    if part in ABOUT_ME_PARTS:
        urls += [
            reverse(name, args=[w.person.pk, part])
            for name in ("people:about-me-edit", "people:about-me-suggest")
        ]
    # "Not Tony": shared with the team, kept from one worker by name.
    _share_only(w, part, [Audience.TEAM, not_worker_audience(_staff_id(tony))])
    seen = _seen(clients, urls, w)
    assert seen["worker_in_service"] == {}, f"{part} kept from Tony, who read {seen}"
    assert set(seen["colleague"]) == _markers_for(part, "worker_in_service")


@pytest.mark.parametrize("part", Part.values)
def test_a_part_shared_with_one_named_worker_only_is_read_by_that_worker_alone(
    planted: Planted, part: str
) -> None:
    w = planted.world
    tony = w.users["worker_in_service"]
    colleague = StaffMemberFactory(organisation=w.provider, services=[w.service]).user
    clients = _clients(w, ["worker_in_service", "worker_out_of_service"])
    clients["colleague"] = sign_in(Client(), colleague)
    urls = [u for u in planted.about_the_person if "/about-me/" not in u or u.count("/") < 5]
    if part in ABOUT_ME_PARTS:
        urls += [
            reverse(name, args=[w.person.pk, part])
            for name in ("people:about-me-edit", "people:about-me-suggest")
        ]
    # Not shared with the team: only the named worker reads it, and only this part. A worker
    # at another service named by hand still reads nothing (they do not support the person).
    outside = _staff_id(w.users["worker_out_of_service"])
    _share_only(w, part, [worker_audience(_staff_id(tony)), worker_audience(outside)])
    seen = _seen(clients, urls, w)
    assert set(seen["worker_in_service"]) == _markers_for(part, "worker_in_service")
    assert seen["colleague"] == {}
    assert seen["worker_out_of_service"] == {}
