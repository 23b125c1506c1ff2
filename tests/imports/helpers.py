"""Building files to bring in, and a snapshot of what is in the database."""

from __future__ import annotations

from typing import Any

from alongside.accounts.models import User
from alongside.csv_files import csv_text
from alongside.imports.models import ImportRun
from alongside.imports.services import bring_in, check_upload
from alongside.organisations.models import Region, Service, StaffMember
from alongside.people.models import Person, Supporter
from alongside.rota.models import WorkerTerms

SERVICE_HEADINGS = [
    "reference",
    "name",
    "type",
    "address line 1",
    "address line 2",
    "town",
    "postcode",
    "region",
]
STAFF_HEADINGS = [
    "reference",
    "name",
    "email",
    "role",
    "services",
    "skills",
    "contracted hours",
    "maximum hours",
    "opted out of 48 hours",
    "left",
]
PEOPLE_HEADINGS = [
    "reference",
    "full name",
    "preferred name",
    "date of birth",
    "service",
    "council",
    "council reference",
    "NHS number",
]
SUPPORTER_HEADINGS = ["person", "name", "email", "relationship"]


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8") -> bytes:
    return csv_text(rows).encode(encoding)


def service_row(ref: str = "S-1", **changes: str) -> list[str]:
    row = {
        "reference": ref,
        "name": f"Home {ref}",
        "type": "Supported living",
        "address line 1": "4 Elm Road",
        "address line 2": "",
        "town": "Leeds",
        "postcode": "LS1 4AB",
        "region": "North",
    }
    row.update(changes)
    return [row[h] for h in SERVICE_HEADINGS]


def staff_row(ref: str = "P1", **changes: str) -> list[str]:
    row = {
        "reference": ref,
        "name": f"Worker {ref}",
        "email": f"{ref.lower()}@example.org",
        "role": "Support worker",
        "services": "S-1",
        "skills": "",
        "contracted hours": "37.5",
        "maximum hours": "48",
        "opted out of 48 hours": "no",
        "left": "no",
    }
    row.update({k.replace("_", " "): v for k, v in changes.items()})
    return [row[h] for h in STAFF_HEADINGS]


def person_row(ref: str = "R-1", council: str = "", **changes: str) -> list[str]:
    row = {
        "reference": ref,
        "full name": f"Sam {ref}",
        "preferred name": "Sam",
        "date of birth": "31/12/1990",
        "service": "S-1",
        "council": council,
        "council reference": "",
        "NHS number": "",
    }
    headings = {h.lower(): h for h in PEOPLE_HEADINGS}
    row.update({headings[k.replace("_", " ")]: v for k, v in changes.items()})
    return [row[h] for h in PEOPLE_HEADINGS]


def upload(
    organisation: Any, kind: str, rows: list[list[str]] | bytes, *, by: Any = None
) -> ImportRun:
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return check_upload(
        organisation=organisation, kind=kind, file_name=f"{kind}.csv", data=data, by=by
    )


def bring_in_file(
    organisation: Any, kind: str, rows: list[list[str]] | bytes, *, by: Any = None
) -> ImportRun:
    run = upload(organisation, kind, rows, by=by)
    assert run.problems == [], run.problems
    return bring_in(run=run, by=by)


def snapshot() -> dict[str, Any]:
    """Everything an import could write, to compare before and after."""
    return {
        "users": sorted(User.objects.values_list("email", "display_name", "is_active")),
        "regions": sorted(Region.objects.values_list("name", flat=True)),
        "services": sorted(Service.objects.values_list("reference", "name", "postcode")),
        "staff": sorted(StaffMember.objects.values_list("reference", "role", "contracted_hours")),
        "terms": sorted(WorkerTerms.objects.values_list("worker_id", "max_hours")),
        "people": sorted(Person.objects.values_list("reference", "full_name", "date_of_birth")),
        "supporters": sorted(Supporter.objects.values_list("person_id", "relationship")),
        "history": (
            Service.history.count(),
            StaffMember.history.count(),
            Person.history.count(),
            Supporter.history.count(),
        ),
    }
