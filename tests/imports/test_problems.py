"""Every kind of mistake in a file gets its own plain message, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from alongside.imports.models import ImportRun
from tests.factories import StaffMemberFactory

from .helpers import (
    PEOPLE_HEADINGS,
    SERVICE_HEADINGS,
    STAFF_HEADINGS,
    SUPPORTER_HEADINGS,
    bring_in_file,
    csv_bytes,
    person_row,
    service_row,
    snapshot,
    staff_row,
    upload,
)


@pytest.fixture
def with_a_service(provider: Any, council: Any) -> Any:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    return provider


def problems_of(provider: Any, kind: str, rows: list[list[str]] | bytes) -> list[str]:
    """Check the file; assert it changed nothing and cannot be brought in."""
    before = snapshot()
    run = upload(provider, kind, rows)
    assert run.status == ImportRun.Status.HAS_PROBLEMS
    assert run.content == ""  # nothing kept to bring in
    assert snapshot() == before
    return run.problems


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("email", "jo@", "Row 2, email: 'jo@' is not an email address"),
        ("role", "boss", "Row 2, role: 'boss' is not a role: write support worker, service"),
        ("contracted_hours", "lots", "Row 2, contracted hours: 'lots' is not a number of hours"),
        ("contracted_hours", "١٢", "Row 2, contracted hours: '١٢' is not a number of hours"),
        ("maximum_hours", "81", "Row 2, maximum hours: '81' is not between 0 and 80 hours"),
        ("maximum_hours", "50", "Row 2, maximum hours: '50' is more than 48 hours a week"),
        ("left", "maybe", "Row 2, left: 'maybe' is not yes or no"),
        ("name", "", "Row 2, name: this is empty: every staff member needs one"),
        ("skills", "Juggling", "Row 2, skills: 'Juggling' not a skill Alongside knows"),
    ],
)
def test_a_wrong_value_in_a_staff_row_is_named_with_its_row_and_column(
    with_a_service: Any, column: str, value: str, message: str
) -> None:
    problems = problems_of(with_a_service, "staff", [STAFF_HEADINGS, staff_row("P1", **{column: value})])
    assert len(problems) == 1 and problems[0].startswith(message), problems


def test_a_staff_member_whose_service_is_not_in_alongside_is_refused(with_a_service: Any) -> None:
    problems = problems_of(
        with_a_service, "staff", [STAFF_HEADINGS, staff_row("P1", services="S-1; S-404")]
    )
    assert problems == [
        "Row 2, services: 'S-404' is not a service in Alongside: bring in your services file first"
    ]


def test_an_email_used_at_another_organisation_is_refused(with_a_service: Any) -> None:
    elsewhere = StaffMemberFactory()
    problems = problems_of(
        with_a_service, "staff", [STAFF_HEADINGS, staff_row("P1", email=elsewhere.user.email)]
    )
    assert problems == [
        f"Row 2, email: '{elsewhere.user.email}' is already used by someone at another organisation"
    ]


def test_an_error_on_the_last_row_is_found_and_the_rows_before_it_are_not_written(
    with_a_service: Any,
) -> None:
    rows = [STAFF_HEADINGS, *(staff_row(f"P{n}") for n in range(1, 30)), staff_row("P30", email="x")]
    assert problems_of(with_a_service, "staff", rows) == [
        "Row 31, email: 'x' is not an email address"
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_of_birth": "31/02/1990"}, "Row 2, date of birth: '31/02/1990' is not a date"),
        ({"date_of_birth": "12/31/1990"}, "Row 2, date of birth: '12/31/1990' is not a date"),
        ({"date_of_birth": "31/12/2999"}, "Row 2, date of birth: '31/12/2999' is in the future"),
        ({"nhs_number": "943 476 5918"}, "Row 2, NHS number: '943 476 5918' is not an NHS number"),
        ({"service": "S-404"}, "Row 2, service: 'S-404' is not a service in Alongside"),
        ({"council": "Atlantis"}, "Row 2, council: 'Atlantis' is not a council in Alongside"),
    ],
)
def test_a_wrong_value_in_a_person_row_is_named_with_its_row_and_column(
    with_a_service: Any, council: Any, changes: dict[str, str], message: str
) -> None:
    row = person_row("R-1", **{"council": council.name, **changes})
    problems = problems_of(with_a_service, "people", [PEOPLE_HEADINGS, row])
    assert len(problems) == 1 and problems[0].startswith(message), problems


def test_a_wrong_value_in_a_service_row_is_named(provider: Any) -> None:
    problems = problems_of(
        provider,
        "services",
        [SERVICE_HEADINGS, service_row("S-1", postcode="NOWHERE", type="Castle")],
    )
    assert problems == [
        "Row 2, type: 'Castle' is not a type of service: write supported living, care home or "
        "community scheme",
        "Row 2, postcode: 'NOWHERE' is not a UK postcode",
    ]


def test_a_supporter_of_someone_not_in_alongside_is_refused(with_a_service: Any) -> None:
    problems = problems_of(
        with_a_service, "supporters", [SUPPORTER_HEADINGS, ["R-404", "Amir", "a@example.org", "Brother"]]
    )
    assert problems == [
        "Row 2, person: 'R-404' is not a person in Alongside: bring in your people file first"
    ]


def test_a_reference_twice_in_the_file_is_refused(provider: Any) -> None:
    problems = problems_of(
        provider, "services", [SERVICE_HEADINGS, service_row("S-1"), service_row("S-2"), service_row("S-1")]
    )
    assert problems == [
        "Row 4, reference: 'S-1' is also on row 2: each reference may be in the file once"
    ]


def test_an_email_twice_in_a_staff_file_is_refused(with_a_service: Any) -> None:
    problems = problems_of(
        with_a_service,
        "staff",
        [STAFF_HEADINGS, staff_row("P1", email="jo@example.org"), staff_row("P2", email="JO@example.org")],
    )
    assert problems == [
        "Row 3, email: 'jo@example.org' is also on row 2: each staff member needs their own email"
    ]


def test_a_missing_required_column_is_named(provider: Any) -> None:
    headings = [h for h in SERVICE_HEADINGS if h != "postcode"]
    row = service_row("S-1")
    del row[SERVICE_HEADINGS.index("postcode")]
    assert problems_of(provider, "services", [headings, row]) == [
        "The file has no 'postcode' column: every service file needs one."
    ]


def test_an_unknown_column_is_named_with_the_columns_that_are_known(provider: Any) -> None:
    problems = problems_of(
        provider, "services", [[*SERVICE_HEADINGS, "Favourite colour"], [*service_row(), "Blue"]]
    )
    assert problems == [
        "The column 'Favourite colour' is not one Alongside knows for a service file. The "
        "columns are: reference, name, type, address line 1, address line 2, town, postcode, "
        "region."
    ]


@override_settings(IMPORT_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused_by_its_size(provider: Any) -> None:
    rows = [SERVICE_HEADINGS, *(service_row(f"S-{n}") for n in range(40))]
    assert problems_of(provider, "services", rows) == [
        f"'services.csv' is {len(csv_bytes(rows)) / 1024 / 1024:.1f} MB: the most Alongside "
        "takes is 0 MB. Split it into smaller files."
    ]


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x14\x00\x06\x00 an Excel workbook", b"%PDF-1.7 a PDF", b"name\x00\x00\x01\x02"],
)
def test_a_file_that_is_not_csv_is_refused(provider: Any, data: bytes) -> None:
    assert problems_of(provider, "services", data) == [
        "'services.csv' is not a CSV file. In your spreadsheet, choose Save as, then CSV "
        "UTF-8, and upload that."
    ]


def test_a_row_with_more_cells_than_headings_is_refused(provider: Any) -> None:
    data = csv_bytes([SERVICE_HEADINGS]) + b"S-1,Elm,,4 Elm Road,,Leeds,LS1 4AB,North,extra\n"
    assert problems_of(provider, "services", data) == [
        "'services.csv' could not be read as a CSV file: some rows have more cells than there "
        "are headings. Check for stray commas."
    ]


def test_a_file_with_headings_and_no_rows_is_refused(provider: Any) -> None:
    assert problems_of(provider, "services", [SERVICE_HEADINGS]) == [
        "'services.csv' has headings but no rows."
    ]


def test_one_supporter_named_two_ways_in_the_file_is_refused(
    with_a_service: Any, council: Any
) -> None:
    bring_in_file(
        with_a_service,
        "people",
        [PEOPLE_HEADINGS, person_row("R-1", council=council.name), person_row("R-2", council=council.name)],
    )
    problems = problems_of(
        with_a_service,
        "supporters",
        [
            SUPPORTER_HEADINGS,
            ["R-1", "Amir Khan", "amir@example.org", "Brother"],
            ["R-2", "A. Khan", "amir@example.org", "Uncle"],
        ],
    )
    assert problems == [
        "Row 3, name: 'amir@example.org' is 'Amir Khan' on row 2: write their name the same "
        "way on every row"
    ]
