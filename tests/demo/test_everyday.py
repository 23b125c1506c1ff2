from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import User
from alongside.everyday.models import CheckIn, MeetingAction, Suggestion, SuggestionStatus
from alongside.everyday.selectors import overdue_actions, suggestions_to_answer
from alongside.people.models import Person
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_demo_gives_josie_a_bad_day_today_that_sam_sees_first() -> None:
    call_command("seed_demo", "--seed", "3")
    josie = Person.objects.get(preferred_name="Josie")
    today = CheckIn.objects.get(person=josie, on=CheckIn.objects.latest("on").on)
    assert today.alerts_team and "quiet" in today.note
    sam = User.objects.get(email="worker@demo.alongside.example")
    body = sign_in(Client(), sam).get(reverse("everyday:handover")).content.decode()
    first_card = body.split('data-testid="handover-person"')[1]
    assert ">Josie</a>" in first_card


def test_the_demo_has_a_suggestion_and_a_late_action_for_priya_and_is_safe_twice() -> None:
    call_command("seed_demo", "--seed", "3")
    call_command("seed_demo", "--seed", "3")
    priya = User.objects.get(email="manager@demo.alongside.example")
    assert suggestions_to_answer(user=priya).count() == 1
    assert len(overdue_actions(user=priya)) == 1
    assert Suggestion.objects.filter(status=SuggestionStatus.DOING, anonymous=True).count() == 1
    assert MeetingAction.objects.count() == 2


def test_the_demo_never_answers_an_idea_before_it_arrives() -> None:
    from alongside.everyday.selectors import response_times
    from alongside.organisations.models import Service

    call_command("seed_demo", "--seed", "3")
    for received, first, outcome in Suggestion.objects.values_list(
        "received_at", "first_response_at", "outcome_at"
    ):
        assert first is None or first >= received
        assert outcome is None or outcome >= received
    (willow,) = response_times(services=[Service.objects.get(name="Willow House")])
    # The pizza night idea was answered in 7 days, the hot tub in 4 (and decided then).
    assert (willow.ideas, willow.answered, willow.decided) == (3, 2, 1)
    assert willow.average_days_to_first_response == 5.5
    assert willow.average_days_to_outcome == 4.0
