"""Files as real spreadsheets save them: encodings, heading styles, column order, dates,
empty rows at the end."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from alongside.organisations.models import Service
from alongside.people.models import Person

from .helpers import PEOPLE_HEADINGS, SERVICE_HEADINGS, bring_in_file, csv_bytes, person_row


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")],
    ids=["utf-8", "utf-8 with a byte-order mark", "windows-1252 as Excel saves it"],
)
def test_a_file_in_each_encoding_brings_in_the_same_names(
    provider: Any, encoding: str, prefix: bytes
) -> None:
    rows = [
        SERVICE_HEADINGS,
        ["S-1", "Café Zoë – Ty’n y Coed", "", "4 Elm Road", "", "Leeds", "LS1 4AB", "North"],
    ]
    bring_in_file(provider, "services", prefix + csv_bytes(rows, encoding=encoding))
    assert Service.objects.get().name == "Café Zoë – Ty’n y Coed"


def test_columns_in_any_order_and_headings_in_any_case_and_spacing(provider: Any) -> None:
    data = (
        b"  POSTCODE ,Region,Address_Line 1,town,Name,REFERENCE\r\n"
        b"ls14ab,North,4 Elm Road,Leeds,Elm House,S-1\r\n"
    )
    bring_in_file(provider, "services", data)
    service = Service.objects.get()
    assert (service.reference, service.name, service.postcode, service.region.name) == (
        "S-1",
        "Elm House",
        "LS1 4AB",
        "North",
    )


def test_uk_and_iso_dates_are_both_read(provider: Any, council: Any) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, ["S-1", "Elm", "", "4 Elm Road", "", "Leeds", "LS1 4AB", "North"]])
    bring_in_file(
        provider,
        "people",
        [
            PEOPLE_HEADINGS,
            person_row("R-1", council=council.name, date_of_birth="31/12/1990"),
            person_row("R-2", council=council.name, date_of_birth="1990-12-31"),
        ],
    )
    assert set(Person.objects.values_list("date_of_birth", flat=True)) == {
        datetime.date(1990, 12, 31)
    }


def test_empty_rows_at_the_end_are_left_out(provider: Any) -> None:
    data = csv_bytes([SERVICE_HEADINGS, ["S-1", "Elm", "", "4 Elm Road", "", "Leeds", "LS1 4AB", "North"]])
    run = bring_in_file(provider, "services", data + b",,,,,,,\r\n,,,,,,,\r\n\r\n")
    assert (run.total_rows, run.added, Service.objects.count()) == (1, 1, 1)


def test_a_cell_alongside_wrote_safe_for_a_spreadsheet_comes_back_as_it_was(provider: Any) -> None:
    rows = [SERVICE_HEADINGS, ["S-1", "-Elm House-", "", "=4 Elm Road", "", "Leeds", "LS1 4AB", "North"]]
    data = csv_bytes(rows)
    assert b"'-Elm House-" in data and b"'=4 Elm Road" in data
    bring_in_file(provider, "services", data)
    service = Service.objects.get()
    assert (service.name, service.address_line_1) == ("-Elm House-", "=4 Elm Road")
