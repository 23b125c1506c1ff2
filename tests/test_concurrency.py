"""The one way records are saved without overwriting someone else's words."""

from __future__ import annotations

import pytest

from alongside.concurrency import EditConflict, save_first_or_unchanged, save_if_unchanged
from alongside.people.models import Person
from alongside.team.models import TeamSettings
from tests.factories import PersonFactory, ProviderFactory

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


def test_of_two_first_saves_of_an_organisations_settings_one_is_in_and_the_other_is_told() -> None:
    organisation = ProviderFactory()
    # Both admins found no settings saved yet, so each holds an unsaved record at version 1.
    first = TeamSettings(organisation=organisation, change_request_days=7)
    second = TeamSettings(organisation=organisation, change_request_days=21)
    save_first_or_unchanged(obj=first, expected_version=1, unique={"organisation": organisation})
    with pytest.raises(EditConflict) as raised:
        save_first_or_unchanged(
            obj=second, expected_version=1, unique={"organisation": organisation}
        )
    assert raised.value.current.change_request_days == 7
    assert second.pk is None
    saved = TeamSettings.objects.get()
    assert (saved.change_request_days, saved.version) == (7, 2)
