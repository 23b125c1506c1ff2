from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import RecordChange
from alongside.concurrency import EditConflict
from alongside.everyday import services
from alongside.everyday.models import CheckIn, Feeling
from alongside.organisations.models import StaffMember
from alongside.people.models import AboutMeSection
from alongside.people.selectors import told_once
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import CheckInFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

BAD_DAYS = "A bad day: I stay in my room.\nWhat helps:\nQuiet time\nA walk with Sam\n"


def _person_with_about_me() -> Any:
    person = PersonFactory()
    AboutMeSection.objects.create(
        person=person, part=Part.GOOD_AND_BAD_DAYS, text=BAD_DAYS, version=1
    )
    return person


def _worker_for(person: Any, role: str = StaffMember.Role.SUPPORT_WORKER) -> Any:
    return StaffMemberFactory(role=role, services=[person.service]).user


def _post(client: Client, person: Any, **data: Any) -> Any:
    form = {"feeling": "1", "note": "", "alert_team": "no", "version": "0", **data}
    return client.post(reverse("everyday:check-in", args=[person.pk]), form)


class TestCheckingIn:
    def test_the_person_says_a_bad_day_and_chooses_quiet_time_from_their_about_me(self) -> None:
        person = _person_with_about_me()
        client = sign_in(Client(), person.user)
        page = client.get(reverse("everyday:check-in", args=[person.pk]))
        assert "Quiet time" in page.content.decode()
        response = _post(
            client, person, helps=["Quiet time"], note="I'd like quiet.", alert_team="yes"
        )
        assert response.status_code == 302
        check_in = CheckIn.objects.get(person=person)
        assert (check_in.feeling, check_in.helps, check_in.with_support, check_in.alerts_team) == (
            Feeling.BAD,
            ["Quiet time"],
            False,
            True,
        )
        assert RecordChange.objects.filter(person=person, action="check_in").exists()

    def test_a_choice_not_from_their_about_me_is_refused_and_nothing_saved(self) -> None:
        person = _person_with_about_me()
        client = sign_in(Client(), person.user)
        response = _post(client, person, helps=["Something made up"])
        assert response.status_code == 200
        assert "Choose what would help from the list." in response.content.decode()
        assert response.content.decode().count("<title>Error: ") == 1
        assert not CheckIn.objects.exists()

    def test_without_a_picture_the_person_is_asked_to_choose_one(self) -> None:
        person = _person_with_about_me()
        response = _post(sign_in(Client(), person.user), person, feeling="")
        assert "Choose the picture that shows how you feel today." in response.content.decode()
        assert not CheckIn.objects.exists()

    def test_there_is_one_check_in_a_day_and_saving_again_changes_it(self) -> None:
        person = _person_with_about_me()
        client = sign_in(Client(), person.user)
        _post(client, person, feeling="1")
        _post(client, person, feeling="4", version="1")
        check_in = CheckIn.objects.get(person=person)
        assert (check_in.feeling, check_in.version) == (Feeling.GOOD, 2)

    def test_yesterdays_check_in_is_kept_and_today_starts_a_new_one(self) -> None:
        person = _person_with_about_me()
        CheckInFactory(person=person, on=timezone.localdate() - datetime.timedelta(days=1))
        _post(sign_in(Client(), person.user), person, feeling="5")
        assert CheckIn.objects.filter(person=person).count() == 2

    def test_a_second_saver_is_told_and_keeps_their_choices(self) -> None:
        person = _person_with_about_me()
        client = sign_in(Client(), person.user)
        _post(client, person, feeling="2")
        response = _post(client, person, feeling="5", note="Actually great", version="0")
        body = response.content.decode()
        assert "Someone else saved" in body
        assert "Actually great" in body
        assert CheckIn.objects.get(person=person).feeling == Feeling.LOW

    def test_a_worker_checking_in_with_the_person_is_recorded_as_with_support(self) -> None:
        person = _person_with_about_me()
        worker = _worker_for(person)
        _post(sign_in(Client(), worker), person, feeling="3")
        check_in = CheckIn.objects.get(person=person)
        assert check_in.with_support and check_in.recorded_by == worker

    def test_the_service_refuses_a_second_new_check_in_for_the_same_day(self) -> None:
        person = _person_with_about_me()
        CheckInFactory(person=person)
        with pytest.raises(EditConflict):
            services.save_check_in(
                person=person,
                recorded_by=person.user,
                on=timezone.localdate(),
                expected_version=0,
                feeling=3,
                helps=[],
                note="",
                alert_team=False,
            )
        assert CheckIn.objects.filter(person=person).count() == 1


class TestWhoSeesCheckIns:
    def test_a_worker_cannot_check_in_or_see_patterns_if_today_is_not_shared_with_the_team(
        self,
    ) -> None:
        person = _person_with_about_me()
        person.sharing[Part.TODAY] = [Audience.MANAGER]
        person.save()
        client = sign_in(Client(), _worker_for(person))
        assert client.get(reverse("everyday:check-in", args=[person.pk])).status_code == 404
        assert client.get(reverse("everyday:patterns", args=[person.pk])).status_code == 404

    def test_told_once_gives_recent_check_ins_only_to_those_the_person_shares_with(self) -> None:
        person = _person_with_about_me()
        CheckInFactory(person=person, feeling=Feeling.LOW, helps=["Quiet time"])
        worker = _worker_for(person)
        assert told_once(person=person, viewer=worker)["everyday"]["check_ins"][0]["helps"] == [
            "Quiet time"
        ]
        person.sharing[Part.TODAY] = []
        person.save()
        worker = _worker_for(person)  # a fresh user: standing is worked out again
        assert told_once(person=person, viewer=worker)["everyday"]["check_ins"] == []


class TestPatterns:
    def test_the_person_sees_a_chart_with_a_table_of_the_same_days(self) -> None:
        person = _person_with_about_me()
        for days_ago, feeling in [(3, 5), (2, 1), (1, 3)]:
            CheckInFactory(
                person=person,
                on=timezone.localdate() - datetime.timedelta(days=days_ago),
                feeling=feeling,
            )
        CheckInFactory(person=person, on=timezone.localdate() - datetime.timedelta(weeks=8))
        body = (
            sign_in(Client(), person.user)
            .get(reverse("everyday:patterns", args=[person.pk]))
            .content.decode()
        )
        assert '<svg class="alongside-chart" role="img"' in body
        assert body.count("<rect ") == 3
        assert "<caption" in body and body.count('class="govuk-table__row"') == 4
        assert "I am having a bad day" in body
