"""The home pages that say how many people or services there are read right for none, one
and many ("1 person", never "1 people")."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import (
    CouncilFactory,
    CouncilWorkerFactory,
    PersonFactory,
    ProviderFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

COUNTS = [
    (0, "No people", "No services"),
    (1, "1 person", "1 service"),
    (3, "3 people", "3 services"),
]


@pytest.mark.parametrize(("n", "people", "_"), COUNTS)
def test_the_council_home_counts_the_people_it_funds(n: int, people: str, _: str) -> None:
    council = CouncilFactory()
    for _n in range(n):
        PersonFactory(council=council)
    worker = CouncilWorkerFactory(council=council)
    page = sign_in(Client(), worker.user).get(reverse("web:council-home")).content.decode()
    assert f'<p class="govuk-body">{people}. You see only what each person shares' in page


@pytest.mark.parametrize(("n", "_", "services"), COUNTS)
def test_the_quality_lead_home_counts_the_services(n: int, _: str, services: str) -> None:
    provider = ProviderFactory()
    for _n in range(n):
        ServiceFactory(organisation=provider)
    lead = StaffMemberFactory(organisation=provider, role=StaffMember.Role.QUALITY_LEAD)
    page = sign_in(Client(), lead.user).get(reverse("web:quality-lead-home")).content.decode()
    assert f'<p class="govuk-body">{services}.</p>' in page


@pytest.mark.parametrize(("n", "people", "_"), COUNTS)
def test_the_manager_home_counts_the_people_at_each_service(n: int, people: str, _: str) -> None:
    service = ServiceFactory()
    for _n in range(n):
        PersonFactory(service=service)
    manager = StaffMemberFactory(
        organisation=service.organisation,
        role=StaffMember.Role.SERVICE_MANAGER,
        services=[service],
    )
    page = sign_in(Client(), manager.user).get(reverse("web:manager-home")).content.decode()
    assert f'govuk-!-margin-bottom-0">{people} · ' in page


@pytest.mark.parametrize(
    ("n", "coverage"),
    [
        (0, "There are no services to find quality checkers for yet."),
        (1, "0 of 1 service (0%) have at least one trained quality checker"),
        (3, "0 of 3 services (0%) have at least one trained quality checker"),
    ],
)
def test_the_coverage_page_counts_the_services(n: int, coverage: str) -> None:
    provider = ProviderFactory()
    for _n in range(n):
        ServiceFactory(organisation=provider)
    lead = StaffMemberFactory(organisation=provider, role=StaffMember.Role.QUALITY_LEAD)
    page = sign_in(Client(), lead.user).get(reverse("quality:coverage")).content.decode()
    assert coverage in page
    assert "1 services" not in page
