"""Any valid set of files brings in, and downloads back as the very same rows."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.imports.importer import export_rows
from alongside.organisations.models import StaffMember
from tests.factories import CouncilFactory, ProviderFactory, SkillFactory

from .helpers import (
    PEOPLE_HEADINGS,
    SERVICE_HEADINGS,
    STAFF_HEADINGS,
    SUPPORTER_HEADINGS,
    bring_in_file,
)

pytestmark = pytest.mark.django_db

# Letters and the characters that start a formula or quote a cell, so the CSV writer's
# neutralising is part of the round trip.
TEXT = st.text(alphabet="abcXYZ é'=+-@&,\"", min_size=1, max_size=20).map(str.strip).filter(bool)
SKILLS = ["Driver", "Medication trained"]
COUNCIL = "Round Trip Council"


def nhs_number(nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else f"{nine}{check}"


@st.composite
def files(draw: Any) -> dict[str, list[list[str]]]:
    service_count = draw(st.integers(1, 4))
    services = [
        [
            f"S-{i}",
            draw(TEXT),
            draw(st.sampled_from(["Supported living", "Care home", "Community scheme"])),
            draw(TEXT),
            draw(st.sampled_from(["", "Flat 2"])),
            draw(TEXT),
            draw(st.sampled_from(["LS1 4AB", "YO1 7HH", "M1 1AE"])),
            draw(st.sampled_from(["North", "South"])),
        ]
        for i in range(service_count)
    ]
    refs = [s[0] for s in services]
    staff = []
    for i in range(draw(st.integers(0, 4))):
        most = draw(st.sampled_from(["20", "48", "60"]))
        opted_out = "yes" if most == "60" else draw(st.sampled_from(["yes", "no"]))
        staff.append(
            [
                f"P{i}",
                draw(TEXT),
                f"worker{i}@example.org",
                draw(st.sampled_from([label for _, label in StaffMember.Role.choices])),
                "; ".join(sorted(draw(st.sets(st.sampled_from(refs))))),
                "; ".join(sorted(draw(st.sets(st.sampled_from(SKILLS))))),
                draw(st.sampled_from(["0", "16.5", "37.5"])),
                most,
                opted_out,
                draw(st.sampled_from(["yes", "no"])),
            ]
        )
    people = []
    for i in range(draw(st.integers(0, 4))):
        born = draw(st.dates(datetime.date(1930, 1, 1), datetime.date(2005, 12, 31)))
        number = nhs_number(draw(st.text(alphabet="0123456789", min_size=9, max_size=9)))
        people.append(
            [
                f"R-{i}",
                draw(TEXT),
                draw(TEXT),
                draw(st.sampled_from([born.strftime("%d/%m/%Y"), ""])),
                draw(st.sampled_from(refs)),
                COUNCIL,
                draw(st.sampled_from(["", "LCC-1"])),
                draw(st.sampled_from([number or "", ""])),
            ]
        )
    friends = [draw(TEXT) for _ in range(2)]  # one account has one name
    supporters = sorted(
        [p[0], friends[j], f"friend{j}@example.org", draw(TEXT)]
        for p in people
        for j in range(draw(st.integers(0, 2)))
    )
    return {
        "services": [SERVICE_HEADINGS, *services],
        "staff": [STAFF_HEADINGS, *staff],
        "people": [PEOPLE_HEADINGS, *people],
        "supporters": [SUPPORTER_HEADINGS, *supporters],
    }


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=files())
def test_any_valid_files_bring_in_and_download_as_the_same_rows(
    files: dict[str, list[list[str]]],
) -> None:
    with transaction.atomic():
        provider = ProviderFactory()
        CouncilFactory(name=COUNCIL)
        for name in SKILLS:
            SkillFactory(name=name)
        for kind, rows in files.items():
            if len(rows) > 1:
                bring_in_file(provider, kind, rows)
        for kind, rows in files.items():
            exported = export_rows(organisation=provider, kind=kind)
            assert exported[0] == rows[0]
            assert sorted(exported[1:]) == sorted(rows[1:])
        # And what was downloaded brings in again as it is.
        for kind, rows in files.items():
            if len(rows) > 1:
                again = bring_in_file(provider, kind, rows)
                assert (again.added, again.changed) == (0, 0)
        transaction.set_rollback(True)
