"""The "Bring in your records" pages: upload, check, bring in, and who may use a file."""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from alongside.imports.models import ImportRun
from alongside.organisations.models import Service, StaffMember
from tests.conftest import sign_in
from tests.factories import StaffMemberFactory

from .helpers import SERVICE_HEADINGS, bring_in_file, csv_bytes, service_row, snapshot, staff_row


def _upload(client: Client, kind: str, data: bytes, name: str = "services.csv") -> Any:
    return client.post(
        reverse("imports:start"),
        {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="text/csv")},
        follow=True,
    )


def test_an_admin_uploads_a_file_sees_the_counts_then_brings_them_in(
    provider: Any, admin: Any
) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    client = sign_in(Client(), admin)
    data = csv_bytes(
        [
            SERVICE_HEADINGS,
            service_row("S-1"),
            service_row("S-2"),
            service_row("S-3", name="New name"),
        ]
    )
    checked = _upload(client, "services", data)
    html = checked.content.decode()
    assert 'Will be added</dt><dd class="govuk-summary-list__value">2' in html
    assert 'Will stay as they are</dt><dd class="govuk-summary-list__value">1' in html
    assert "Bring them in" in html
    assert Service.objects.count() == 1  # nothing yet

    run = ImportRun.objects.get(file_name="services.csv", status="checked")
    done = client.post(reverse("imports:run", args=[run.pk]), follow=True)

    assert "2 added, 0 changed, 1 as they were" in done.content.decode()
    assert sorted(Service.objects.values_list("reference", flat=True)) == ["S-1", "S-2", "S-3"]
    run.refresh_from_db()
    assert run.content == ""  # the copy of the file is not kept once brought in
    assert (run.status, run.started_by, run.sha256) == (
        "done",
        admin,
        hashlib.sha256(data).hexdigest(),
    )


def test_the_check_page_lists_every_problem_in_plain_words(provider: Any, admin: Any) -> None:
    client = sign_in(Client(), admin)
    data = csv_bytes(
        [SERVICE_HEADINGS, service_row("S-1", postcode="nowhere"), service_row("S-2", name="")]
    )
    before = snapshot()
    html = _upload(client, "services", data).content.decode()
    assert "Put right the 2 problems below, then upload the file again" in html
    assert "Row 2, postcode: &#x27;NOWHERE&#x27; is not a UK postcode" in html
    assert "Row 3, name: this is empty: every service needs one" in html
    assert "Bring them in" not in html
    assert snapshot() | {"history": None} == before | {"history": None}


def test_a_file_with_problems_cannot_be_brought_in_by_pressing_anyway(
    provider: Any, admin: Any
) -> None:
    client = sign_in(Client(), admin)
    _upload(client, "services", csv_bytes([SERVICE_HEADINGS, service_row("S-1", town="")]))
    run = ImportRun.objects.get()
    client.post(reverse("imports:run", args=[run.pk]))
    run.refresh_from_db()
    assert (run.status, Service.objects.count()) == ("has_problems", 0)


def test_a_checked_file_is_rechecked_when_it_is_brought_in(provider: Any, admin: Any) -> None:
    """Between the check and "Bring them in" someone may have changed Alongside."""
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    client = sign_in(Client(), admin)
    from .helpers import STAFF_HEADINGS

    _upload(client, "staff", csv_bytes([STAFF_HEADINGS, staff_row("P1")]), name="staff.csv")
    run = ImportRun.objects.get(kind="staff")
    assert run.status == "checked"
    Service.objects.filter(reference="S-1").update(reference="S-1-old")
    client.post(reverse("imports:run", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "has_problems"
    assert run.problems == [
        "Row 2, services: 'S-1' is not a service in Alongside: bring in your services file first"
    ]
    assert StaffMember.objects.filter(reference="P1").count() == 0


def test_another_admin_or_organisation_cannot_see_or_bring_in_a_checked_file(
    provider: Any, admin: Any
) -> None:
    client = sign_in(Client(), admin)
    _upload(client, "services", csv_bytes([SERVICE_HEADINGS, service_row("S-1")]))
    run = ImportRun.objects.get()
    url = reverse("imports:run", args=[run.pk])
    same_org = StaffMemberFactory(organisation=provider, role=StaffMember.Role.ORG_ADMIN).user
    other_org = StaffMemberFactory(role=StaffMember.Role.ORG_ADMIN).user
    for someone in (same_org, other_org):
        other = sign_in(Client(), someone)
        assert other.get(url).status_code == 404
        assert other.post(url).status_code == 404
    run.refresh_from_db()
    assert (run.status, Service.objects.count()) == ("checked", 0)


def test_the_upload_form_says_what_is_missing(provider: Any, admin: Any) -> None:
    client = sign_in(Client(), admin)
    html = client.post(reverse("imports:start"), {}).content.decode()
    assert "Choose what records are in the file" in html
    assert "Choose a CSV file to upload" in html
    assert ImportRun.objects.count() == 0


def test_each_template_has_the_headings_the_guide_describes(provider: Any, admin: Any) -> None:
    client = sign_in(Client(), admin)
    for kind in ImportRun.Kind.values:
        download = client.get(reverse("imports:template", args=[kind]))
        assert download["Content-Type"].startswith("text/csv")
        headings = next(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
        guide = client.get(reverse("imports:guide", args=[kind])).content.decode()
        assert all(
            f'<th scope="row" class="govuk-table__header">{h}</th>' in guide for h in headings
        )
    assert headings == ["person", "name", "email", "relationship"]


def test_an_unknown_kind_of_file_is_not_found(provider: Any, admin: Any) -> None:
    client = sign_in(Client(), admin)
    assert client.get(reverse("imports:template", args=["cats"])).status_code == 404


def test_the_download_of_your_records_is_safe_to_open_in_a_spreadsheet(
    provider: Any, admin: Any
) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1", name="=SUM(A1:A9)")])
    client = sign_in(Client(), admin)
    download = client.get(reverse("imports:export", args=["services"]))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[1][:2] == ["S-1", "'=SUM(A1:A9)"]


def test_downloading_the_people_or_supporters_file_is_in_who_looked_for_each_person_in_it(
    provider: Any, council: Any, admin: Any
) -> None:
    from alongside.audit.models import RecordView
    from alongside.imports.importer import EXPORT_PAGES
    from alongside.people.models import Person

    from .helpers import PEOPLE_HEADINGS, SUPPORTER_HEADINGS, person_row

    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    bring_in_file(
        provider,
        "people",
        [
            PEOPLE_HEADINGS,
            person_row("R-1", council=council.name),
            person_row("R-2", council=council.name),
        ],
    )
    bring_in_file(
        provider,
        "supporters",
        [SUPPORTER_HEADINGS, ["R-2", "Amir Khan", "amir@example.org", "Brother"]],
    )
    first, second = Person.objects.get(reference="R-1"), Person.objects.get(reference="R-2")
    client = sign_in(Client(), admin)

    services = client.get(reverse("imports:export", args=["services"]))
    assert b"S-1" in services.content
    assert not RecordView.objects.exists()  # a services file holds no one's record

    people = client.get(reverse("imports:export", args=["people"]))
    assert b"R-1" in people.content and b"R-2" in people.content
    assert sorted(RecordView.objects.values_list("person_id", "page", "viewer_id")) == [
        (first.pk, EXPORT_PAGES["people"], admin.pk),
        (second.pk, EXPORT_PAGES["people"], admin.pk),
    ]

    RecordView.objects.all().delete()
    supporters = client.get(reverse("imports:export", args=["supporters"]))
    assert b"amir@example.org" in supporters.content
    assert list(RecordView.objects.values_list("person_id", "page")) == [
        (second.pk, EXPORT_PAGES["supporters"])
    ]
