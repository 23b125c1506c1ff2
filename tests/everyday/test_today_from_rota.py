"""Today comes from the published rota where there is one; bad-day alerts go to the workers
on shift."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.everyday.models import Feeling
from alongside.notifications.models import Notification
from alongside.organisations.models import StaffMember
from alongside.rota.models import RotaWeek
from alongside.rota.selectors import this_monday
from tests.conftest import sign_in
from tests.factories import (
    CheckInFactory,
    PersonFactory,
    RotaShiftFactory,
    RotaWeekFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _week(service: Any, status: str = RotaWeek.Status.PUBLISHED) -> RotaWeek:
    return RotaWeekFactory(service=service, monday=this_monday(), status=status)


def _shift(
    week: RotaWeek, people: list[Any], workers: list[Any], starts: datetime.datetime, hours: int = 6
) -> Any:
    shift = RotaShiftFactory(
        week=week, people=people, starts=starts, ends=starts + datetime.timedelta(hours=hours)
    )
    shift.workers.set(workers)
    return shift


def _names_on_today(user: Any) -> list[str]:
    body = sign_in(Client(), user).get(reverse("everyday:handover")).content.decode()
    cards = body.split('data-testid="handover-person"')[1:]
    return [card.split("</a></h2>")[0].rsplit(">", 1)[1] for card in cards]


@pytest.fixture
def house() -> dict[str, Any]:
    service = ServiceFactory(name="Willow House")
    people = {
        name: PersonFactory(service=service, preferred_name=name) for name in ("Anna", "Bea", "Cal")
    }
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service])
    return {"service": service, "worker": worker, **people}


class TestTodayFromThePublishedRota:
    def test_a_worker_with_a_shift_today_sees_only_the_people_on_their_shifts(
        self, house: dict[str, Any]
    ) -> None:
        today = timezone.localdate()
        _shift(
            _week(house["service"]), [house["Anna"], house["Cal"]], [house["worker"]], _at(today, 9)
        )
        body = sign_in(Client(), house["worker"].user).get(reverse("everyday:handover"))
        text = body.content.decode()
        assert _names_on_today(house["worker"].user) == ["Anna", "Cal"]
        assert "With you 09:00 to 15:00" in text
        assert "From the published rota: the people on your shifts today at Willow House." in text

    def test_a_bad_day_on_the_rota_still_comes_first(self, house: dict[str, Any]) -> None:
        today = timezone.localdate()
        _shift(
            _week(house["service"]), [house["Anna"], house["Cal"]], [house["worker"]], _at(today, 9)
        )
        CheckInFactory(person=house["Cal"], feeling=Feeling.BAD, alert_team=True)
        assert _names_on_today(house["worker"].user) == ["Cal", "Anna"]

    def test_a_night_shift_that_began_yesterday_evening_counts_for_today(
        self, house: dict[str, Any]
    ) -> None:
        today = timezone.localdate()
        week = _week(house["service"])
        _shift(
            week,
            [house["Bea"]],
            [house["worker"]],
            _at(today, 0) - datetime.timedelta(hours=2),
            hours=9,
        )
        assert _names_on_today(house["worker"].user) == ["Bea"]

    def test_a_draft_rota_does_not_decide_who_is_on_today(self, house: dict[str, Any]) -> None:
        _shift(
            _week(house["service"], RotaWeek.Status.DRAFT),
            [house["Anna"]],
            [house["worker"]],
            _at(timezone.localdate(), 9),
        )
        assert _names_on_today(house["worker"].user) == ["Anna", "Bea", "Cal"]

    def test_with_no_shift_today_the_worker_sees_everyone_and_is_told_why(
        self, house: dict[str, Any]
    ) -> None:
        other = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[house["service"]]
        )
        _shift(_week(house["service"]), [house["Anna"]], [other], _at(timezone.localdate(), 9))
        body = sign_in(Client(), house["worker"].user).get(reverse("everyday:handover"))
        assert _names_on_today(house["worker"].user) == ["Anna", "Bea", "Cal"]
        assert "Everyone at Willow House: you have no shift there today" in body.content.decode()

    def test_a_shift_at_another_service_does_not_show_its_people(
        self, house: dict[str, Any]
    ) -> None:
        elsewhere = ServiceFactory()
        stranger = PersonFactory(service=elsewhere, preferred_name="Zed")
        _shift(_week(elsewhere), [stranger], [house["worker"]], _at(timezone.localdate(), 9))
        assert _names_on_today(house["worker"].user) == ["Anna", "Bea", "Cal"]

    @pytest.mark.parametrize("size", [2, 12])
    def test_the_number_of_queries_does_not_grow_with_the_people_on_shift(
        self, size: int, django_assert_max_num_queries: Any
    ) -> None:
        service = ServiceFactory()
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[service])
        people = [PersonFactory(service=service) for _ in range(size)]
        for person in people:
            CheckInFactory(person=person, feeling=Feeling.OK)
        week = _week(service)
        for n in range(0, size, 2):
            _shift(week, people[n : n + 2], [worker], _at(timezone.localdate(), 8 + n))
        client = sign_in(Client(), worker.user)
        # One of these is "who looked": a single insert whatever the size.
        with django_assert_max_num_queries(22):
            response = client.get(reverse("everyday:handover"))
        assert response.content.decode().count('data-testid="handover-person"') == size


class TestBadDayAlertsGoToTheTeamOnShift:
    def _bad_day(self, person: Any) -> None:
        sign_in(Client(), person.user).post(
            reverse("everyday:check-in", args=[person.pk]),
            {"feeling": "1", "note": "", "alert_team": "yes", "version": "0"},
        )

    def test_only_the_workers_on_shift_with_the_person_are_told(
        self, house: dict[str, Any], clock: Any
    ) -> None:
        # Mid-morning, so the shift an hour from now is still today (at 23:30 it is not).
        clock.move_to(_at(datetime.date(2026, 5, 13), 10))
        off_today = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[house["service"]]
        )
        later = timezone.now() + datetime.timedelta(hours=1)
        _shift(_week(house["service"]), [house["Anna"]], [house["worker"]], later)
        self._bad_day(house["Anna"])
        assert list(Notification.objects.values_list("user", flat=True)) == [
            house["worker"].user_id
        ]
        assert not Notification.objects.filter(user=off_today.user).exists()

    def test_with_nobody_on_a_published_shift_every_worker_at_the_service_is_told(
        self, house: dict[str, Any]
    ) -> None:
        second = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, services=[house["service"]]
        )
        self._bad_day(house["Anna"])
        told = set(Notification.objects.values_list("user", flat=True))
        assert told == {house["worker"].user_id, second.user_id}
