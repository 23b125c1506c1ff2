"""Issue 5's "done when", tried as new users would, one story from start to end."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.everyday.models import Meeting, Suggestion
from alongside.organisations.models import StaffMember
from alongside.people.models import AboutMeSection
from alongside.people.sharing import Part
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def test_a_bad_day_an_agenda_item_a_late_action_and_an_anonymous_idea_answered() -> None:
    josie = PersonFactory(preferred_name="Josie")
    PersonFactory(service=josie.service, preferred_name="Aaron")
    AboutMeSection.objects.create(
        person=josie, part=Part.GOOD_AND_BAD_DAYS, text="What helps:\nQuiet time\n", version=1
    )
    sam = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[josie.service]).user
    priya = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[josie.service]).user
    as_josie, as_sam, as_priya = (sign_in(Client(), u) for u in (josie.user, sam, priya))

    # A bad day, "I'd like quiet time": Sam sees it first on Today.
    as_josie.post(
        reverse("everyday:check-in", args=[josie.pk]),
        {"feeling": "1", "helps": ["Quiet time"], "note": "", "alert_team": "yes", "version": "0"},
    )
    today = as_sam.get(reverse("everyday:handover")).content.decode()
    first = today.split('data-testid="handover-person"')[1]
    assert ">Josie</a>" in first and "Quiet time" in first

    # Josie adds an agenda item; the meeting agrees an action that later shows late.
    meetings = reverse("everyday:meetings", args=[josie.pk])
    as_josie.post(
        meetings,
        {
            "on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
            "how_often": "weekly",
            "with_whom": "Sam",
        },
    )
    as_josie.post(meetings, {"text": "Going to the cinema"})
    meeting = Meeting.objects.get(person=josie)
    record = as_sam.get(reverse("everyday:meeting", args=[josie.pk, meeting.pk])).content
    assert b"Going to the cinema" in record
    as_sam.post(
        reverse("everyday:meeting", args=[josie.pk, meeting.pk]),
        {
            "add_action": "1",
            "what": "Find cinema times",
            "owner": "someone-else",
            "who": "Sam",
            "by_when": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert b"Find cinema times" in as_priya.get(reverse("web:manager-home")).content

    # An anonymous idea gets a "doing it" answer that appears on "You said, we did".
    as_josie.post(
        reverse("everyday:suggest"),
        {"service": str(josie.service.pk), "text": "A film club", "anonymous": "yes"},
    )
    idea = Suggestion.objects.get()
    as_priya.post(
        reverse("everyday:suggestion", args=[idea.pk]),
        {"status": "doing", "response": "Film club on Fridays.", "version": "1"},
    )
    said = as_josie.get(reverse("everyday:you-said-we-did", args=[josie.service.pk])).content
    assert b"A film club" in said and b"Film club on Fridays." in said
    assert Suggestion.objects.get().suggested_by_id is None
