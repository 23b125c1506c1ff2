"""A person's record links to the other parts of their record, each only for those who may
see it."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.people.sharing import Audience, Part
from tests.conftest import sign_in
from tests.factories import CouncilWorkerFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def _links(user: Any, person: Any) -> dict[str, str]:
    body = sign_in(Client(), user).get(reverse("people:record", args=[person.pk])).content.decode()
    if 'data-testid="record-links"' not in body:
        return {}
    block = body.split('data-testid="record-links"')[1].split("</ul>")[0]
    return {
        html.unescape(part.split(">", 1)[1].split("</a>")[0]): part.split('href="', 1)[1].split(
            '"', 1
        )[0]
        for part in block.split("<a ")[1:]
    }


def test_the_council_worker_finds_the_review_and_budget_from_the_record() -> None:
    josie = PersonFactory(preferred_name="Josie")
    lyn = CouncilWorkerFactory(council=josie.council).user
    links = _links(lyn, josie)
    assert links["Josie's reviews and goals"] == reverse("reviews:mine", args=[josie.pk])
    assert links["Josie's personal budget"] == reverse("reviews:budget", args=[josie.pk])
    assert "Who supports Josie this week" not in links


def test_a_support_worker_finds_today_and_meetings_but_not_the_budget() -> None:
    josie = PersonFactory(preferred_name="Josie")
    sam = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[josie.service]).user
    links = _links(sam, josie)
    assert links["How Josie has been"] == reverse("everyday:patterns", args=[josie.pk])
    assert "Josie's meetings and actions" in links
    assert "Josie's personal budget" not in links
    assert "Josie's weekly pattern of support" not in links


def test_a_part_the_person_stops_sharing_loses_its_link() -> None:
    josie = PersonFactory(preferred_name="Josie")
    josie.sharing[Part.TODAY] = [Audience.MANAGER]
    josie.save()
    sam = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[josie.service]).user
    links = _links(sam, josie)
    assert "How Josie has been" not in links
    assert "Say how Josie is today, together" not in links
