from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from alongside.organisations.models import StaffMember
from alongside.people.about_me import write_about_me_section, write_plan
from alongside.people.selectors import _TOKEN, word_changes
from alongside.people.sharing import ABOUT_ME_PARTS, Part, SupporterScope
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory, SupporterFactory

pytestmark = pytest.mark.django_db


def _person_with_everything():  # type: ignore[no-untyped-def]
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
    return " ".join(text.split())


def test_the_json_download_has_every_section_the_plan_the_history_and_who_looked() -> None:
    person, worker = _person_with_everything()
    response = sign_in(Client(), person.user).get(reverse("people:download-json", args=[person.pk]))
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
    response = sign_in(Client(), person.user).get(reverse("people:download-pdf", args=[person.pk]))
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
    data = json.loads(client.get(reverse("people:download-json", args=[person.pk])).content)
    assert [s["part"] for s in data["about_me"]] == [Part.WHAT_MATTERS]
    assert data["plan"] is None
    assert {v["part"] for v in data["about_me_history"]} == {Part.WHAT_MATTERS}
    assert "who_looked" not in data
    text = _pdf_text(client.get(reverse("people:download-pdf", args=[person.pk])).content)
    assert "Words changed later." in text
    assert "Words for section 3." not in text
    assert "A paid job." not in text


def test_staff_cannot_download_a_persons_information() -> None:
    person, worker = _person_with_everything()
    response = sign_in(Client(), worker).get(reverse("people:download-json", args=[person.pk]))
    assert response.status_code == 404


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
