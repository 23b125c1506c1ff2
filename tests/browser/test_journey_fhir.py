"""A person takes their record as FHIR and brings it in again: every page passes axe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from alongside.people.models import Person

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_a_person_downloads_their_fhir_record_and_brings_it_in_after_checking_it(
    page: Page, live_server: Any, demo: None, tmp_path: Path
) -> None:
    sign_in_as_demo(page, live_server.url, "person")
    person = Person.objects.get(user__email="person@demo.alongside.example")

    # Josie downloads her record as FHIR
    page.goto(f"{live_server.url}/people/{person.pk}/download/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as FHIR, to take to another provider").click()
    bundle = json.loads(Path(download_info.value.path()).read_text())
    assert bundle["resourceType"] == "Bundle"
    about_me = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"].get("questionnaire", "").endswith("prsb-about-me")
    )
    about_me["item"][0]["answer"] = [{"valueString": "Brought with me from my last home."}]
    changed = tmp_path / "record.json"
    changed.write_text(json.dumps(bundle))
    not_json = tmp_path / "notes.json"
    not_json.write_text("my notes, not a record")

    # A file that is not a record is refused, saying why
    page.goto(f"{live_server.url}/people/{person.pk}/bring-in/")
    assert axe_violations(page) == []
    page.get_by_label("The FHIR file").set_input_files(str(not_json))
    page.get_by_role("button", name="See what it will fill in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("it is not JSON")
    assert axe_violations(page) == []

    # She checks what it will fill in, then says yes
    page.get_by_label("The FHIR file").set_input_files(str(changed))
    page.get_by_role("button", name="See what it will fill in").click()
    expect(page.get_by_role("heading", name="This will fill in …")).to_be_visible()
    expect(page.get_by_text("Brought with me from my last home.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Yes, bring it in").click()
    expect(page.get_by_text("Your About me and plan are filled in.")).to_be_visible()
    expect(page.get_by_text("Brought with me from my last home.")).to_be_visible()
