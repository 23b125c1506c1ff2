"""The set-up pages (/admin/): an organisation admin sees, picks and saves only their own
organisation's rows; only a platform superuser makes organisations."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.organisations.models import (
    CouncilWorker,
    Organisation,
    Region,
    Service,
    Skill,
    StaffMember,
)
from tests.factories import (
    CouncilFactory,
    CouncilWorkerFactory,
    PersonFactory,
    ProviderFactory,
    RegionFactory,
    ServiceFactory,
    SkillFactory,
    StaffMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup() -> dict[str, Any]:
    provider, council = ProviderFactory(name="Hill House Support"), CouncilFactory(name="Shire")
    admin_user = StaffMemberFactory(organisation=provider, role=StaffMember.Role.ORG_ADMIN).user
    admin_user.is_staff = True
    admin_user.save()
    return {
        "provider": provider,
        "council": council,
        "admin": admin_user,
        "own_region": RegionFactory(organisation=provider, name="North"),
        "other_region": RegionFactory(organisation=council, name="Council Region"),
        "own_service": ServiceFactory(organisation=provider, name="Ash Lodge"),
        "other_service": ServiceFactory(
            organisation=ProviderFactory(name="Elsewhere Care"), name="Beech Court"
        ),
    }


def _service_form(organisation: Organisation, region: Region) -> dict[str, str]:
    return {
        "organisation": str(organisation.pk),
        "region": str(region.pk),
        "name": "Cedar View",
        "kind": Service.Kind.SUPPORTED_LIVING,
        "address_line_1": "1 Cedar Road",
        "town": "Leeds",
        "postcode": "LS1 1AA",
    }


def _choices(response: Any, field: str) -> set[str]:
    choices = response.context["adminform"].form.fields[field].choices
    return {label for value, label in choices if value}


def test_add_service_offers_only_the_admins_own_organisation_and_regions(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    response = signed_in_client(setup["admin"]).get(reverse("admin:organisations_service_add"))
    assert response.status_code == 200
    assert _choices(response, "organisation") == {"Hill House Support"}
    assert _choices(response, "region") == {"North", str(setup["own_service"].region)}
    assert b"Shire" not in response.content
    assert b"Council Region" not in response.content


def test_a_service_posted_under_another_organisation_is_refused_and_nothing_saved(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    before = set(Service.objects.values_list("pk", flat=True))
    response = signed_in_client(setup["admin"]).post(
        reverse("admin:organisations_service_add"),
        _service_form(setup["council"], setup["other_region"]),
    )
    assert response.status_code == 200  # the form again, with the errors
    errors = response.context["adminform"].form.errors
    assert "Select a valid choice" in errors["organisation"][0]
    assert "Select a valid choice" in errors["region"][0]
    assert set(Service.objects.values_list("pk", flat=True)) == before


def test_a_service_with_another_organisations_region_is_refused(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    response = signed_in_client(setup["admin"]).post(
        reverse("admin:organisations_service_add"),
        _service_form(setup["provider"], setup["other_region"]),
    )
    assert "Select a valid choice" in response.context["adminform"].form.errors["region"][0]
    assert not Service.objects.filter(name="Cedar View").exists()


def test_a_service_saved_with_own_choices_stays_in_the_admins_own_list(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    client = signed_in_client(setup["admin"])
    response = client.post(
        reverse("admin:organisations_service_add"),
        _service_form(setup["provider"], setup["own_region"]),
    )
    assert response.status_code == 302
    assert Service.objects.get(name="Cedar View").organisation == setup["provider"]
    listing = client.get(reverse("admin:organisations_service_changelist"))
    assert b"Cedar View" in listing.content
    assert b"Beech Court" not in listing.content


def test_a_superuser_may_still_put_a_service_under_any_organisation(
    setup: dict[str, Any],
) -> None:
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=superuser, name="Phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    response = client.post(
        reverse("admin:organisations_service_add"),
        _service_form(setup["council"], setup["other_region"]),
    )
    assert response.status_code == 302
    assert Service.objects.get(name="Cedar View").organisation == setup["council"]


def test_region_mismatching_its_organisation_is_refused_even_for_a_superuser() -> None:
    from alongside.organisations.admin import ServiceAdminForm

    provider, council = ProviderFactory(), CouncilFactory()
    form = ServiceAdminForm(
        data=_service_form(provider, RegionFactory(organisation=council, name="Elsewhere"))
    )
    assert not form.is_valid()
    assert form.errors["region"] == ["Choose one of this organisation's regions."]


def test_an_organisation_admin_cannot_add_organisations(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    client = signed_in_client(setup["admin"])
    names_before = set(Organisation.objects.values_list("name", flat=True))
    assert client.get(reverse("admin:organisations_organisation_add")).status_code == 403
    response = client.post(
        reverse("admin:organisations_organisation_add"),
        {"name": "A new council", "kind": Organisation.Kind.COUNCIL},
    )
    assert response.status_code == 403
    assert set(Organisation.objects.values_list("name", flat=True)) == names_before
    listing = client.get(reverse("admin:organisations_organisation_changelist"))
    assert b"Add organisation" not in listing.content


def test_an_organisation_admin_cannot_turn_their_provider_into_a_council(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    provider = setup["provider"]
    response = signed_in_client(setup["admin"]).post(
        reverse("admin:organisations_organisation_change", args=[provider.pk]),
        {"name": "Hill House Support Ltd", "kind": Organisation.Kind.COUNCIL},
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Hill House Support Ltd"
    assert provider.kind == Organisation.Kind.PROVIDER


def test_a_region_is_only_added_to_the_admins_own_organisation(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    client = signed_in_client(setup["admin"])
    response = client.get(reverse("admin:organisations_region_add"))
    assert _choices(response, "organisation") == {"Hill House Support"}
    response = client.post(
        reverse("admin:organisations_region_add"),
        {"organisation": str(setup["council"].pk), "name": "South"},
    )
    assert "Select a valid choice" in response.context["adminform"].form.errors["organisation"][0]
    assert not Region.objects.filter(name="South").exists()


def test_staff_choices_are_own_services_and_accounts_with_no_role_elsewhere(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    free = UserFactory(display_name="Free Account")
    someone_else = StaffMemberFactory(organisation=setup["other_service"].organisation).user
    person = PersonFactory().user
    response = signed_in_client(setup["admin"]).get(reverse("admin:organisations_staffmember_add"))
    form = response.context["adminform"].form
    assert _choices(response, "organisation") == {"Hill House Support"}
    assert _choices(response, "services") == {"Ash Lodge"}
    users = set(form.fields["user"].queryset)
    assert free in users and setup["admin"] in users
    assert someone_else not in users and person not in users


def test_staff_posted_with_another_organisations_service_or_account_is_refused(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    person_user = PersonFactory().user
    before = StaffMember.objects.count()
    response = signed_in_client(setup["admin"]).post(
        reverse("admin:organisations_staffmember_add"),
        {
            "user": str(person_user.pk),
            "organisation": str(setup["provider"].pk),
            "role": StaffMember.Role.SUPPORT_WORKER,
            "services": [str(setup["other_service"].pk)],
            "contracted_hours": "37.5",
        },
    )
    errors = response.context["adminform"].form.errors
    assert "Select a valid choice" in errors["user"][0]
    assert "Select a valid choice" in errors["services"][0]
    assert StaffMember.objects.count() == before


def test_a_provider_admin_cannot_add_council_workers(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    client = signed_in_client(setup["admin"])
    free = UserFactory()
    assert client.get(reverse("admin:organisations_councilworker_add")).status_code == 403
    response = client.post(
        reverse("admin:organisations_councilworker_add"),
        {"user": str(free.pk), "council": str(setup["council"].pk)},
    )
    assert response.status_code == 403
    assert not CouncilWorker.objects.filter(user=free).exists()


def test_a_council_admin_adds_council_workers_only_to_their_own_council(
    signed_in_client: Any,
) -> None:
    council, other = CouncilFactory(name="Shire"), CouncilFactory(name="Other Shire")
    admin_user = StaffMemberFactory(organisation=council, role=StaffMember.Role.ORG_ADMIN).user
    admin_user.is_staff = True
    admin_user.save()
    CouncilWorkerFactory(council=other)
    free = UserFactory()
    client = signed_in_client(admin_user)
    response = client.get(reverse("admin:organisations_councilworker_add"))
    assert _choices(response, "council") == {"Shire"}
    response = client.post(
        reverse("admin:organisations_councilworker_add"),
        {"user": str(free.pk), "council": str(other.pk)},
    )
    assert "Select a valid choice" in response.context["adminform"].form.errors["council"][0]
    assert not CouncilWorker.objects.filter(user=free).exists()
    response = client.post(
        reverse("admin:organisations_councilworker_add"),
        {"user": str(free.pk), "council": str(council.pk)},
    )
    assert response.status_code == 302
    assert CouncilWorker.objects.get(user=free).council == council


def test_the_shared_skills_list_is_seen_but_not_changed_by_an_organisation_admin(
    signed_in_client: Any, setup: dict[str, Any]
) -> None:
    skill = SkillFactory(name="Driver")
    client = signed_in_client(setup["admin"])
    listing = client.get(reverse("admin:organisations_skill_changelist"))
    assert b"Driver" in listing.content
    response = client.post(reverse("admin:organisations_skill_add"), {"name": "Cook"})
    assert response.status_code == 403
    client.post(reverse("admin:organisations_skill_change", args=[skill.pk]), {"name": "Drives"})
    client.post(reverse("admin:organisations_skill_delete", args=[skill.pk]), {"post": "yes"})
    assert list(Skill.objects.values_list("name", flat=True)) == ["Driver"]


def test_an_admin_resets_two_factor_for_their_own_staff_only_and_it_is_recorded(
    setup: dict[str, Any],
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from alongside.audit.models import SecurityEvent
    from tests.conftest import sign_in

    own = StaffMemberFactory(organisation=setup["provider"])
    other = StaffMemberFactory(organisation=ProviderFactory())
    TOTPDevice.objects.create(user=own.user, name="Phone", confirmed=True)
    TOTPDevice.objects.create(user=other.user, name="Phone", confirmed=True)
    client = sign_in(Client(), setup["admin"])
    changelist = reverse("admin:organisations_staffmember_changelist")
    # Another organisation's staff cannot even be selected: the list is the admin's own.
    client.post(
        changelist,
        {"action": "reset_two_factor_sign_in", "_selected_action": [own.pk, other.pk]},
    )
    assert not TOTPDevice.objects.filter(user=own.user).exists()
    assert TOTPDevice.objects.filter(user=other.user).exists()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.TWO_FACTOR_RESET)
    assert (event.user_id_at_time, event.done_by_id_at_time) == (own.user.pk, setup["admin"].pk)
    # Their own: refused with a message, their authenticator kept.
    admins_row = StaffMember.objects.get(user=setup["admin"])
    response = client.post(
        changelist,
        {"action": "reset_two_factor_sign_in", "_selected_action": [admins_row.pk]},
        follow=True,
    )
    assert "never your own" in response.content.decode()
    assert TOTPDevice.objects.filter(user=setup["admin"]).exists()
