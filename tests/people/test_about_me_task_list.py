"""About me as a GOV.UK task list: each part with a true status, worked out from what is
saved, and a link to write that part."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.people.models import AboutMeSection, Proposal
from alongside.people.sharing import ABOUT_ME_PARTS, Part
from tests.factories import PersonFactory, StaffMemberFactory
from tests.web.html_answers import shown

pytestmark = pytest.mark.django_db

STATUS = 'data-status="'


def _statuses(html: str) -> dict[str, str]:
    """{part: status} read from the task list on the page."""
    found = {}
    for row in html.split('data-task="')[1:]:
        part = row.split('"', 1)[0]
        found[part] = row.split(STATUS, 1)[1].split('"', 1)[0]
    return found


def test_every_part_is_not_started_before_anything_is_written(signed_in_client: Any) -> None:
    person = PersonFactory(what_matters="")
    html = signed_in_client(person.user).get(reverse("people:about-me", args=[person.pk]))
    statuses = _statuses(html.content.decode())
    assert statuses == {str(part): "not_started" for part in ABOUT_ME_PARTS}


def test_a_written_part_is_done_and_the_others_are_not(signed_in_client: Any) -> None:
    person = PersonFactory(what_matters="")
    AboutMeSection.objects.create(person=person, part=Part.LIKES, text="Swimming.", version=1)
    AboutMeSection.objects.create(person=person, part=Part.ROUTINES, text="  ", version=1)
    html = signed_in_client(person.user).get(reverse("people:about-me", args=[person.pk]))
    statuses = _statuses(html.content.decode())
    assert statuses[str(Part.LIKES)] == "done"
    assert statuses[str(Part.ROUTINES)] == "not_started"
    assert statuses[str(Part.WHAT_MATTERS)] == "not_started"


def test_a_part_with_a_suggestion_waiting_is_in_progress_until_answered(
    signed_in_client: Any,
) -> None:
    person = PersonFactory()
    AboutMeSection.objects.create(person=person, part=Part.LIKES, text="Swimming.", version=1)
    staff = StaffMemberFactory()
    proposal = Proposal.objects.create(
        person=person, part=Part.LIKES, proposed_text="Swimming and art.", proposed_by=staff.user
    )
    client = signed_in_client(person.user)
    url = reverse("people:about-me", args=[person.pk])
    html = client.get(url).content.decode()
    assert _statuses(html)[str(Part.LIKES)] == "in_progress"
    assert "A suggestion waits for your answer." in html
    proposal.status = Proposal.Status.DECLINED
    proposal.save()
    assert _statuses(client.get(url).content.decode())[str(Part.LIKES)] == "done"


def test_each_task_links_to_writing_its_part_and_the_link_works(signed_in_client: Any) -> None:
    person = PersonFactory()
    AboutMeSection.objects.create(person=person, part=Part.LIKES, text="Swimming.", version=1)
    client = signed_in_client(person.user)
    html = client.get(reverse("people:about-me", args=[person.pk])).content.decode()
    tasks = html.split('data-testid="task-list"', 1)[1].split("</ul>", 1)[0]
    links = [href for href, _ in shown(tasks).links]
    assert links == [
        reverse("people:about-me-edit", args=[person.pk, part]) for part in ABOUT_ME_PARTS
    ]
    for href in links:
        page = client.get(href)
        assert page.status_code == 200
        assert "id_text" in shown(page.content.decode()).ids
    likes = client.get(reverse("people:about-me-edit", args=[person.pk, Part.LIKES]))
    assert shown(likes.content.decode()).value_of("id_text") == "Swimming."


def test_staff_who_only_suggest_see_no_task_list(signed_in_client: Any) -> None:
    person = PersonFactory()
    manager = StaffMemberFactory(role="service_manager")
    manager.services.add(person.service)
    html = signed_in_client(manager.user).get(reverse("people:about-me", args=[person.pk]))
    assert 'data-testid="task-list"' not in html.content.decode()
