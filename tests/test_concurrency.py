"""The one way records are saved without overwriting someone else's words."""

from __future__ import annotations

import pytest

from alongside.concurrency import EditConflict, save_if_unchanged
from alongside.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class NotesConflict(EditConflict):
    message = "Someone else saved these notes."


def test_the_second_of_two_editors_who_opened_the_same_version_is_told_and_changes_nothing() -> (
    None
):
    person = PersonFactory(preferred_name="Jo")
    first, second = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    first.preferred_name = "Josie"
    save_if_unchanged(obj=first, expected_version=person.version, fields=["preferred_name"])
    second.preferred_name = "Joanne"
    with pytest.raises(NotesConflict) as raised:
        save_if_unchanged(
            obj=second,
            expected_version=person.version,
            fields=["preferred_name"],
            conflict=NotesConflict,
        )
    assert raised.value.current.preferred_name == "Josie"
    assert str(raised.value) == "Someone else saved these notes."
    saved = Person.objects.get(pk=person.pk)
    assert (saved.preferred_name, saved.version) == ("Josie", person.version + 1)


def test_only_the_named_fields_are_written() -> None:
    person = PersonFactory(preferred_name="Jo", pronouns="she/her")
    stale = Person.objects.get(pk=person.pk)
    Person.objects.filter(pk=person.pk).update(pronouns="they/them")
    stale.preferred_name = "Josie"
    save_if_unchanged(obj=stale, expected_version=person.version, fields=["preferred_name"])
    saved = Person.objects.get(pk=person.pk)
    assert (saved.preferred_name, saved.pronouns) == ("Josie", "they/them")
