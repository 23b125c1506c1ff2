from __future__ import annotations

import pytest
from django.core.management import call_command
from pytest_django.fixtures import SettingsWrapper

from alongside.accounts.demo import DEMO_ROLES
from alongside.accounts.models import User
from alongside.organisations.models import CouncilWorker, Organisation, Service, StaffMember
from alongside.people.models import Person

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[str, str]]:
    return sorted(Person.objects.values_list("full_name", "service__name"))


def test_the_small_demo_has_the_promised_size_and_one_user_per_role() -> None:
    call_command("seed_demo", "--seed", "3")
    assert Service.objects.count() == 3
    assert Person.objects.count() == 12
    assert StaffMember.objects.count() == 20
    assert Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).count() == 1
    emails = set(User.objects.values_list("email", flat=True))
    assert {role.email for role in DEMO_ROLES} <= emails


def test_running_the_demo_twice_changes_nothing() -> None:
    call_command("seed_demo", "--seed", "3")
    first = _snapshot()
    call_command("seed_demo", "--seed", "3")
    assert _snapshot() == first
    assert Person.objects.count() == 12


def test_the_same_seed_gives_the_same_people() -> None:
    call_command("seed_demo", "--seed", "11")
    first = _snapshot()
    # Reviews and budgets are kept records (PROTECT): clear them before the people.
    from alongside.reviews.models import Goal, PersonalBudget, Review, Spending

    Spending.objects.all().delete()
    PersonalBudget.objects.all().delete()
    Goal.objects.all().delete()
    Review.objects.all().delete()
    Person.objects.all().delete()
    StaffMember.objects.all().delete()
    CouncilWorker.objects.all().delete()
    Service.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()
    call_command("seed_demo", "--seed", "11")
    assert _snapshot() == first


def test_demo_sign_ins_are_not_printed_in_production_settings(settings: SettingsWrapper) -> None:
    from django.core.management.base import CommandError

    settings.ALONGSIDE_DEMO = False
    with pytest.raises(CommandError):
        call_command("demo_sign_ins")


def test_the_demo_is_refused_outside_the_demo_settings_and_adds_nothing(
    settings: SettingsWrapper,
) -> None:
    from django.core.management.base import CommandError

    settings.ALONGSIDE_DEMO = False  # as in alongside.settings.production
    with pytest.raises(CommandError, match="only be loaded with the demo settings"):
        call_command("seed_demo", "--seed", "3")
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()


def test_made_up_review_history_is_refused_outside_the_demo_settings(
    settings: SettingsWrapper,
) -> None:
    from django.core.management.base import CommandError

    from alongside.reviews.models import Review

    settings.ALONGSIDE_DEMO = False
    with pytest.raises(CommandError, match="only be added with the demo settings"):
        call_command("seed_review_history", "--seed", "1")
    assert not Review.objects.exists()
