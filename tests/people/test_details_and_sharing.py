from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import RecordChange
from alongside.concurrency import EditConflict
from alongside.people.models import Person
from alongside.people.services import update_person_details
from alongside.people.sharing import Audience, Part, SupporterScope
from tests.conftest import sign_in
from tests.factories import PersonFactory, SupporterFactory

pytestmark = pytest.mark.django_db


def _details(version: int, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "preferred_name": "Jo",
        "pronouns": "she/her",
        "version": version,
    }
    data.update(overrides)
    return data


class TestChangingMyDetails:
    def test_the_person_changes_their_details_and_a_version_is_kept_with_who(self) -> None:
        person = PersonFactory(preferred_name="Josephine")
        client = sign_in(Client(), person.user)
        response = client.post(reverse("people:details", args=[person.pk]), _details(1))
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.preferred_name == "Jo"
        assert person.version == 2
        latest = person.history.first()
        assert latest.preferred_name == "Jo"
        assert latest.history_user == person.user
        change = RecordChange.objects.get(person=person)
        assert change.changed_by == person.user
        assert "the name I like to be called" in change.summary

    def test_an_empty_name_is_refused_with_a_clear_message_and_nothing_changes(self) -> None:
        person = PersonFactory(preferred_name="Josephine")
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("people:details", args=[person.pk]), _details(1, preferred_name="   ")
        )
        assert response.status_code == 200
        assert "Enter the name you like to be called" in response.content.decode()
        person.refresh_from_db()
        assert (person.preferred_name, person.version) == ("Josephine", 1)
        assert not RecordChange.objects.exists()

    def test_too_long_pronouns_are_refused_and_nothing_changes(self) -> None:
        person = PersonFactory(pronouns="")
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("people:details", args=[person.pk]), _details(1, pronouns="x" * 41)
        )
        assert "Pronouns must be 40 characters or fewer" in response.content.decode()
        person.refresh_from_db()
        assert person.pronouns == ""

    def test_the_second_person_to_save_is_told_and_keeps_their_words(self) -> None:
        person = PersonFactory(pronouns="")
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.HELP_EDIT])
        mine, theirs = sign_in(Client(), person.user), sign_in(Client(), supporter.user)
        url = reverse("people:details", args=[person.pk])
        # Both opened the form at version 1; the supporter saves first.
        theirs.post(url, _details(1, pronouns="they/them"))
        response = mine.post(url, _details(1, pronouns="she/they"))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else changed this while you were writing" in page
        assert 'value="she/they"' in page  # my words, kept in the box
        assert "they/them" in page  # their saved words, beside mine
        person.refresh_from_db()
        assert person.pronouns == "they/them"
        response = mine.post(url, _details(2, pronouns="she/they"))
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.pronouns == "she/they"

    def test_the_service_refuses_a_stale_version(self) -> None:
        person = PersonFactory()
        update_person_details(
            person=Person.objects.get(pk=person.pk),
            changed_by=person.user,
            expected_version=1,
            preferred_name="A",
            pronouns="",
        )
        with pytest.raises(EditConflict):
            update_person_details(
                person=Person.objects.get(pk=person.pk),
                changed_by=person.user,
                expected_version=1,
                preferred_name="B",
                pronouns="",
            )
        assert Person.objects.get(pk=person.pk).preferred_name == "A"

    def test_a_supporter_without_the_scope_cannot_change_details_by_posting(self) -> None:
        person = PersonFactory(preferred_name="Josephine")
        supporter = SupporterFactory(person=person, scopes=[SupporterScope.DOWNLOAD])
        client = sign_in(Client(), supporter.user)
        response = client.post(reverse("people:details", args=[person.pk]), _details(1))
        assert response.status_code == 404
        person.refresh_from_db()
        assert person.preferred_name == "Josephine"


class TestSharing:
    def test_the_person_hides_about_me_from_their_council_worker(self) -> None:
        from alongside.organisations.models import Organisation
        from tests.factories import CouncilWorkerFactory

        person = PersonFactory(what_matters="My secret garden.")
        council_worker = CouncilWorkerFactory(
            council=Organisation.objects.get(pk=person.council_id)
        )
        viewer = sign_in(Client(), council_worker.user)
        record = reverse("people:record", args=[person.pk])
        assert "My secret garden." in viewer.get(record).content.decode()

        client = sign_in(Client(), person.user)
        choices = {part: list(person.sharing[part]) for part in Part.values}
        choices[Part.WHAT_MATTERS] = [Audience.TEAM]
        response = client.post(
            reverse("people:sharing", args=[person.pk]), {"version": 1, **choices}
        )
        assert response.status_code == 302
        page = viewer.get(record).content.decode()
        assert "My secret garden." not in page
        about_me = viewer.get(reverse("people:about-me", args=[person.pk])).content.decode()
        assert "My secret garden." not in about_me
        assert "has not shared this with you" in about_me
        assert RecordChange.objects.filter(person=person, action="sharing_changed").exists()

    def test_an_unknown_audience_is_refused_and_nothing_changes(self) -> None:
        person = PersonFactory()
        before = dict(person.sharing)
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("people:sharing", args=[person.pk]),
            {"version": 1, Part.WHAT_MATTERS: ["everyone"]},
        )
        assert response.status_code == 200
        assert "Choose from the list" in response.content.decode()
        person.refresh_from_db()
        assert person.sharing == before


class TestSupporters:
    def test_the_person_grants_a_supporter_one_scope_at_a_time(self) -> None:
        supporter = SupporterFactory(scopes=[])
        person = supporter.person
        client = sign_in(Client(), person.user)
        url = reverse("people:supporter-edit", args=[person.pk, supporter.pk])
        response = client.post(url, {"scopes": [SupporterScope.DOWNLOAD], "still_helping": "yes"})
        assert response.status_code == 302
        supporter.refresh_from_db()
        assert supporter.scopes == [SupporterScope.DOWNLOAD]

    def test_a_missing_answer_is_refused_with_a_clear_message(self) -> None:
        supporter = SupporterFactory(scopes=[SupporterScope.AGREE_PLAN])
        client = sign_in(Client(), supporter.person.user)
        url = reverse("people:supporter-edit", args=[supporter.person.pk, supporter.pk])
        response = client.post(url, {"scopes": [SupporterScope.DOWNLOAD]})
        assert "Choose yes or no" in response.content.decode()
        supporter.refresh_from_db()
        assert supporter.scopes == [SupporterScope.AGREE_PLAN]


class TestSharingWithOneNamedWorker:
    def _sharing_form(self, person: Person, **changes: list[str]) -> dict[str, object]:
        return {
            "version": person.version,
            **{part: list(person.sharing[part]) for part in Part.values},
            **changes,
        }

    def test_the_person_keeps_how_i_am_today_from_tony_and_his_colleague_still_sees_it(
        self,
    ) -> None:
        from alongside.everyday.models import CheckIn
        from alongside.everyday.notifications import bad_day
        from alongside.notifications.models import Notification
        from alongside.organisations.models import StaffMember
        from tests.factories import StaffMemberFactory, UserFactory

        person = PersonFactory()
        tony = StaffMemberFactory(
            services=[person.service], user=UserFactory(display_name="Tony Baker")
        )
        sam = StaffMemberFactory(
            services=[person.service], user=UserFactory(display_name="Sam Okafor")
        )
        client = sign_in(Client(), person.user)
        page = client.get(reverse("people:sharing", args=[person.pk])).content.decode()
        assert "Tony Baker" in page and "Sam Okafor" in page
        response = client.post(
            reverse("people:sharing", args=[person.pk]),
            self._sharing_form(person, **{f"{Part.TODAY}__not_worker": [str(tony.pk)]}),
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.sharing[Part.TODAY] == [
            Audience.TEAM,
            Audience.MANAGER,
            f"not_worker:{tony.pk}",
        ]
        # The page shows the choice again, ticked.
        page = client.get(reverse("people:sharing", args=[person.pk])).content.decode()
        assert f'name="{Part.TODAY}__not_worker" type="checkbox" value="{tony.pk}" checked' in page
        # A bad day: Sam is told, Tony is not.
        check_in = CheckIn.objects.create(
            person=person, on=timezone.localdate(), feeling=1, alert_team=True
        )
        bad_day(check_in=check_in)
        told = set(Notification.objects.values_list("user_id", flat=True))
        assert told == {sam.user_id}
        assert tony.role == StaffMember.Role.SUPPORT_WORKER

    def test_one_worker_chosen_both_to_see_and_not_to_see_is_refused_and_nothing_changes(
        self,
    ) -> None:
        from tests.factories import StaffMemberFactory, UserFactory

        person = PersonFactory()
        tony = StaffMemberFactory(
            services=[person.service], user=UserFactory(display_name="Tony Baker")
        )
        before = dict(person.sharing)
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("people:sharing", args=[person.pk]),
            self._sharing_form(
                person,
                **{
                    f"{Part.PLAN}__worker": [str(tony.pk)],
                    f"{Part.PLAN}__not_worker": [str(tony.pk)],
                },
            ),
        )
        assert response.status_code == 200
        assert (
            "You chose Tony Baker both to see and not to see “My support plan”. Choose one."
            in response.content.decode()
        )
        person.refresh_from_db()
        assert person.sharing == before

    def test_a_worker_at_another_service_cannot_be_named(self) -> None:
        from tests.factories import StaffMemberFactory

        person = PersonFactory()
        elsewhere = StaffMemberFactory()
        before = dict(person.sharing)
        client = sign_in(Client(), person.user)
        response = client.post(
            reverse("people:sharing", args=[person.pk]),
            self._sharing_form(person, **{f"{Part.PLAN}__worker": [str(elsewhere.pk)]}),
        )
        assert response.status_code == 200
        assert "Choose from the list" in response.content.decode()
        person.refresh_from_db()
        assert person.sharing == before
