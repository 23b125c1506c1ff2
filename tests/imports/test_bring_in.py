"""Bringing in files: what is written, and that a second run of the same file changes
nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from alongside.imports.models import ImportRun
from alongside.organisations.models import Service, StaffMember
from alongside.people.models import Person, Supporter
from alongside.rota.models import WorkerTerms
from tests.factories import SkillFactory

from .helpers import (
    PEOPLE_HEADINGS,
    SERVICE_HEADINGS,
    STAFF_HEADINGS,
    SUPPORTER_HEADINGS,
    bring_in_file,
    person_row,
    service_row,
    snapshot,
    staff_row,
    upload,
)


def test_a_services_file_brings_in_each_service_with_its_region(provider: Any, admin: Any) -> None:
    run = bring_in_file(
        provider,
        "services",
        [SERVICE_HEADINGS, service_row("S-1"), service_row("S-2", type="Care home", region="South")],
        by=admin,
    )
    assert (run.status, run.added, run.changed, run.unchanged) == ("done", 2, 0, 0)
    found = {s.reference: (s.name, s.kind, s.region.name) for s in Service.objects.all()}
    assert found == {
        "S-1": ("Home S-1", "supported_living", "North"),
        "S-2": ("Home S-2", "home", "South"),
    }
    assert Service.history.filter(history_user=admin).count() == 2


def test_a_staff_file_makes_accounts_with_their_services_skills_and_hours(
    provider: Any, admin: Any
) -> None:
    SkillFactory(name="Medication trained")
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1"), service_row("S-2")])
    bring_in_file(
        provider,
        "staff",
        [
            STAFF_HEADINGS,
            staff_row(
                "P1",
                services="S-1; S-2",
                skills="medication TRAINED",
                contracted_hours="30",
                maximum_hours="55",
                opted_out_of_48_hours="yes",
            ),
        ],
        by=admin,
    )
    worker = StaffMember.objects.get(reference="P1")
    assert worker.user.email == "p1@example.org"
    assert worker.user.has_usable_password() is False
    assert sorted(worker.services.values_list("reference", flat=True)) == ["S-1", "S-2"]
    assert list(worker.skills.values_list("name", flat=True)) == ["Medication trained"]
    assert worker.contracted_hours == Decimal("30")
    terms = WorkerTerms.objects.get(worker=worker)
    assert (terms.max_hours, terms.opted_out_of_48_hours) == (Decimal("55"), True)


def test_the_same_files_twice_change_nothing(provider: Any, council: Any, admin: Any) -> None:
    files = [
        ("services", [SERVICE_HEADINGS, service_row("S-1")]),
        ("staff", [STAFF_HEADINGS, staff_row("P1")]),
        ("people", [PEOPLE_HEADINGS, person_row("R-1", council=council.name)]),
        ("supporters", [SUPPORTER_HEADINGS, ["R-1", "Amir Khan", "amir@example.org", "Brother"]]),
    ]
    for kind, rows in files:
        bring_in_file(provider, kind, rows, by=admin)
    before = snapshot()
    for kind, rows in files:
        again = bring_in_file(provider, kind, rows, by=admin)
        assert (again.added, again.changed, again.unchanged) == (0, 0, 1), kind
    assert snapshot() == before


def test_a_corrected_file_updates_in_place_and_history_says_who(
    provider: Any, council: Any, admin: Any
) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    bring_in_file(provider, "people", [PEOPLE_HEADINGS, person_row("R-1", council=council.name)])
    person = Person.objects.get()
    run = bring_in_file(
        provider,
        "people",
        [PEOPLE_HEADINGS, person_row("R-1", council=council.name, date_of_birth="1990-12-30")],
        by=admin,
    )
    assert (run.added, run.changed, run.unchanged) == (0, 1, 0)
    person.refresh_from_db()
    assert person.pk == Person.objects.get().pk
    assert str(person.date_of_birth) == "1990-12-30"
    latest = person.history.first()
    assert (latest.history_user, latest.history_change_reason) == (admin, "Brought in from a file")
    assert ImportRun.objects.filter(kind="people").count() == 2


def test_a_supporter_file_links_each_supporter_to_the_person(
    provider: Any, council: Any
) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    bring_in_file(provider, "people", [PEOPLE_HEADINGS, person_row("R-1", council=council.name)])
    bring_in_file(
        provider,
        "supporters",
        [SUPPORTER_HEADINGS, ["R-1", "Amir Khan", "Amir@Example.org", "My brother"]],
    )
    link = Supporter.objects.get()
    assert (link.person.reference, link.user.email, link.user.display_name) == (
        "R-1",
        "amir@example.org",
        "Amir Khan",
    )
    assert link.relationship == "My brother"


def test_a_file_checked_is_not_written_until_it_is_brought_in(provider: Any) -> None:
    run = upload(provider, "services", [SERVICE_HEADINGS, service_row("S-1"), service_row("S-2")])
    assert (run.status, run.added) == ("checked", 2)
    assert Service.objects.count() == 0
