"""A manager changes or deletes a worker's availability and leave, safely when two edit at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.rota import services
from alongside.rota.models import Absence, Availability, WorkerTerms
from tests.conftest import SignedInClient
from tests.factories import ServiceFactory, SkillFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

T = datetime.time
D = datetime.date


@pytest.fixture
def team() -> dict[str, Any]:
    service = ServiceFactory()
    org = service.organisation
    worker = StaffMemberFactory(organisation=org, services=[service])
    worker.user.display_name = "Sam Okafor"
    worker.user.save()

    def manager() -> StaffMember:
        return StaffMemberFactory(
            organisation=org, services=[service], role=StaffMember.Role.SERVICE_MANAGER
        )

    return {
        "worker": worker,
        "priya": manager(),
        "dev": manager(),
        "slot": Availability.objects.create(worker=worker, day=0, starts=T(7), ends=T(15)),
        "leave": Absence.objects.create(
            worker=worker, first_day=D(2026, 12, 1), last_day=D(2026, 12, 5)
        ),
    }


def test_the_manager_changes_an_availability_entry_from_the_workers_page(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(team["priya"].user)
    page = client.get(reverse("rota:worker", args=[team["worker"].pk])).content.decode()
    url = reverse("rota:availability", args=[team["slot"].pk])
    assert url in page
    response = client.post(url, {"version": "1", "day": "2", "starts": "09:00", "ends": "21:00"})
    assert response.status_code == 302
    slot = Availability.objects.get()
    assert (slot.day, slot.starts, slot.ends, slot.version) == (2, T(9), T(21), 2)
    assert slot.history.first().history_user == team["priya"].user


def test_a_changed_availability_is_checked_like_a_new_one_and_nothing_is_saved_when_wrong(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(team["priya"].user)
    url = reverse("rota:availability", args=[team["slot"].pk])
    response = client.post(url, {"version": "1", "day": "2", "starts": "nine", "ends": "21:00"})
    page = response.content.decode()
    assert "<title>Error:" in page and "Enter a time, like 09:30" in page
    assert Availability.objects.get().starts == T(7)


def test_leave_whose_last_day_is_before_its_first_is_refused_when_changed(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(team["priya"].user)
    url = reverse("rota:absence", args=[team["leave"].pk])
    response = client.post(
        url,
        {"version": "1", "first_day": "2026-12-10", "last_day": "2026-12-02", "reason": "leave"},
    )
    assert "The last day must be on or after the first day" in response.content.decode()
    assert Absence.objects.get().first_day == D(2026, 12, 1)


def test_the_manager_changes_leave_to_sickness(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(team["priya"].user)
    client.post(
        reverse("rota:absence", args=[team["leave"].pk]),
        {"version": "1", "first_day": "2026-12-02", "last_day": "2026-12-03", "reason": "sickness"},
    )
    absence = Absence.objects.get()
    assert (absence.first_day, absence.last_day, absence.reason) == (
        D(2026, 12, 2),
        D(2026, 12, 3),
        "sickness",
    )


def test_when_two_managers_change_the_same_entry_the_second_is_shown_the_first_and_keeps_theirs(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    url = reverse("rota:availability", args=[team["slot"].pk])
    # Both opened the page at version 1; Priya saves first.
    signed_in_client(team["priya"].user).post(
        url, {"version": "1", "day": "1", "starts": "08:00", "ends": "16:00"}
    )
    response = signed_in_client(team["dev"].user).post(
        url, {"version": "1", "day": "4", "starts": "10:00", "ends": "18:00"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "Tuesday 08:00 to 16:00" in page  # what Priya saved
    assert 'value="10:00"' in page and 'value="18:00"' in page  # Dev's own words kept
    assert 'name="version" value="2"' in page
    slot = Availability.objects.get()
    assert (slot.day, slot.starts) == (1, T(8))  # Priya's change was not overwritten


def test_the_service_refuses_a_change_made_on_an_old_version(team: dict[str, Any]) -> None:
    with pytest.raises(services.EntryChanged) as raised:
        services.change_absence(
            absence=team["leave"],
            expected_version=7,
            first_day=D(2026, 12, 1),
            last_day=D(2026, 12, 2),
            reason="leave",
            changed_by=team["priya"].user,
        )
    assert raised.value.current == team["leave"]
    assert Absence.objects.get().last_day == D(2026, 12, 5)


def test_the_service_says_when_the_entry_was_deleted_meanwhile(team: dict[str, Any]) -> None:
    stale = Availability.objects.get()
    services.remove_availability(
        slot=team["slot"], expected_version=1, changed_by=team["priya"].user
    )
    with pytest.raises(services.EntryChanged) as raised:
        services.change_availability(
            slot=stale,
            expected_version=1,
            day=1,
            starts=T(8),
            ends=T(9),
            changed_by=team["dev"].user,
        )
    assert raised.value.current is None
    assert not Availability.objects.exists()


def test_the_manager_deletes_an_absence_after_confirming(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(team["priya"].user)
    url = reverse("rota:absence-delete", args=[team["leave"].pk])
    assert "Delete this leave or sickness?" in client.get(url).content.decode()
    assert Absence.objects.exists()
    response = client.post(url, {"version": "1"})
    assert response.status_code == 302
    assert not Absence.objects.exists()


def test_an_entry_changed_since_the_delete_page_was_shown_is_not_deleted(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    services.change_availability(
        slot=team["slot"],
        expected_version=1,
        day=3,
        starts=T(6),
        ends=T(14),
        changed_by=team["priya"].user,
    )
    client = signed_in_client(team["dev"].user)
    response = client.post(
        reverse("rota:availability-delete", args=[team["slot"].pk]), {"version": "1"}
    )
    page = response.content.decode()
    assert "Someone else changed this while you were looking" in page
    assert "Thursday 06:00 to 14:00" in page
    assert Availability.objects.exists()


def test_changing_an_entry_someone_else_deleted_says_so_and_changes_nothing(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(team["dev"].user)
    url = reverse("rota:availability", args=[team["slot"].pk])
    assert client.get(url).status_code == 200  # Dev opens the form
    services.remove_availability(
        slot=team["slot"], expected_version=1, changed_by=team["priya"].user
    )
    response = client.post(
        url, {"version": "1", "day": "4", "starts": "10:00", "ends": "18:00"}, follow=True
    )
    assert "Someone else has deleted this entry" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("rota:worker", args=[team["worker"].pk])
    assert not Availability.objects.exists()


def test_a_deleted_entry_is_still_not_found_for_anyone_who_may_not_plan_the_worker(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    url = reverse("rota:absence-delete", args=[team["leave"].pk])
    services.remove_absence(
        absence=team["leave"], expected_version=1, changed_by=team["priya"].user
    )
    assert signed_in_client(team["worker"].user).get(url).status_code == 404
    # Their manager is told it was deleted instead.
    assert signed_in_client(team["dev"].user).get(url).status_code == 302


def test_a_manager_of_another_service_cannot_see_or_change_the_entry(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    stranger = StaffMemberFactory(
        services=[ServiceFactory()], role=StaffMember.Role.SERVICE_MANAGER
    )
    client = signed_in_client(stranger.user)
    url = reverse("rota:availability", args=[team["slot"].pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(
            url, {"version": "1", "day": "4", "starts": "10:00", "ends": "18:00"}
        ).status_code
        == 404
    )
    assert Availability.objects.get().version == 1


def test_two_managers_changing_a_workers_hours_at_once_the_second_is_told_and_keeps_their_typing(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    url = reverse("rota:worker", args=[team["worker"].pk])
    priya, dev = signed_in_client(team["priya"].user), signed_in_client(team["dev"].user)
    # Both opened the page before anyone set Sam's hours (version 1).
    priya.post(url, {"form": "terms", "min_hours": "30", "max_hours": "40", "version": "1"})
    response = dev.post(
        url, {"form": "terms", "min_hours": "20", "max_hours": "45", "version": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "contracted 30 hours, most 40 hours" in page
    assert 'name="max_hours" type="text" value="45"' in page or 'value="45"' in page
    terms = WorkerTerms.objects.get()
    assert (terms.min_hours, terms.max_hours, terms.version) == (30, 40, 2)
    dev.post(url, {"form": "terms", "min_hours": "20", "max_hours": "45", "version": "2"})
    terms.refresh_from_db()
    assert (terms.min_hours, terms.max_hours) == (20, 45)
    assert terms.history.first().history_user == team["dev"].user


def test_the_manager_sets_a_workers_skills_and_who_changed_them_is_kept(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    medication, driver = SkillFactory(name="medication"), SkillFactory(name="driver")
    url = reverse("rota:worker", args=[team["worker"].pk])
    client = signed_in_client(team["priya"].user)
    page = client.get(url).content.decode()
    assert 'value="skills"' in page and "medication" in page
    response = client.post(
        url, {"form": "skills", "skills": [str(medication.pk), str(driver.pk)], "original": ""}
    )
    assert response.status_code == 302
    assert set(team["worker"].skills.values_list("name", flat=True)) == {"medication", "driver"}
    assert team["worker"].history.first().history_user == team["priya"].user


def test_two_managers_ticking_skills_at_once_the_second_is_told_and_nothing_is_lost(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    medication, driver = SkillFactory(name="medication"), SkillFactory(name="driver")
    url = reverse("rota:worker", args=[team["worker"].pk])
    # Both opened the page when Sam had no skills.
    signed_in_client(team["priya"].user).post(
        url, {"form": "skills", "skills": [str(medication.pk)], "original": ""}
    )
    response = signed_in_client(team["dev"].user).post(
        url, {"form": "skills", "skills": [str(driver.pk)], "original": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "It is now saved as: <strong>medication</strong>" in page
    assert f'value="{driver.pk}" checked' in page  # what Dev ticked is kept
    assert f'name="original" value="{medication.pk}"' in page
    assert list(team["worker"].skills.values_list("name", flat=True)) == ["medication"]


def test_a_skill_that_is_not_on_the_list_is_refused_and_nothing_changes(
    team: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    url = reverse("rota:worker", args=[team["worker"].pk])
    response = signed_in_client(team["priya"].user).post(
        url, {"form": "skills", "skills": ["99999"], "original": ""}
    )
    assert response.status_code == 200
    assert "Choose skills from the list" in response.content.decode()
    assert not team["worker"].skills.exists()
