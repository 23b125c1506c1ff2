"""The one way a service saves a record and records the change (issue 16, item 3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from alongside.audit.models import RecordChange
from alongside.concurrency import EditConflict
from alongside.people.models import Person
from alongside.saving import save_and_record
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


class NameConflict(EditConflict):
    message = "Someone else changed the name."


def test_a_save_names_who_made_it_in_the_history_and_records_the_change_for_the_person() -> None:
    person = PersonFactory(preferred_name="Jo")
    editor = UserFactory()
    person.preferred_name = "Josie"
    save_and_record(
        obj=person,
        by=editor,
        person=person,
        action="details_changed",
        summary="Changed my preferred name",
    )
    saved = Person.objects.get(pk=person.pk)
    assert saved.preferred_name == "Josie"
    latest = saved.history.first()
    assert (latest.preferred_name, latest.history_user) == ("Josie", editor)
    change = RecordChange.objects.get(person=person)
    assert (change.changed_by, change.action, change.summary) == (
        editor,
        "details_changed",
        "Changed my preferred name",
    )


def test_a_record_that_fails_its_checks_is_not_saved_and_no_change_is_recorded() -> None:
    person = PersonFactory(preferred_name="Jo")
    history_rows = person.history.count()
    person.preferred_name = "x" * 500  # longer than the field allows
    with pytest.raises(ValidationError):
        save_and_record(
            obj=person, by=UserFactory(), person=person, action="details_changed", summary="No"
        )
    assert Person.objects.get(pk=person.pk).preferred_name == "Jo"
    assert person.history.count() == history_rows
    assert not RecordChange.objects.filter(person=person).exists()


def test_a_failure_after_the_save_rolls_the_save_back_too() -> None:
    person = PersonFactory(preferred_name="Jo")
    person.preferred_name = "Josie"
    with pytest.raises(ValueError):
        # A summary that cannot be stored: the audit row fails after the record was saved.
        save_and_record(
            obj=person,
            by=UserFactory(),
            person=Person(pk=None),  # an unsaved person cannot be recorded against
            action="details_changed",
            summary="Changed my preferred name",
        )
    assert Person.objects.get(pk=person.pk).preferred_name == "Jo"


def test_an_editor_who_opened_an_older_version_is_told_and_nothing_is_saved_or_recorded() -> None:
    person = PersonFactory(preferred_name="Jo")
    opened = person.version
    Person.objects.filter(pk=person.pk).update(preferred_name="Josie", version=opened + 1)
    person.preferred_name = "Joanne"
    with pytest.raises(NameConflict) as raised:
        save_and_record(
            obj=person,
            by=UserFactory(),
            expected_version=opened,
            fields=["preferred_name"],
            conflict=NameConflict,
            person=person,
            action="details_changed",
            summary="Changed my preferred name",
        )
    assert raised.value.current.preferred_name == "Josie"
    assert Person.objects.get(pk=person.pk).preferred_name == "Josie"
    assert not RecordChange.objects.filter(person=person).exists()


def test_only_the_named_fields_are_saved_and_the_version_moves_on_by_one() -> None:
    person = PersonFactory(preferred_name="Jo", pronouns="she/her")
    opened = person.version
    Person.objects.filter(pk=person.pk).update(pronouns="they/them")
    person.preferred_name = "Josie"
    save_and_record(
        obj=person, by=UserFactory(), expected_version=opened, fields=["preferred_name"]
    )
    saved = Person.objects.get(pk=person.pk)
    assert (saved.preferred_name, saved.pronouns, saved.version) == (
        "Josie",
        "they/them",
        opened + 1,
    )
