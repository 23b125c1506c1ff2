"""An organisation admin sets how much each soft goal counts when its rotas are solved."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.rota import services
from alongside.rota.models import RotaSettings
from alongside.rota.problem import RotaWeights
from alongside.rota.selectors import problem_for_week
from tests.conftest import SignedInClient
from tests.factories import RotaWeekFactory, ServiceFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

NEW = {
    "preferred_hours": "25",
    "continuity": "5",
    "contracted_hours": "0",
    "fair_weekends_nights": "40",
}


@pytest.fixture
def org() -> dict[str, Any]:
    service = ServiceFactory()
    organisation = service.organisation

    def admin() -> StaffMember:
        return StaffMemberFactory(organisation=organisation, role=StaffMember.Role.ORG_ADMIN)

    return {"service": service, "organisation": organisation, "ana": admin(), "ben": admin()}


def test_the_admin_home_links_to_the_rota_settings_which_show_the_defaults_at_first(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(org["ana"].user)
    home = client.get(reverse("web:admin-home")).content.decode()
    assert reverse("rota:settings") in home
    page = client.get(reverse("rota:settings")).content.decode()
    assert 'name="preferred_hours" type="text" value="10"' in page
    assert 'name="continuity" type="text" value="30"' in page
    assert not RotaSettings.objects.exists()


def test_saved_weights_are_used_when_the_organisations_weeks_are_solved(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(org["ana"].user)
    response = client.post(reverse("rota:settings"), {**NEW, "version": "1"})
    assert response.status_code == 302
    week = RotaWeekFactory(service=org["service"])
    assert problem_for_week(week, []).weights == RotaWeights(
        preferred_hours=25, continuity=5, contracted_hours=0, fair_weekends_nights=40
    )
    saved = RotaSettings.objects.get()
    assert saved.version == 2
    assert saved.history.first().history_user == org["ana"].user
    # Another organisation's weeks keep the defaults.
    assert problem_for_week(RotaWeekFactory(), []).weights == RotaWeights()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a whole number from 0 to 100 for “Fewest different workers”"),
        ("lots", "Enter a whole number from 0 to 100 for “Fewest different workers”"),
        ("-1", "Enter a whole number from 0 to 100 for “Fewest different workers”"),
        ("101", "Enter a whole number from 0 to 100 for “Fewest different workers”"),
        ("2.5", "Enter a whole number from 0 to 100 for “Fewest different workers”"),
    ],
)
def test_a_weight_that_is_not_a_whole_number_from_0_to_100_is_refused_and_nothing_changes(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
    typed: str,
    message: str,
) -> None:
    client = signed_in_client(org["ana"].user)
    response = client.post(reverse("rota:settings"), {**NEW, "continuity": typed, "version": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RotaSettings.objects.exists()


def test_two_admins_saving_from_the_same_page_the_second_is_told_and_keeps_their_numbers(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    ana, ben = signed_in_client(org["ana"].user), signed_in_client(org["ben"].user)
    ana.post(reverse("rota:settings"), {**NEW, "version": "1"})
    response = ben.post(reverse("rota:settings"), {**NEW, "continuity": "60", "version": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "Fewest different workers 5" in page  # what Ana saved
    assert 'name="continuity" type="text" value="60"' in page  # what Ben typed, kept
    assert 'name="version" value="2"' in page
    assert RotaSettings.objects.get().continuity == 5
    # Saving again, having seen Ana's change, works.
    ben.post(reverse("rota:settings"), {**NEW, "continuity": "60", "version": "2"})
    assert RotaSettings.objects.get().continuity == 60


def test_two_first_saves_at_once_let_one_in_and_tell_the_other(org: dict[str, Any]) -> None:
    # Both admins opened the page before any settings were saved (version 1, the defaults).
    weights = {"preferred_hours": 1, "continuity": 2, "contracted_hours": 3}
    services.set_rota_weights(
        organisation=org["organisation"],
        expected_version=1,
        fair_weekends_nights=4,
        changed_by=org["ana"].user,
        **weights,
    )
    with pytest.raises(services.SettingsChanged) as told:
        services.set_rota_weights(
            organisation=org["organisation"],
            expected_version=1,
            fair_weekends_nights=9,
            changed_by=org["ben"].user,
            **weights,
        )
    assert told.value.current.fair_weekends_nights == 4
    assert RotaSettings.objects.get().fair_weekends_nights == 4


def test_only_an_organisation_admin_may_change_the_weights(
    org: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    manager = StaffMemberFactory(
        organisation=org["organisation"],
        services=[org["service"]],
        role=StaffMember.Role.SERVICE_MANAGER,
    )
    client = signed_in_client(manager.user)
    response = client.post(reverse("rota:settings"), {**NEW, "version": "1"})
    assert response.status_code == 403
    assert not RotaSettings.objects.exists()
