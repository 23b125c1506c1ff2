"""Alongside's own set-up pages: an organisation admin adds, changes and ends services,
staff and supporters, and a service manager adds a person we support, one at a time,
with the importer's checks and messages (issue 13, item 4)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Invitation, User
from alongside.organisations.models import Service, StaffMember
from alongside.people.models import Person, Supporter
from tests.conftest import sign_in
from tests.factories import (
    CouncilFactory,
    PersonFactory,
    ProviderFactory,
    RegionFactory,
    ServiceFactory,
    StaffMemberFactory,
    SupporterFactory,
)

pytestmark = pytest.mark.django_db

SERVICE = {
    "reference": "S-1",
    "name": "Oak House",
    "type": "Care home",
    "address_line_1": "1 Oak Road",
    "address_line_2": "",
    "town": "York",
    "postcode": "yo1 7hh",
    "region": "North",
}


@pytest.fixture
def org() -> dict[str, Any]:
    provider = ProviderFactory(name="Hill House Support")
    region = RegionFactory(organisation=provider, name="North")
    service = ServiceFactory(organisation=provider, region=region, reference="S-0", name="Elm")
    admin = StaffMemberFactory(organisation=provider, role=StaffMember.Role.ORG_ADMIN).user
    other = ProviderFactory(name="Far Away Care")
    return {
        "provider": provider,
        "service": service,
        "admin": admin,
        "other_service": ServiceFactory(organisation=other, reference="S-0"),
        "other_staff": StaffMemberFactory(organisation=other),
    }


def _admin(org: dict[str, Any]) -> Client:
    return sign_in(Client(), org["admin"])


def _add(kind: str) -> str:
    return reverse("organisations:setup-add", kwargs={"kind": kind})


def _edit(kind: str, pk: int) -> str:
    return reverse("organisations:setup-edit", kwargs={"kind": kind, "pk": pk})


def _end(kind: str, pk: int) -> str:
    return reverse("organisations:setup-end", kwargs={"kind": kind, "pk": pk})


def _seen(client: Client, url: str) -> str:
    return str(client.get(url).context["seen"].value())


# --- Services --------------------------------------------------------------------------


def test_an_admin_adds_a_service_with_the_importers_tidying(org: dict[str, Any]) -> None:
    response = _admin(org).post(_add("services"), SERVICE)

    assert response.status_code == 302
    made = Service.objects.get(organisation=org["provider"], reference="S-1")
    assert (made.name, made.kind, made.postcode, made.region.name) == (
        "Oak House",
        Service.Kind.HOME,
        "YO1 7HH",
        "North",
    )
    assert made.history.first().history_user == org["admin"]


def test_a_bad_postcode_gets_the_importers_message_and_adds_nothing(org: dict[str, Any]) -> None:
    response = _admin(org).post(_add("services"), {**SERVICE, "postcode": "NOPE"})

    assert response.status_code == 400
    assert "&#x27;NOPE&#x27; is not a UK postcode" in response.content.decode()
    assert not Service.objects.filter(reference="S-1").exists()


def test_a_reference_already_used_is_refused_not_overwritten(org: dict[str, Any]) -> None:
    response = _admin(org).post(_add("services"), {**SERVICE, "reference": "S-0"})

    assert response.status_code == 400
    assert "is already in Alongside" in response.content.decode()
    assert Service.objects.get(pk=org["service"].pk).name == "Elm"


def test_an_admin_changes_a_service_keeping_its_reference(org: dict[str, Any]) -> None:
    client, url = _admin(org), _edit("services", org["service"].pk)
    seen = _seen(client, url)

    response = client.post(url, {**SERVICE, "reference": "S-9", "name": "Elm Court", "seen": seen})

    assert response.status_code == 302
    service = Service.objects.get(pk=org["service"].pk)
    assert (service.name, service.reference, service.town) == ("Elm Court", "S-0", "York")


def test_two_admins_editing_one_service_the_second_is_told(org: dict[str, Any]) -> None:
    client, url = _admin(org), _edit("services", org["service"].pk)
    seen = _seen(client, url)
    client.post(url, {**SERVICE, "name": "First save", "seen": seen})

    response = client.post(url, {**SERVICE, "name": "Second save", "seen": seen})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this while you were editing." in page
    assert "First save" in page and 'value="Second save"' in page
    assert Service.objects.get(pk=org["service"].pk).name == "First save"


def test_a_service_nobody_is_in_is_ended_and_one_with_people_is_not(
    org: dict[str, Any],
) -> None:
    empty = ServiceFactory(organisation=org["provider"], name="Empty")
    PersonFactory(service=org["service"])
    client = _admin(org)

    assert client.post(_end("services", empty.pk)).status_code == 302
    refused = client.post(_end("services", org["service"].pk))

    assert not Service.objects.filter(pk=empty.pk).exists()
    assert refused.status_code == 400
    assert "Elm still has 1 people we support" in refused.content.decode()
    assert Service.objects.filter(pk=org["service"].pk).exists()


def test_another_organisations_service_and_staff_are_not_there(org: dict[str, Any]) -> None:
    client = _admin(org)

    assert client.get(_edit("services", org["other_service"].pk)).status_code == 404
    assert client.post(_end("services", org["other_service"].pk)).status_code == 404
    assert client.get(_edit("staff", org["other_staff"].pk)).status_code == 404
    assert client.post(_end("staff", org["other_staff"].pk), {"reason": "x"}).status_code == 404
    assert Service.objects.filter(pk=org["other_service"].pk).exists()
    assert User.objects.get(pk=org["other_staff"].user_id).is_active


def test_the_list_shows_only_the_admins_own_services(org: dict[str, Any]) -> None:
    page = _admin(org).get(reverse("organisations:setup-list", kwargs={"kind": "services"}))

    assert [s.pk for s in page.context["page"].object_list] == [org["service"].pk]


# --- Staff -----------------------------------------------------------------------------

STAFF = {
    "reference": "P-1",
    "name": "Jo Bloggs",
    "email": "Jo@Example.org",
    "role": "Support worker",
    "services": "S-0",
    "skills": "",
    "contracted_hours": "30",
    "maximum_hours": "50",
    "opted_out_of_48_hours": "yes",
}


def test_an_admin_adds_a_staff_member_who_is_sent_an_invitation(org: dict[str, Any]) -> None:
    response = _admin(org).post(_add("staff"), STAFF)

    assert response.status_code == 302
    staff = StaffMember.objects.get(organisation=org["provider"], reference="P-1")
    assert staff.user.email == "jo@example.org"
    assert staff.role == StaffMember.Role.SUPPORT_WORKER
    assert list(staff.services.all()) == [org["service"]]
    assert staff.contracted_hours == Decimal("30")
    assert (staff.rota_terms.max_hours, staff.rota_terms.opted_out_of_48_hours) == (50, True)
    assert Invitation.objects.filter(user=staff.user, invited_by=org["admin"]).count() == 1
    assert [m.to for m in mail.outbox] == [["jo@example.org"]]


def test_more_than_48_hours_without_the_opt_out_is_refused_and_adds_no_one(
    org: dict[str, Any],
) -> None:
    response = _admin(org).post(_add("staff"), {**STAFF, "opted_out_of_48_hours": "no"})

    assert response.status_code == 400
    assert "&#x27;50&#x27; is more than 48 hours a week" in response.content.decode()
    assert not User.objects.filter(email="jo@example.org").exists()
    assert mail.outbox == []


def test_a_service_of_another_organisation_cannot_be_given_to_staff(
    org: dict[str, Any],
) -> None:
    ServiceFactory(organisation=org["other_service"].organisation, reference="FAR-1")

    response = _admin(org).post(_add("staff"), {**STAFF, "services": "FAR-1"})

    assert response.status_code == 400
    assert "&#x27;FAR-1&#x27; is not a service in Alongside" in response.content.decode()
    assert not StaffMember.objects.filter(reference="P-1").exists()


def test_an_admin_changes_a_staff_members_role_and_hours(org: dict[str, Any]) -> None:
    staff = StaffMemberFactory(organisation=org["provider"], reference="P-2")
    client, url = _admin(org), _edit("staff", staff.pk)
    seen = _seen(client, url)

    response = client.post(
        url,
        {
            **STAFF,
            "email": staff.user.email,
            "role": "Service manager",
            "maximum_hours": "40",
            "opted_out_of_48_hours": "no",
            "seen": seen,
        },
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.role == StaffMember.Role.SERVICE_MANAGER
    assert staff.reference == "P-2"
    assert staff.rota_terms.max_hours == 40
    assert list(staff.services.all()) == [org["service"]]


def test_two_admins_editing_one_staff_member_the_second_is_told(org: dict[str, Any]) -> None:
    staff = StaffMemberFactory(organisation=org["provider"], reference="P-2")
    client, url = _admin(org), _edit("staff", staff.pk)
    seen = _seen(client, url)
    base = {**STAFF, "email": staff.user.email, "seen": seen}
    client.post(url, {**base, "role": "Quality lead"})

    response = client.post(url, {**base, "role": "Service manager"})

    assert response.status_code == 409
    assert StaffMember.objects.get(pk=staff.pk).role == StaffMember.Role.QUALITY_LEAD


def test_ending_a_staff_member_ends_their_account_with_the_reason(org: dict[str, Any]) -> None:
    staff = StaffMemberFactory(organisation=org["provider"])
    client = _admin(org)

    empty = client.post(_end("staff", staff.pk), {"reason": ""})
    assert empty.status_code == 400 and "Say why the account is ended" in empty.content.decode()
    assert User.objects.get(pk=staff.user_id).is_active

    assert client.post(_end("staff", staff.pk), {"reason": "Left in November"}).status_code == 302
    user = User.objects.get(pk=staff.user_id)
    assert (user.is_active, user.ended_reason, user.ended_by) == (
        False,
        "Left in November",
        org["admin"],
    )


# --- Supporters ------------------------------------------------------------------------


def _person(org: dict[str, Any]) -> Person:
    return PersonFactory(service=org["service"], reference="R-1", preferred_name="Sam")


def test_an_admin_adds_a_supporter_who_is_sent_an_invitation(org: dict[str, Any]) -> None:
    person = _person(org)
    data = {
        "person": "R-1",
        "name": "Amir Khan",
        "email": "amir@example.org",
        "relationship": "My brother",
    }

    response = _admin(org).post(_add("supporters"), data)

    assert response.status_code == 302
    supporter = Supporter.objects.get(person=person, user__email="amir@example.org")
    assert (supporter.user.display_name, supporter.relationship) == ("Amir Khan", "My brother")
    assert Invitation.objects.filter(user=supporter.user).count() == 1
    assert [m.to for m in mail.outbox] == [["amir@example.org"]]


def test_a_supporter_for_someone_not_in_alongside_is_refused(org: dict[str, Any]) -> None:
    data = {"person": "R-404", "name": "Amir", "email": "amir@example.org", "relationship": "Me"}

    response = _admin(org).post(_add("supporters"), data)

    assert response.status_code == 400
    assert "&#x27;R-404&#x27; is not a person in Alongside" in response.content.decode()
    assert not User.objects.filter(email="amir@example.org").exists()


def test_an_admin_changes_and_ends_a_supporter(org: dict[str, Any]) -> None:
    supporter = SupporterFactory(person=_person(org), relationship="Friend")
    client, url = _admin(org), _edit("supporters", supporter.pk)
    seen = _seen(client, url)

    changed = client.post(
        url, {"name": "New Name", "relationship": "My sister", "email": "x@y.z", "seen": seen}
    )
    assert changed.status_code == 302
    supporter.refresh_from_db()
    assert (supporter.relationship, supporter.user.display_name) == ("My sister", "New Name")
    assert supporter.user.email != "x@y.z"  # who they are is not changed by an edit

    assert client.post(_end("supporters", supporter.pk)).status_code == 302
    assert not Supporter.objects.get(pk=supporter.pk).is_active


def test_another_organisations_supporter_is_not_there(org: dict[str, Any]) -> None:
    far = SupporterFactory(person=PersonFactory(service=org["other_service"]))

    assert _admin(org).get(_edit("supporters", far.pk)).status_code == 404


# --- A person we support, added by their service manager -------------------------------


def _manager(org: dict[str, Any]) -> Any:
    return StaffMemberFactory(
        organisation=org["provider"],
        role=StaffMember.Role.SERVICE_MANAGER,
        services=[org["service"]],
    ).user


def _add_person(service: Service) -> str:
    return reverse("organisations:add-person", kwargs={"service_id": service.pk})


PERSON = {
    "reference": "R-7",
    "full_name": "Samira Khan",
    "preferred_name": "",
    "date_of_birth": "31/12/1990",
    "council": "Shire",
    "council_reference": "LCC-1",
    "nhs_number": "943 476 5919",
}


def test_a_manager_adds_a_person_and_is_sent_to_about_me(org: dict[str, Any]) -> None:
    council = CouncilFactory(name="Shire")
    client = sign_in(Client(), _manager(org))

    response = client.post(_add_person(org["service"]), PERSON)

    person = Person.objects.get(provider=org["provider"], reference="R-7")
    assert response["Location"] == reverse("people:about-me", kwargs={"person_id": person.pk})
    assert (person.preferred_name, person.service, person.council, person.nhs_number) == (
        "Samira",
        org["service"],
        council,
        "9434765919",
    )
    assert str(person.date_of_birth) == "1990-12-31"


def test_a_mistyped_nhs_number_gets_the_importers_message_and_adds_no_one(
    org: dict[str, Any],
) -> None:
    CouncilFactory(name="Shire")
    client = sign_in(Client(), _manager(org))

    response = client.post(_add_person(org["service"]), {**PERSON, "nhs_number": "943 476 5918"})

    assert response.status_code == 400
    assert "&#x27;943 476 5918&#x27; is not an NHS number" in response.content.decode()
    assert not Person.objects.filter(reference="R-7").exists()


def test_a_manager_cannot_add_a_person_to_a_service_they_do_not_manage(
    org: dict[str, Any],
) -> None:
    CouncilFactory(name="Shire")
    elsewhere = ServiceFactory(organisation=org["provider"], reference="S-5")
    client = sign_in(Client(), _manager(org))

    response = client.post(_add_person(elsewhere), PERSON)

    assert response.status_code == 404
    assert not Person.objects.filter(reference="R-7").exists()


def test_the_admin_home_links_to_these_pages_not_the_django_admin(org: dict[str, Any]) -> None:
    page = _admin(org).get(reverse("web:admin-home")).content.decode()

    assert reverse("organisations:setup-list", kwargs={"kind": "staff"}) in page
    assert reverse("admin:index") not in page


def test_an_email_another_account_has_is_refused_on_an_edit_and_changes_nothing(
    org: dict[str, Any],
) -> None:
    staff = StaffMemberFactory(organisation=org["provider"], reference="P-2")
    supporter = SupporterFactory(person=_person(org))
    client, url = _admin(org), _edit("staff", staff.pk)
    seen = _seen(client, url)

    response = client.post(url, {**STAFF, "email": supporter.user.email, "seen": seen})

    assert response.status_code == 400
    assert "is already used by another account" in response.content.decode()
    assert User.objects.get(pk=staff.user_id).email == staff.user.email


def test_a_service_from_before_references_cannot_take_one_in_use(org: dict[str, Any]) -> None:
    old = ServiceFactory(organisation=org["provider"], name="Old", reference="")
    client, url = _admin(org), _edit("services", old.pk)
    seen = _seen(client, url)

    response = client.post(url, {**SERVICE, "reference": "S-0", "seen": seen})

    assert response.status_code == 400
    assert (
        "&#x27;S-0&#x27; is already the reference of another service" in response.content.decode()
    )
    assert Service.objects.get(pk=old.pk).reference == ""
