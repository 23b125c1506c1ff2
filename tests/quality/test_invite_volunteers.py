"""A quality lead invites the people at a service to volunteer; each person says yes
themselves."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.quality.models import QualityChecker, VolunteerInvitation
from tests.factories import (
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    RegionFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_the_lead_invites_a_service_and_the_person_still_says_yes_themselves(
    signed_in_client: Any,
) -> None:
    provider = ProviderFactory()
    home = ServiceFactory(
        organisation=provider, region=RegionFactory(organisation=provider), name="Oak House"
    )
    josie = PersonFactory(service=home, preferred_name="Josie")
    QualityCheckerFactory(person=PersonFactory(service=home))  # already a checker
    lead = StaffMemberFactory(organisation=provider, role=StaffMember.Role.QUALITY_LEAD).user
    as_lead = signed_in_client(lead)
    url = reverse("quality:invite-volunteers", args=[home.pk])
    page = as_lead.get(url).content.decode()
    assert "1 person at this service can be invited." in page
    assert "Josie" not in page  # the lead is not given names
    response = as_lead.post(url, follow=True)
    assert "Invited 1 person at Oak House. Each person says yes themselves." in (
        response.content.decode()
    )
    assert list(VolunteerInvitation.objects.values_list("person_id", flat=True)) == [josie.pk]
    # Asked again: nobody is invited twice.
    as_lead.post(url)
    assert VolunteerInvitation.objects.count() == 1
    # Josie sees the invitation; she is not a checker until she says yes.
    as_josie = signed_in_client(josie.user)
    home_page = as_josie.get(reverse("web:home"), follow=True).content.decode()
    assert "You are invited to be a quality checker. It is your choice." in home_page
    assert not QualityChecker.objects.filter(person=josie).exists()


def test_a_lead_of_another_organisation_cannot_invite(signed_in_client: Any) -> None:
    home = ServiceFactory()
    PersonFactory(service=home)
    other = StaffMemberFactory(role=StaffMember.Role.QUALITY_LEAD).user
    response = signed_in_client(other).post(reverse("quality:invite-volunteers", args=[home.pk]))
    assert response.status_code == 404
    assert not VolunteerInvitation.objects.exists()
