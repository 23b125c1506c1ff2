"""The check the permission matrix uses to prove a GET writes nothing, tested itself."""

from __future__ import annotations

import pytest

from alongside.audit.models import RecordView
from alongside.organisations.models import Organisation
from tests.factories import PersonFactory

from .no_writes import writes_recorded

pytestmark = pytest.mark.django_db


def test_the_check_sees_inserts_updates_and_deletes_but_not_reads() -> None:
    with writes_recorded() as writes:
        organisation = Organisation.objects.create(name="Acorn")
        organisation.name = "Acorn Care"
        organisation.save()
        list(Organisation.objects.all())
        Organisation.objects.filter(pk=organisation.pk).delete()
    tables = [w.split()[2 if w.startswith(("INSERT", "DELETE")) else 1].strip('"') for w in writes]
    assert "organisations_organisation" in tables
    kinds = {w.split()[0] for w in writes}
    assert {"INSERT", "UPDATE", "DELETE"} <= kinds
    assert not any(w.startswith("SELECT") for w in writes)


def test_the_check_lets_the_audit_logs_view_records_through() -> None:
    person = PersonFactory()
    with writes_recorded() as writes:
        RecordView.objects.create(person=person, viewer=person.user, page="record")
    assert writes == []
