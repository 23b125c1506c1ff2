"""The large demo's services, staff, people and supporters come in through the importer
(issue 13, item 5), from generated files, without emailing anyone."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from alongside.accounts.models import Invitation
from alongside.demo.files import KINDS, demo_files
from alongside.demo.organisations import (
    LARGE_COUNCILS,
    LARGE_PROVIDER,
    SKILLS,
    import_large_files,
)
from alongside.imports.models import ImportRun
from alongside.organisations.models import Organisation, Service, Skill, StaffMember
from alongside.people.models import Person, Supporter

pytestmark = pytest.mark.django_db

FRACTION = 0.002
NOON = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def _rows(data: bytes) -> int:
    return len(data.decode().splitlines()) - 1


def _provider() -> Organisation:
    for name in LARGE_COUNCILS:
        Organisation.objects.create(name=name, kind=Organisation.Kind.COUNCIL)
    for name in SKILLS:
        Skill.objects.get_or_create(name=name)
    return Organisation.objects.create(name=LARGE_PROVIDER, kind=Organisation.Kind.PROVIDER)


def test_the_large_demo_brings_in_one_file_of_each_kind_through_the_importer() -> None:
    files = demo_files(councils=LARGE_COUNCILS, skills=SKILLS, seed=7, scale=FRACTION)
    with time_machine.travel(NOON, tick=False):
        call_command("seed_demo", "--scale", "large", "--seed", "7", "--fraction", str(FRACTION))
    provider = Organisation.objects.get(name=LARGE_PROVIDER)
    runs = {run.kind: run for run in ImportRun.objects.filter(organisation=provider)}
    assert sorted(runs) == sorted(KINDS)
    for kind, data in files.items():
        assert runs[kind].status == ImportRun.Status.DONE
        assert runs[kind].added == runs[kind].total_rows == _rows(data)
    assert Service.objects.filter(organisation=provider).count() == _rows(files["services"])
    assert StaffMember.objects.filter(organisation=provider).count() == _rows(files["staff"])
    assert Person.objects.filter(provider=provider).count() == _rows(files["people"])
    assert Supporter.objects.filter(person__provider=provider).count() == _rows(files["supporters"])
    # The rest of the demo is added on top of the imported records.
    assert StaffMember.objects.filter(
        organisation=provider, role=StaffMember.Role.SUPPORT_WORKER, rota_terms__min_hours__gt=0
    ).exists()
    # Every other person signs in themselves (the benchmarks load their pages as them).
    people = Person.objects.filter(provider=provider)
    assert people.filter(user__isnull=False).count() == (people.count() + 1) // 2


def test_the_demo_invites_none_of_the_accounts_it_brings_in() -> None:
    provider = _provider()
    with time_machine.travel(NOON, tick=False):
        import_large_files(provider=provider, seed=7, log=lambda _: None, scale=FRACTION)
    assert StaffMember.objects.filter(organisation=provider).exists()
    assert Supporter.objects.filter(person__provider=provider, user__isnull=False).exists()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_bringing_in_the_demo_files_again_changes_nothing() -> None:
    provider = _provider()
    with time_machine.travel(NOON, tick=False):
        import_large_files(provider=provider, seed=7, log=lambda _: None, scale=FRACTION)
        again = import_large_files(provider=provider, seed=7, log=lambda _: None, scale=FRACTION)
    for run in again:
        assert (run.added, run.changed) == (0, 0)
        assert run.unchanged == run.total_rows > 0


def test_the_same_seed_gives_the_same_demo_files_and_another_seed_other_ones() -> None:
    first = demo_files(councils=LARGE_COUNCILS, skills=SKILLS, seed=7, scale=0.01)
    assert demo_files(councils=LARGE_COUNCILS, skills=SKILLS, seed=7, scale=0.01) == first
    assert demo_files(councils=LARGE_COUNCILS, skills=SKILLS, seed=8, scale=0.01) != first
