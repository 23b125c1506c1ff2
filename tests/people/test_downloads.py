from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from alongside.accounts.models import User
from alongside.downloads.models import KeptDownload
from alongside.everyday.models import Meeting, MeetingAction
from alongside.organisations.models import StaffMember
from alongside.people.about_me import write_about_me_section, write_plan
from alongside.people.downloads import DownloadSection
from alongside.people.models import Person
from alongside.people.selectors import _TOKEN, word_changes
from alongside.people.sharing import ABOUT_ME_PARTS, Part, SupporterScope
from alongside.reviews.models import ReviewPreparation, Spending
from alongside.reviews.services import UseLine, propose_budget_change
from alongside.rota.models import RotaWeek
from alongside.team.models import TeamChoice, WhatILookFor
from tests.conftest import sign_in
from tests.downloads.helpers import fetch_download
from tests.factories import (
    ChangeRequestFactory,
    CheckInFactory,
    FinishedReviewFactory,
    GoalFactory,
    PersonFactory,
    RotaShiftFactory,
    RotaWeekFactory,
    StaffMemberFactory,
    SupporterFactory,
    budget_for,
)

pytestmark = pytest.mark.django_db


def _person_with_everything() -> tuple[Person, User]:
    person = PersonFactory(what_matters="")
    for index, part in enumerate(ABOUT_ME_PARTS):
        write_about_me_section(
            person=person,
            part=part,
            text=f"Words for section {index}.",
            written_by=person.user,
            expected_version=0,
        )
    write_about_me_section(
        person=person,
        part=Part.WHAT_MATTERS,
        text="Words changed later.",
        written_by=person.user,
        expected_version=1,
    )
    write_plan(
        person=person, written_by=person.user, expected_current_id=None, my_goals="A paid job."
    )
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    sign_in(Client(), worker.user).get(reverse("people:record", args=[person.pk]))
    return person, worker.user


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # A name in a narrow column may wrap at its hyphen ("Davis-" / "Powell").
    return " ".join(text.replace("-\n", "-").split())


def test_the_json_download_has_every_section_the_plan_the_history_and_who_looked() -> None:
    person, worker = _person_with_everything()
    response = fetch_download(sign_in(Client(), person.user), person, "json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert {s["part"] for s in data["about_me"]} == set(ABOUT_ME_PARTS)
    assert data["plan"]["my_goals"] == "A paid job."
    history_texts = [v["text"] for v in data["about_me_history"] if v["part"] == Part.WHAT_MATTERS]
    assert history_texts == ["Words changed later.", "Words for section 0."]
    assert [v["who"] for v in data["who_looked"]] == [worker.display_name]
    assert any("changed “What matters to me”" in c["what"] for c in data["what_changed"])


def test_the_pdf_download_has_every_section_the_plan_the_history_and_who_looked() -> None:
    person, worker = _person_with_everything()
    response = fetch_download(sign_in(Client(), person.user), person, "pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for index in range(1, len(ABOUT_ME_PARTS)):
        assert f"Words for section {index}." in text
    assert "Words changed later." in text
    assert "Words for section 0." in text  # the earlier version, in the history
    assert "A paid job." in text
    assert worker.display_name in text


def test_a_supporters_download_leaves_out_what_is_not_shared_with_them() -> None:
    person, _ = _person_with_everything()
    supporter = SupporterFactory(person=person, scopes=[SupporterScope.DOWNLOAD])
    person.sharing[Part.WHAT_MATTERS].append(f"supporter:{supporter.pk}")
    person.save()
    client = sign_in(Client(), supporter.user)
    data = json.loads(fetch_download(client, person, "json").content)
    assert [s["part"] for s in data["about_me"]] == [Part.WHAT_MATTERS]
    assert data["plan"] is None
    assert {v["part"] for v in data["about_me_history"]} == {Part.WHAT_MATTERS}
    assert "who_looked" not in data
    text = _pdf_text(fetch_download(client, person, "pdf").content)
    assert "Words changed later." in text
    assert "Words for section 3." not in text
    assert "A paid job." not in text


def test_staff_cannot_download_a_persons_information() -> None:
    person, worker = _person_with_everything()
    client = sign_in(Client(), worker)
    assert client.post(reverse("downloads:ask", args=[person.pk])).status_code == 404
    assert not KeptDownload.objects.exists()


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_changes_rebuild_both_texts(before: str, after: str) -> None:
    changes = word_changes(before, after)
    old = [t for c in changes if c.kind != "added" for t in _TOKEN.findall(c.text)]
    new = [t for c in changes if c.kind != "taken_out" for t in _TOKEN.findall(c.text)]
    assert old == _TOKEN.findall(before)
    assert new == _TOKEN.findall(after)


def test_word_changes_keep_an_underscore_apart_from_the_word_before_it() -> None:
    # Found by Hypothesis: "0\r_" came back as the one word "0_".
    assert [c.text for c in word_changes("", "0\r_")] == ["0 _"]


def _person_with_records() -> tuple[Person, StaffMember, StaffMember]:
    """A person with a record in every other domain: team, rota, reviews, everyday."""
    person = PersonFactory()
    kim = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    lou = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    TeamChoice.objects.create(person=person, worker=kim, choice=TeamChoice.Choice.RATHER)
    TeamChoice.objects.create(
        person=person, worker=lou, choice=TeamChoice.Choice.RATHER_NOT, reason="Too loud for me."
    )
    WhatILookFor.objects.create(person=person, tags=["calm"], my_words="Likes trains.")
    ChangeRequestFactory(person=person, worker=lou, my_words="Please, not mornings.")
    published = RotaWeekFactory(service=person.service, status=RotaWeek.Status.PUBLISHED)
    RotaShiftFactory(week=published, people=[person]).workers.set([kim])
    draft = RotaWeekFactory(service=person.service, monday=published.monday + timedelta(days=7))
    RotaShiftFactory(week=draft, people=[person]).workers.set([lou])
    review = FinishedReviewFactory(person=person, what_matters="My allotment.")
    ReviewPreparation.objects.create(review=review, what_matters_now="Growing beans.")
    GoalFactory(person=person, words="Win a prize for my beans.")
    budget = budget_for(person)
    Spending.objects.create(
        use=budget.uses.get(words="Swimming"), amount=Decimal("12.50"), spent_on=date(2026, 2, 3)
    )
    propose_budget_change(
        budget=budget,
        proposed_by=person.user,
        expected_version=budget.version,
        lines=[UseLine(use_id=None, words="Seeds", amount=Decimal("300.00"))],
        why="More seeds.",
    )
    CheckInFactory(person=person, on=date(2026, 1, 5), note="A long walk.")
    meeting = Meeting.objects.create(
        person=person, on=date(2026, 2, 2), how_often="monthly", with_whom="Priya"
    )
    MeetingAction.objects.create(
        person=person, meeting=meeting, what="Book the bus", who="Priya", by_when=date(2026, 3, 1)
    )
    return person, kim, lou


def test_the_persons_download_has_their_team_rota_reviews_budget_and_check_ins() -> None:
    person, kim, _ = _person_with_records()
    client = sign_in(Client(), person.user)
    records = json.loads(fetch_download(client, person, "json").content)["records"]
    choices = {c["worker"]: c for c in records["team_choices"]}
    assert choices[kim.user.display_name]["choice"] == "I would rather work with them"
    assert "Too loud for me." in [c.get("reason") for c in choices.values()]
    looking = records["what_i_look_for"]
    assert looking == [{"tags": ["Calm and patient"], "my_words": "Likes trains."}]
    assert records["change_requests"][0]["my_words"] == "Please, not mornings."
    assert records["change_requests"][0]["asked_by"] == person.user.display_name
    # Only published rotas: the draft week's worker is not in it.
    assert [s["workers"] for s in records["support_sessions"]] == [[kim.user.display_name]]
    assert records["reviews"][0]["what_matters"] == "My allotment."
    assert records["reviews"][0]["getting_ready"] == "Growing beans."
    assert [g["words"] for g in records["goals"]] == ["Win a prize for my beans."]
    assert records["budget_changes"][0]["why"] == "More seeds."
    assert records["budget_changes"][0]["uses"] == ["Seeds: £300.00"]
    assert {"words": "Swimming", "amount": "£120.00 a week", "now": "Using it"} in records["budget"]
    assert records["spending"] == [
        {"spent_on": "2026-02-03", "use": "Swimming", "amount": "£12.50", "words": ""}
    ]
    assert [c["note"] for c in records["check_ins"]] == ["A long walk."]
    actions = records["meetings"][0]["actions"]
    assert actions == ["Book the bus (Priya, by 1 Mar 2026: not done yet)"]
    text = _pdf_text(fetch_download(client, person, "pdf").content)
    for words in ("Too loud for me.", "Likes trains.", "Growing beans.", "A long walk.", "Seeds"):
        assert words in text
    assert "Who supported me" in text


def test_a_supporters_download_has_only_the_records_shared_with_them_and_no_reasons() -> None:
    person, _, _ = _person_with_records()
    supporter = SupporterFactory(
        person=person, scopes=[SupporterScope.DOWNLOAD, SupporterScope.ASK_FOR_CHANGE]
    )
    client = sign_in(Client(), supporter.user)
    records = json.loads(fetch_download(client, person, "json").content)["records"]
    # Nothing is shared with this supporter yet: no team, rota, reviews, budget or check-ins.
    # They may ask for a change, but the requests are on the "My team" page, not shared yet.
    assert records == {}
    person.sharing[Part.MY_TEAM].append(f"supporter:{supporter.pk}")
    person.sharing[Part.REVIEWS].append(f"supporter:{supporter.pk}")
    person.save()
    records = json.loads(fetch_download(client, person, "json").content)["records"]
    shared = {"team_choices", "what_i_look_for", "change_requests", "support_sessions"}
    assert set(records) == shared | {"reviews", "goals"}
    # The reason for "rather not" is for the person and their manager only.
    assert all("reason" not in c for c in records["team_choices"])
    # So is who asked for a change in the person's name.
    assert "asked_by" not in records["change_requests"][0]
    # What the person wrote to get ready is theirs: not for a supporter who only downloads.
    assert "getting_ready" not in records["reviews"][0]
    text = _pdf_text(fetch_download(client, person, "pdf").content)
    assert "Too loud for me." not in text
    assert "Growing beans." not in text
    assert "My allotment." in text


def test_a_long_table_shows_the_newest_rows_in_the_pdf_and_says_how_many_are_left_out() -> None:
    section = DownloadSection(
        key="support_sessions",
        title="Who supported me",
        columns=(("on", "Day"), ("who", "Who")),
        rows=[{"on": date(2026, 1, day), "who": ["Kim", "Lou"]} for day in range(31, 0, -1)],
        most_in_pdf=3,
    )
    assert section.cells == [
        ["31 Jan 2026", "Kim; Lou"],
        ["30 Jan 2026", "Kim; Lou"],
        ["29 Jan 2026", "Kim; Lou"],
    ]
    assert section.left_out_of_pdf == 28
    assert DownloadSection(key="k", title="t", columns=(), rows=[{}]).left_out_of_pdf == 0


def _children(node: Any) -> list[Any]:
    """The structure elements directly under `node` in the PDF's structure tree."""
    kids = node.get("/K", [])
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    found = [
        k.get_object() if hasattr(k, "get_object") else k
        for k in (kids if isinstance(kids, list) else [kids])
    ]
    return [k for k in found if isinstance(k, dict)]  # not the marked content ids


def _structure(node: Any) -> Iterator[Any]:
    """`node` and every structure element under it, depth first."""
    yield node
    for kid in _children(node):
        yield from _structure(kid)


def _tagged_tables(content: bytes) -> list[list[int]]:
    """Each table in the PDF's structure tree, as the number of cells in each of its rows."""
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]["/StructTreeRoot"].get_object()
    return [
        [
            sum(1 for cell in _children(row) if cell.get("/S") in ("/TH", "/TD"))
            for row in _structure(table)
            if row.get("/S") == "/TR"
        ]
        for table in _structure(root)
        if table.get("/S") == "/Table"
    ]


def _where_words_start(content: bytes) -> tuple[float, list[float]]:
    """The page width and the x position (points) where each piece of text starts."""
    reader = PdfReader(io.BytesIO(content))
    starts: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            starts.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return float(reader.pages[0].mediabox.width), starts


def test_the_pdf_has_no_table_wider_than_three_columns_and_no_words_off_the_page() -> None:
    person, _, _ = _person_with_records()
    for n in range(40):
        CheckInFactory(person=person, on=date(2025, 6, 1) + timedelta(days=n))
    content = fetch_download(sign_in(Client(), person.user), person, "pdf").content
    tables = _tagged_tables(content)
    # The person's records have parts with four or more columns (rota, reviews, budget):
    # they are lists of items, and the tables left are short ones.
    assert tables, "the PDF should still tag its short tables"
    widest = max(max(rows, default=0) for rows in tables)
    assert 2 <= widest <= 3, tables
    assert all(rows for rows in tables)
    width, starts = _where_words_start(content)
    margin = 18 / 25.4 * 72  # the PDF's 18 mm page margin, in points
    assert starts and min(starts) >= margin - 1
    assert max(starts) < width - margin
