"""The person's team choices and their requests for a change."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.people.sharing import Part, SupporterScope, supporter_audience
from alongside.team import services
from alongside.team.models import ChangeRequest, TeamChoice, TeamSettings, WhatILookFor
from alongside.team.selectors import change_requests_for_manager, overdue_change_requests
from tests.conftest import SignedInClient
from tests.factories import (
    ChangeRequestFactory,
    PersonFactory,
    StaffMemberFactory,
    SupporterFactory,
    share_with,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def setting() -> dict[str, Any]:
    person = PersonFactory()
    org = person.service.organisation
    worker = StaffMemberFactory(organisation=org, services=[person.service])
    manager = StaffMemberFactory(
        organisation=org, services=[person.service], role=StaffMember.Role.SERVICE_MANAGER
    )
    return {"person": person, "worker": worker, "manager": manager}


def test_a_request_for_a_change_is_due_in_14_days_by_default(setting: dict[str, Any]) -> None:
    change = services.ask_for_change(
        person=setting["person"],
        worker=setting["worker"],
        my_words="",
        asked_by=setting["person"].user,
        today=TODAY,
    )
    assert change.deadline == TODAY + datetime.timedelta(days=14)
    assert change.status == ChangeRequest.Status.RECEIVED


def test_an_organisation_can_set_its_own_number_of_days(setting: dict[str, Any]) -> None:
    TeamSettings.objects.create(
        organisation=setting["person"].service.organisation, change_request_days=7
    )
    change = services.ask_for_change(
        person=setting["person"],
        worker=setting["worker"],
        my_words="",
        asked_by=setting["person"].user,
        today=TODAY,
    )
    assert change.deadline == TODAY + datetime.timedelta(days=7)


def test_an_open_request_past_its_deadline_is_overdue_and_a_closed_one_is_not(
    setting: dict[str, Any],
) -> None:
    late = ChangeRequestFactory(person=setting["person"], worker=setting["worker"], deadline=TODAY)
    done = ChangeRequestFactory(
        person=setting["person"],
        worker=setting["worker"],
        deadline=TODAY - datetime.timedelta(days=3),
        status=ChangeRequest.Status.DONE,
    )
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert late.is_overdue(tomorrow) and not late.is_overdue(TODAY)
    assert not done.is_overdue(tomorrow)
    assert list(ChangeRequest.objects.overdue(tomorrow)) == [late]


def test_the_manager_sees_overdue_requests_on_their_home(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    ChangeRequestFactory(
        person=setting["person"],
        worker=setting["worker"],
        deadline=datetime.date.today() - datetime.timedelta(days=1),
    )
    assert overdue_change_requests(user=setting["manager"].user).count() == 1
    page = signed_in_client(setting["manager"].user).get(reverse("web:manager-home"))
    assert "1 overdue" in page.content.decode()


def test_a_manager_of_another_service_does_not_see_the_request(setting: dict[str, Any]) -> None:
    ChangeRequestFactory(person=setting["person"], worker=setting["worker"])
    elsewhere = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[])
    assert change_requests_for_manager(user=elsewhere.user).count() == 0
    assert change_requests_for_manager(user=setting["manager"].user).count() == 1


def test_could_not_do_it_needs_the_reason(setting: dict[str, Any]) -> None:
    change = ChangeRequestFactory(person=setting["person"], worker=setting["worker"])
    with pytest.raises(ValidationError):
        services.update_change_request(
            request=change,
            status=ChangeRequest.Status.COULD_NOT,
            could_not_reason=" ",
            changed_by=setting["manager"].user,
        )
    services.update_change_request(
        request=change,
        status=ChangeRequest.Status.COULD_NOT,
        could_not_reason="Nobody else drives.",
        changed_by=setting["manager"].user,
    )
    change.refresh_from_db()
    assert change.closed_at is not None and not change.is_open


def test_the_person_sees_the_status_of_their_request_in_plain_words(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    ChangeRequestFactory(
        person=setting["person"],
        worker=setting["worker"],
        status=ChangeRequest.Status.BEING_ARRANGED,
    )
    page = signed_in_client(setting["person"].user).get(
        reverse("team:my-team", args=[setting["person"].pk])
    )
    assert "We are arranging it." in page.content.decode()


def test_a_supporter_with_the_scope_can_ask_for_a_change(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    supporter = SupporterFactory(person=setting["person"], scopes=[SupporterScope.ASK_FOR_CHANGE])
    share_with(supporter, Part.MY_TEAM)
    client = signed_in_client(supporter.user)
    response = client.post(
        reverse("team:ask-for-change", args=[setting["person"].pk]),
        {"kind": "not_suited", "worker": setting["worker"].pk, "my_words": "She is not happy."},
    )
    assert response.status_code == 302
    change = ChangeRequest.objects.get()
    assert change.asked_by == supporter.user


def test_asking_without_choosing_a_worker_says_what_to_do_and_saves_nothing(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(setting["person"].user)
    response = client.post(
        reverse("team:ask-for-change", args=[setting["person"].pk]), {"kind": "not_suited"}
    )
    assert "Choose the worker" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_reason_for_rather_not_is_shown_to_the_manager_and_not_to_a_supporter(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    person = setting["person"]
    services.set_team_choice(
        person=person,
        worker=setting["worker"],
        choice=TeamChoice.Choice.RATHER_NOT,
        reason="Too loud for me.",
        changed_by=person.user,
    )
    supporter = SupporterFactory(person=person, scopes=[])
    person.sharing["my_team"] = [*person.sharing["my_team"], supporter_audience(supporter.pk)]
    person.save()
    url = reverse("team:my-team", args=[person.pk])
    assert "Too loud for me." in signed_in_client(setting["manager"].user).get(url).content.decode()
    seen = signed_in_client(supporter.user).get(url).content.decode()
    assert "rather not work with them" in seen and "Too loud for me." not in seen


def test_the_person_marks_a_worker_by_choosing_on_the_page(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    person = setting["person"]
    client = signed_in_client(person.user)
    url = reverse("team:choose", args=[person.pk, setting["worker"].pk])
    client.post(url, {"choice": "rather", "reason": "ignored", "version": "0"})
    mark = TeamChoice.objects.get()
    assert mark.choice == TeamChoice.Choice.RATHER and mark.reason == ""
    client.post(url, {"choice": "", "version": str(mark.version)})
    assert not TeamChoice.objects.exists()


def test_a_choice_changed_by_someone_else_since_the_page_was_shown_is_not_overwritten(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    person = setting["person"]
    client = signed_in_client(person.user)
    url = reverse("team:choose", args=[person.pk, setting["worker"].pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="0"' in page
    # Meanwhile the manager, with the person, marks the worker "rather not".
    services.set_team_choice(
        person=person,
        worker=setting["worker"],
        choice=TeamChoice.Choice.RATHER_NOT,
        reason="Too loud for me.",
        changed_by=setting["manager"].user,
    )

    response = client.post(url, {"choice": "rather", "reason": "", "version": "0"})

    assert response.status_code == 200
    mark = TeamChoice.objects.get()
    assert mark.choice == TeamChoice.Choice.RATHER_NOT and mark.reason == "Too loud for me."
    page = response.content.decode()
    assert "Someone else changed this while you were choosing" in page
    assert f"It is saved now as: <strong>{mark.get_choice_display()}</strong>" in page
    assert f'name="version" value="{mark.version}"' in page
    # Saving again, having seen it, changes it.
    client.post(url, {"choice": "rather", "reason": "", "version": str(mark.version)})
    assert TeamChoice.objects.get().choice == TeamChoice.Choice.RATHER


def test_a_page_without_the_version_it_was_shown_with_changes_nothing(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    person = setting["person"]
    url = reverse("team:choose", args=[person.pk, setting["worker"].pk])
    response = signed_in_client(person.user).post(url, {"choice": "rather"})
    assert response.status_code == 200
    assert "This page is out of date: open it again" in response.content.decode()
    assert not TeamChoice.objects.exists()


def test_a_worker_at_another_service_cannot_be_chosen(setting: dict[str, Any]) -> None:
    elsewhere = StaffMemberFactory()
    with pytest.raises(ValidationError):
        services.set_team_choice(
            person=setting["person"],
            worker=elsewhere,
            choice=TeamChoice.Choice.RATHER,
            reason="",
            changed_by=setting["person"].user,
        )


def test_two_people_saving_what_i_look_for_at_once_keeps_the_second_savers_words(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    person = setting["person"]
    services.save_what_i_look_for(
        person=person, tags=["calm"], my_words="First", expected_version=1, changed_by=person.user
    )
    client = signed_in_client(person.user)
    response = client.post(
        reverse("team:what-i-look-for", args=[person.pk]),
        {"tags": ["drives"], "my_words": "Second words", "version": 1},
    )
    body = response.content.decode()
    assert "Someone else changed this" in body and "Second words" in body
    assert WhatILookFor.objects.get().my_words == "First"


@pytest.mark.parametrize(
    ("kind", "extra", "summary"),
    [
        ("more_time", {"worker": "WORKER"}, "More time with Tony Baker."),
        (
            "different_times",
            {"what_i_want": "Mornings, not evenings"},
            "Different times: Mornings, not evenings",
        ),
        (
            "new_worker",
            {"what_i_want": "Someone who likes football"},
            "A new worker who does something I look for: Someone who likes football",
        ),
    ],
)
def test_each_kind_of_request_is_tracked_like_the_first_with_a_status_and_days_to_answer(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
    clock: time_machine.Traveller,
    kind: str,
    extra: dict[str, Any],
    summary: str,
) -> None:
    from django.utils import timezone

    worker = setting["worker"]
    worker.user.display_name = "Tony Baker"
    worker.user.save()
    person = setting["person"]
    data = {k: (worker.pk if v == "WORKER" else v) for k, v in extra.items()}
    client = signed_in_client(person.user)
    response = client.post(reverse("team:ask-for-change", args=[person.pk]), {"kind": kind, **data})
    assert response.status_code == 302
    change = ChangeRequest.objects.get()
    assert (change.kind, change.status) == (kind, ChangeRequest.Status.RECEIVED)
    assert change.deadline == timezone.localdate() + datetime.timedelta(days=14)
    assert summary in client.get(reverse("team:my-team", args=[person.pk])).content.decode()
    manager = signed_in_client(setting["manager"].user)
    listed = manager.get(reverse("team:change-requests")).content.decode()
    assert summary in listed


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("more_time", "Choose the worker"),
        ("different_times", "Say which times would suit you better"),
        ("new_worker", "Say what the new worker does or is like"),
    ],
)
def test_a_request_missing_what_its_kind_needs_is_refused_and_nothing_saved(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
    kind: str,
    message: str,
) -> None:
    client = signed_in_client(setting["person"].user)
    response = client.post(
        reverse("team:ask-for-change", args=[setting["person"].pk]),
        {"kind": kind, "what_i_want": "   "},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_done_and_closed_requests_stay_findable_for_the_manager_on_their_own_tab(
    setting: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    person, manager = setting["person"], setting["manager"]
    ask = {"person": person, "my_words": "", "asked_by": person.user}
    still_open = services.ask_for_change(
        **ask, kind="different_times", worker=None, what_i_want="Open one: mornings"
    )
    done = services.ask_for_change(
        **ask, kind="new_worker", worker=None, what_i_want="Done one: speaks Polish"
    )
    services.update_change_request(
        request=done, status="done", could_not_reason="", changed_by=manager.user
    )
    client = signed_in_client(manager.user)
    open_tab = client.get(reverse("team:change-requests")).content.decode()
    closed_tab = client.get(reverse("team:change-requests"), {"show": "closed"}).content.decode()
    assert "Open one: mornings" in open_tab and "Done one: speaks Polish" not in open_tab
    assert "Done one: speaks Polish" in closed_tab and "Open one: mornings" not in closed_tab
    assert 'aria-current="page"><strong>Done and closed</strong>' in closed_tab
    assert still_open.is_open
