from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.everyday.models import Feeling
from alongside.organisations.models import StaffMember
from alongside.people.models import AboutMeSection
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import CheckInFactory, PersonFactory, ServiceFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def _cards(body: str) -> list[str]:
    return body.split('data-testid="handover-person"')[1:]


class TestToday:
    def test_people_who_checked_in_come_first_a_bad_day_alert_first_of_all(self) -> None:
        service = ServiceFactory()
        anna = PersonFactory(service=service, preferred_name="Anna")
        bea = PersonFactory(service=service, preferred_name="Bea")
        cal = PersonFactory(service=service, preferred_name="Cal")
        CheckInFactory(person=bea, feeling=Feeling.GOOD)
        CheckInFactory(person=cal, feeling=Feeling.BAD, alert_team=True, note="Quiet time")
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service]).user
        body = sign_in(Client(), worker).get(reverse("everyday:handover")).content.decode()
        names = [
            next(n for n in ("Anna", "Bea", "Cal") if f">{n}</a>" in card) for card in _cards(body)
        ]
        assert names == ["Cal", "Bea", "Anna"]
        assert "Cal said “I am having a bad day” and asked the team to know." in body
        assert "Quiet time" in body
        assert anna.pk  # Anna is listed although she has not checked in

    def test_what_the_person_does_not_share_is_not_shown_or_used_for_order(self) -> None:
        service = ServiceFactory()
        anna = PersonFactory(service=service, preferred_name="Anna")
        zed = PersonFactory(service=service, preferred_name="Zed")
        zed.sharing[Part.TODAY] = [Audience.MANAGER]
        zed.sharing[Part.HOW_TO_SUPPORT_ME] = []
        zed.save()
        CheckInFactory(person=zed, feeling=Feeling.BAD, alert_team=True, note="Secret note")
        AboutMeSection.objects.create(
            person=zed, part=Part.HOW_TO_SUPPORT_ME, text="Private way", version=1
        )
        AboutMeSection.objects.create(
            person=anna, part=Part.HOW_TO_SUPPORT_ME, text="Talk to me slowly.", version=1
        )
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service]).user
        body = sign_in(Client(), worker).get(reverse("everyday:handover")).content.decode()
        assert "Secret note" not in body and "Private way" not in body
        assert "Talk to me slowly." in body
        assert ">Anna</a>" in _cards(body)[0]

    def test_people_at_other_services_are_not_listed(self) -> None:
        mine, other = ServiceFactory(), ServiceFactory()
        PersonFactory(service=other, preferred_name="Elsewhere")
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[mine]).user
        body = sign_in(Client(), worker).get(reverse("everyday:handover")).content.decode()
        assert "Elsewhere" not in body

    @pytest.mark.parametrize("size", [2, 12])
    def test_the_number_of_queries_does_not_grow_with_the_people_shown(
        self, size: int, django_assert_max_num_queries: Any
    ) -> None:
        service = ServiceFactory()
        for n in range(size):
            person = PersonFactory(service=service)
            CheckInFactory(person=person, feeling=1 + n % 5)
            AboutMeSection.objects.create(
                person=person, part=Part.HOW_TO_SUPPORT_ME, text="Go slowly.", version=1
            )
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service]).user
        client = sign_in(Client(), worker)
        # One more than before for "who looked": a single insert whatever the size.
        with django_assert_max_num_queries(21):
            response = client.get(reverse("everyday:handover"))
        assert len(_cards(response.content.decode())) == size

    def test_the_worker_home_links_to_today(self) -> None:
        service = ServiceFactory()
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service]).user
        body = sign_in(Client(), worker).get(reverse("web:worker-home")).content.decode()
        assert reverse("everyday:handover") in body


def test_a_low_day_the_person_asked_us_to_know_is_told_in_their_own_words() -> None:
    service = ServiceFactory()
    josie = PersonFactory(service=service, preferred_name="Josie")
    CheckInFactory(person=josie, feeling=Feeling.LOW, alert_team=True)
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service]).user
    body = sign_in(Client(), worker).get(reverse("everyday:handover")).content.decode()
    assert "Josie said “I feel low” and asked the team to know." in body
    assert "a bad day" not in body
