"""The benchmarks' check-ins (`manage.py generate_check_ins`), which stay with everyday."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from alongside.everyday.models import CheckIn

pytestmark = pytest.mark.django_db


def test_the_benchmark_command_makes_one_check_in_a_day_for_everyone() -> None:
    from tests.factories import PersonFactory

    PersonFactory.create_batch(3)
    call_command("generate_check_ins", "--days", "10", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("generate_check_ins", "--days", "10", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CheckIn.objects.count() == 30
