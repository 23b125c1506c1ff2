"""A "rather not" after publishing: the manager is warned at once, presses "Fix this" and
publishes; the person sees "We are changing this", then the new name."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from alongside.rota import services
from alongside.rota.models import RotaWeek, SupportNeed
from alongside.rota.selectors import breaches_now, week_label
from alongside.team.models import TeamChoice
from tests.conftest import SignedInClient

from .test_rota_in_the_service import service_world  # noqa: F401

pytestmark = pytest.mark.django_db

THIS_MONDAY = datetime.date(2026, 11, 30)  # the test clock is Wednesday 2 December 2026


def test_a_rather_not_after_publishing_is_flagged_and_fix_this_mends_it(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    w = service_world
    josie = w["josie"]
    # The week of the test clock (the home page warns of this week and next).
    from alongside.rota.selectors import this_monday

    monday = this_monday()
    for day in range(3):
        SupportNeed.objects.create(
            person=josie, day=day, starts=datetime.time(10), ends=datetime.time(13)
        )
    TeamChoice.objects.create(person=josie, worker=w["sam"], choice=TeamChoice.Choice.RATHER)
    week = services.solve_week(
        service=josie.service, monday=monday, solved_by=None, deterministic_time=1
    )
    services.publish_week(week=week, published_by=w["manager"].user)
    assert {x.pk for s in week.shifts.all() for x in s.workers.all()} == {w["sam"].pk}
    label = week_label(monday)

    # After publishing, Josie would rather not have Sam.
    TeamChoice.objects.filter(person=josie, worker=w["sam"]).update(
        choice=TeamChoice.Choice.RATHER_NOT
    )
    assert len(breaches_now(week)) == 3

    manager = signed_in_client(w["manager"].user)
    home = manager.get("/home/manager/").content.decode()
    assert "A published rota breaks a rule now" in home
    assert "3 rule(s) broken" in home
    grid = manager.get(reverse("rota:service-week", args=[josie.service_id, label]))
    assert grid.content.decode().count("Breaks a rule now") == 3
    assert "Fix this" in grid.content.decode()
    person = signed_in_client(josie.user)
    mine = person.get(reverse("rota:person-week", args=[josie.pk])).content.decode()
    assert mine.count("We are changing this") == 3

    fix = manager.get(reverse("rota:fix", args=[josie.service_id, label]))
    page = fix.content.decode()
    assert "Before and after" in page and "Sam" in page
    hidden = {f"shift_{r['shift'].pk}": r["value"] for r in fix.context["rows"]}
    assert len(hidden) == 3
    done = manager.post(reverse("rota:fix", args=[josie.service_id, label]), hidden)

    assert done.status_code == 302
    week = RotaWeek.objects.get(pk=week.pk)
    assert week.status == RotaWeek.Status.PUBLISHED
    assert breaches_now(week) == []
    names = {x.user.display_name for s in week.shifts.all() for x in s.workers.all()}
    assert "Sam" not in names and names
    mine = person.get(reverse("rota:person-week", args=[josie.pk])).content.decode()
    assert "We are changing this" not in mine and "Sam" not in mine
    assert all(n in mine for n in names)
    assert (
        "A published rota breaks a rule now" not in manager.get("/home/manager/").content.decode()
    )


def test_a_fix_that_would_still_break_a_rule_is_refused_and_changes_nothing(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    w = service_world
    josie = w["josie"]
    SupportNeed.objects.create(
        person=josie, day=0, starts=datetime.time(10), ends=datetime.time(13)
    )
    week = services.solve_week(
        service=josie.service, monday=THIS_MONDAY, solved_by=None, deterministic_time=1
    )
    services.publish_week(week=week, published_by=w["manager"].user)
    shift = week.shifts.get()
    on_it = shift.workers.get()
    TeamChoice.objects.create(person=josie, worker=on_it, choice=TeamChoice.Choice.RATHER_NOT)
    manager = signed_in_client(w["manager"].user)

    response = manager.post(
        reverse("rota:fix", args=[josie.service_id, week_label(THIS_MONDAY)]),
        {f"shift_{shift.pk}": str(on_it.pk)},
        follow=True,
    )

    assert "Nothing was changed" in response.content.decode()
    assert list(shift.workers.all()) == [on_it]


def test_next_weeks_solve_starts_from_the_published_week_and_keeps_its_workers(
    service_world: dict[str, Any],  # noqa: F811
) -> None:
    w = service_world
    josie = w["josie"]
    for day in range(3):
        SupportNeed.objects.create(
            person=josie, day=day, starts=datetime.time(10), ends=datetime.time(13)
        )
    next_monday = THIS_MONDAY + datetime.timedelta(days=7)
    cold = services.solve_week(
        service=josie.service, monday=next_monday, solved_by=None, deterministic_time=1
    )
    cold_pick = {x.pk for s in cold.shifts.all() for x in s.workers.all()}
    assert len(cold_pick) == 1
    # This week was published with someone the cold solve would not pick.
    other = next(x for x in (w["sam"], w["kim"], w["lee"]) if x.pk not in cold_pick)
    this_week = services.solve_week(
        service=josie.service, monday=THIS_MONDAY, solved_by=None, deterministic_time=1
    )
    for shift in this_week.shifts.all():
        services.change_shift_workers(shift=shift, workers=[other], changed_by=w["manager"].user)
    services.publish_week(week=this_week, published_by=w["manager"].user)

    warm = services.solve_week(
        service=josie.service, monday=next_monday, solved_by=None, deterministic_time=1
    )

    assert [[x.pk for x in s.workers.all()] for s in warm.shifts.all()] == [[other.pk]] * 3


def test_saving_a_shift_in_a_week_that_still_breaks_a_rule_never_says_every_rule_is_kept(
    service_world: dict[str, Any],  # noqa: F811
    signed_in_client: SignedInClient,
) -> None:
    w = service_world
    josie = w["josie"]
    for day in range(2):
        SupportNeed.objects.create(
            person=josie, day=day, starts=datetime.time(10), ends=datetime.time(13)
        )
    week = services.solve_week(
        service=josie.service, monday=THIS_MONDAY, solved_by=None, deterministic_time=1
    )
    services.publish_week(week=week, published_by=w["manager"].user)
    monday_shift, tuesday_shift = list(week.shifts.order_by("starts"))
    tony = monday_shift.workers.get()
    TeamChoice.objects.create(person=josie, worker=tony, choice=TeamChoice.Choice.RATHER_NOT)
    other = next(x for x in (w["sam"], w["kim"], w["lee"]) if x.pk != tony.pk)
    manager = signed_in_client(w["manager"].user)

    # The manager mends Tuesday by hand; Monday still has the worker Josie would rather not.
    response = manager.post(
        reverse("rota:shift", args=[tuesday_shift.pk]), {"workers": [other.pk]}, follow=True
    )

    page = response.content.decode()
    assert "keeps every rule" not in page
    assert "This week still breaks 1 rule(s)" in page
