"""Every API write × every role: who the one policy allows gets the change made (and logged
in the person's audit trail, by the same service the page uses); everyone else is refused
(404 when they may not see that part of the record, 403 when they may see but not change
it) and nothing changes. Each role's attempt is rolled back, so each starts from the same
world. Then the ETag rules, filters and anonymous suggestions."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from alongside.audit.models import RecordChange
from alongside.everyday.models import Meeting, MeetingAction, Suggestion
from alongside.organisations.models import StaffMember
from alongside.people.models import AboutMeSection, Proposal
from alongside.reviews import services as review_services
from alongside.reviews.models import BudgetChange, PersonalBudget
from alongside.team.models import ChangeRequest, TeamChoice
from alongside.team.services import set_team_choice
from tests.conftest import sign_in
from tests.world import ROLES, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> World:
    w = build_world()
    meeting = Meeting.objects.create(
        person=w.person, on=datetime.date(2026, 12, 1), how_often="weekly", with_whom="Sam"
    )
    MeetingAction.objects.create(
        person=w.person, meeting=meeting, what="Book swimming", who="Sam", by_when=meeting.on
    )
    Suggestion.objects.create(service=w.service, text="A garden")
    review_services.set_up_budget(
        person=w.person,
        amount=Decimal("300.00"),
        period="weekly",
        starts_on=datetime.date(2026, 1, 5),
        uses=[("Swimming", Decimal("100.00")), ("Going out", Decimal("200.00"))],
        set_up_by=None,
    )
    return w


def _send(client: Client, method: str, url: str, body: Any, **headers: str) -> Any:
    return client.generic(
        method, url, _json(body), content_type="application/json", headers=headers
    )


def _json(body: Any) -> str:
    import json

    return json.dumps(body)


@dataclass(frozen=True)
class Write:
    method: str
    url: Callable[[World], str]
    body: Callable[[World], Any]
    allowed: dict[str, int]  # role -> success status
    can_see: set[str]  # refused roles who may see it (403); the others get 404
    changed: Callable[[World], Any]  # what the write changes, counted
    headers: Callable[[World], dict[str, str]] = lambda w: {}
    logged: bool = True  # a change to the person's record, in their audit trail


def P(name: str, **extra: Any) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"person_id": w.person.pk, **extra})


def _action_url(w: World) -> str:
    action = MeetingAction.objects.get(person=w.person)
    return reverse("api:meeting-action", kwargs={"person_id": w.person.pk, "action_id": action.pk})


def _worker_url(w: World) -> str:
    worker = StaffMember.objects.get(user=w.users["worker_in_service"])
    return reverse("api:team-choice", kwargs={"person_id": w.person.pk, "worker_id": worker.pk})


def _budget_lines(w: World) -> dict[str, Any]:
    uses = list(PersonalBudget.objects.get(person=w.person).uses.order_by("position"))
    return {
        "lines": [
            {"use": uses[0].pk, "words": uses[0].words, "amount": "150.00"},
            {"use": uses[1].pk, "words": uses[1].words, "amount": "150.00"},
        ],
        "why": "More swimming in summer.",
    }


def _section_etag(w: World) -> str:
    section = AboutMeSection.objects.filter(person=w.person, part="what_matters").first()
    return f'"{section.version if section else 0}"'


def _budget_etag(w: World) -> dict[str, str]:
    return {"If-Match": f'"{PersonalBudget.objects.get(person=w.person).version}"'}


def _suggestion_etag(w: World) -> dict[str, str]:
    return {"If-Match": f'"{Suggestion.objects.get(service=w.service).version}"'}


STAFF_AT_SERVICE = {"worker_in_service": 201, "service_manager": 201}
JOINS_MEETINGS = ["person", "supporter_with_scope", "worker_in_service", "service_manager"]

WRITES: dict[str, Write] = {
    "writes an About me section": Write(
        "PUT",
        P("api:about-me-section", part="what_matters"),
        lambda w: {"text": "Trains and the seaside, written over the API."},
        {"person": 200, "supporter_with_scope": 200},
        {"worker_in_service", "service_manager", "council_worker"},
        lambda w: list(AboutMeSection.objects.values_list("text", flat=True)),
        headers=lambda w: {"If-Match": _section_etag(w)},
    ),
    "suggests new About me words": Write(
        "POST",
        P("api:about-me-proposals", part="what_matters"),
        lambda w: {"text": "Swimming and cycling.", "note": "You told me on Monday."},
        STAFF_AT_SERVICE,
        set(),
        lambda w: Proposal.objects.count(),
    ),
    "suggests a new plan": Write(
        "POST",
        P("api:plan-proposals"),
        lambda w: {"my_goals": "I want to swim 10 lengths.", "note": "From our meeting."},
        STAFF_AT_SERVICE,
        set(),
        lambda w: Proposal.objects.count(),
    ),
    "adds a meeting action": Write(
        "POST",
        P("api:meeting-actions"),
        lambda w: {
            "meeting": Meeting.objects.get(person=w.person).pk,
            "what": "Ask about the pool",
            "who": "Sam",
            "by_when": "2026-12-20",
        },
        {r: 201 for r in JOINS_MEETINGS},
        set(),
        lambda w: MeetingAction.objects.count(),
    ),
    "marks a meeting action done": Write(
        "PATCH",
        _action_url,
        lambda w: {"status": "done"},
        {r: 200 for r in JOINS_MEETINGS},
        set(),
        lambda w: list(MeetingAction.objects.values_list("status", flat=True)),
        headers=lambda w: {"If-Match": f'"{MeetingAction.objects.get(person=w.person).version}"'},
    ),
    "chooses a worker they would rather work with": Write(
        "PUT",
        _worker_url,
        lambda w: {"choice": TeamChoice.Choice.values[0], "reason": ""},
        {"person": 200},
        {"supporter_with_scope", "service_manager"},
        lambda w: TeamChoice.objects.count(),
        headers=lambda w: {"If-None-Match": "*"},  # no choice about them yet
    ),
    "asks for a change to their team": Write(
        "POST",
        P("api:change-requests"),
        lambda w: {"kind": "different_times", "what_i_want": "Later mornings, please."},
        {"person": 201, "supporter_with_scope": 201},
        {"service_manager"},
        lambda w: ChangeRequest.objects.count(),
    ),
    "asks to share the budget out differently": Write(
        "POST",
        P("api:budget-changes"),
        _budget_lines,
        {"person": 201, "supporter_with_scope": 201},
        {"council_worker"},
        lambda w: BudgetChange.objects.count(),
        headers=_budget_etag,
    ),
    "makes a suggestion to the service": Write(
        "POST",
        lambda w: reverse("api:service-suggestions", kwargs={"service_id": w.service.pk}),
        lambda w: {"text": "A vegetable patch", "anonymous": True},
        {
            r: 201
            for r in [
                "person",
                "supporter_with_scope",
                "supporter_without_scope",
                "worker_in_service",
                "service_manager",
            ]
        },
        set(),
        lambda w: Suggestion.objects.count(),
        logged=False,  # about the service, and anonymous: in no one's audit trail
    ),
    "answers a suggestion": Write(
        "PUT",
        lambda w: reverse(
            "api:suggestion-response",
            kwargs={"suggestion_id": Suggestion.objects.get(service=w.service).pk},
        ),
        lambda w: {"status": "looking", "response": "We will look at the garden."},
        {"service_manager": 200},
        set(ROLES) - {"service_manager", "anonymous"},  # refused before the idea is found
        lambda w: list(Suggestion.objects.values_list("status", "response")),
        headers=_suggestion_etag,
        logged=False,
    ),
}


@pytest.mark.parametrize("what", sorted(WRITES))
def test_each_role_may_make_an_api_write_only_as_the_policy_allows(what: str, world: World) -> None:
    write = WRITES[what]
    wrong = {}
    for role in ROLES:
        if role == "anonymous":
            continue
        with transaction.atomic():
            before, changes = write.changed(world), RecordChange.objects.count()
            client = sign_in(Client(), world.users[role])
            response = _send(
                client, write.method, write.url(world), write.body(world), **write.headers(world)
            )
            expected = write.allowed.get(role, 403 if role in write.can_see else 404)
            if response.status_code != expected:
                wrong[role] = f"got {response.status_code} {response.content[:200]!r}, "
                wrong[role] += f"expected {expected}"
            elif role in write.allowed:
                if write.changed(world) == before:
                    wrong[role] = "allowed, but nothing changed"
                if write.logged and RecordChange.objects.count() != changes + 1:
                    wrong[role] = "allowed, but the change is not in the person's audit trail"
            elif write.changed(world) != before or RecordChange.objects.count() != changes:
                wrong[role] = "refused, but something changed"
            transaction.set_rollback(True)
    assert not wrong, f"{what}: {wrong}"


def test_a_signed_out_caller_is_refused_every_write_and_nothing_changes(world: World) -> None:
    for what, write in WRITES.items():
        before = write.changed(world)
        response = _send(Client(), write.method, write.url(world), write.body(world))
        assert response.status_code == 403, what
        assert write.changed(world) == before, what


def _section_url(w: World) -> str:
    return reverse(
        "api:about-me-section", kwargs={"person_id": w.person.pk, "part": "what_matters"}
    )


def test_an_about_me_write_without_if_match_or_with_a_stale_one_changes_nothing(
    world: World,
) -> None:
    client = sign_in(Client(), world.users["person"])
    url = _section_url(world)
    read = client.get(url)
    version = read.json()["version"]
    assert read.headers["ETag"] == f'"{version}"'
    missing = _send(client, "PUT", url, {"text": "Dogs."})
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"]
    first = _send(client, "PUT", url, {"text": "Dogs."}, **{"If-Match": read.headers["ETag"]})
    assert (first.json()["text"], first.json()["version"]) == ("Dogs.", version + 1)
    assert first.headers["ETag"] == f'"{version + 1}"'
    stale = _send(client, "PUT", url, {"text": "Cats."}, **{"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412
    assert "Someone changed this" in stale.json()["detail"]
    assert AboutMeSection.objects.get(person=world.person, part="what_matters").text == "Dogs."
    again = _send(client, "PUT", url, {"text": "Cats."}, **{"If-Match": first.headers["ETag"]})
    assert again.json()["text"] == "Cats."
    assert client.get(url).headers["ETag"] == f'"{version + 2}"'


def test_a_budget_change_with_a_stale_etag_is_refused_and_nothing_is_asked(world: World) -> None:
    client = sign_in(Client(), world.users["person"])
    url = reverse("api:budget-changes", kwargs={"person_id": world.person.pk})
    stale = _send(client, "POST", url, _budget_lines(world), **{"If-Match": '"99"'})
    assert stale.status_code == 412
    assert not BudgetChange.objects.exists()


def test_a_suggestion_answer_with_a_stale_etag_changes_nothing(world: World) -> None:
    client = sign_in(Client(), world.users["service_manager"])
    idea = Suggestion.objects.get(service=world.service)
    url = reverse("api:suggestion-response", kwargs={"suggestion_id": idea.pk})
    body = {"status": "looking", "response": "Yes."}
    assert _send(client, "PUT", url, body).status_code == 428
    assert _send(client, "PUT", url, body, **{"If-Match": '"7"'}).status_code == 412
    idea.refresh_from_db()
    assert (idea.status, idea.response) == ("received", "")


def _changes(world: World) -> int:
    return RecordChange.objects.filter(person=world.person).count()


def test_a_meeting_action_change_without_if_match_or_with_a_stale_one_changes_nothing(
    world: World,
) -> None:
    client = sign_in(Client(), world.users["worker_in_service"])
    url = _action_url(world)
    read = client.get(url)
    assert read.headers["ETag"] == '"1"'
    assert read.json()["version"] == 1
    before = _changes(world)
    missing = _send(client, "PATCH", url, {"status": "done"})
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"]
    stale = _send(client, "PATCH", url, {"status": "done"}, **{"If-Match": '"7"'})
    assert stale.status_code == 412
    action = MeetingAction.objects.get(person=world.person)
    assert (action.status, action.version, _changes(world)) == ("open", 1, before)
    done = _send(client, "PATCH", url, {"status": "done"}, **{"If-Match": read.headers["ETag"]})
    assert done.status_code == 200
    assert (done.json()["status"], done.headers["ETag"]) == ("done", '"2"')
    assert client.get(url).headers["ETag"] == '"2"'
    assert _changes(world) == before + 1
    again = _send(client, "PATCH", url, {"status": "open"}, **{"If-Match": read.headers["ETag"]})
    assert again.status_code == 412  # the ETag read before "done" is stale now
    action.refresh_from_db()
    assert (action.status, action.version) == ("done", 2)


def test_a_team_choice_is_added_with_if_none_match_and_changed_only_with_a_fresh_etag(
    world: World,
) -> None:
    client = sign_in(Client(), world.users["person"])
    url = _worker_url(world)
    assert client.get(url).status_code == 404  # no choice yet
    rather = {"choice": "rather", "reason": ""}
    missing = _send(client, "PUT", url, rather)
    assert missing.status_code == 428
    assert not TeamChoice.objects.exists()
    assert _send(client, "PUT", url, rather, **{"If-Match": '"1"'}).status_code == 412
    assert not TeamChoice.objects.exists()
    added = _send(client, "PUT", url, rather, **{"If-None-Match": "*"})
    assert added.status_code == 200
    assert (added.json()["choice"], added.headers["ETag"]) == ("rather", '"1"')
    assert client.get(url).headers["ETag"] == '"1"'
    rather_not = {"choice": "rather_not", "reason": "Too loud"}
    before = _changes(world)
    refused = [
        _send(client, "PUT", url, rather_not),
        _send(client, "PUT", url, rather_not, **{"If-None-Match": "*"}),  # it is there now
        _send(client, "PUT", url, rather_not, **{"If-Match": '"7"'}),
        _send(client, "PUT", url, {"choice": ""}, **{"If-Match": '"7"'}),
    ]
    assert [r.status_code for r in refused] == [428, 412, 412, 412]
    choice = TeamChoice.objects.get(person=world.person)
    assert (choice.choice, choice.reason, choice.version) == ("rather", "", 1)
    assert _changes(world) == before
    changed = _send(client, "PUT", url, rather_not, **{"If-Match": '"1"'})
    assert (changed.status_code, changed.headers["ETag"]) == (200, '"2"')
    assert changed.json()["reason"] == "Too loud"
    assert _send(client, "PUT", url, {"choice": ""}, **{"If-Match": '"1"'}).status_code == 412
    assert TeamChoice.objects.filter(person=world.person).exists()
    taken_away = _send(client, "PUT", url, {"choice": ""}, **{"If-Match": '"2"'})
    assert taken_away.status_code == 204
    assert not TeamChoice.objects.exists()
    assert _changes(world) == before + 2


def test_an_anonymous_suggestion_says_nobody_in_any_answer(world: World) -> None:
    person = world.users["person"]
    made = _send(
        sign_in(Client(), person),
        "POST",
        reverse("api:service-suggestions", kwargs={"service_id": world.service.pk}),
        {"text": "Film nights", "anonymous": True},
    )
    assert made.status_code == 201
    idea = Suggestion.objects.get(pk=made.json()["id"])
    assert idea.suggested_by is None
    manager = sign_in(Client(), world.users["service_manager"])
    answers = [
        made,
        manager.get(reverse("api:suggestion-list")),
        manager.get(reverse("api:suggestion-detail", kwargs={"pk": idea.pk})),
        manager.get(reverse("api:suggestion-response", kwargs={"suggestion_id": idea.pk})),
        manager.get(reverse("api-you-said-we-did", kwargs={"service_id": world.service.pk})),
    ]
    for answer in answers:
        text = answer.content.decode()
        assert "Film nights" in text or answer.status_code == 200
        assert person.display_name not in text
        assert person.email not in text
        assert "suggested_by" not in text
    assert not RecordChange.objects.filter(changed_by=person).exists()


def test_the_api_cannot_answer_a_suggested_change_for_the_person(world: World) -> None:
    """Only the person agrees: no API address takes an answer to a suggestion."""
    from django.urls import get_resolver

    api_names = [name for name in get_resolver().reverse_dict if isinstance(name, str)]
    assert not [n for n in api_names if "answer" in n and n.startswith("api")]
    worker = sign_in(Client(), world.users["worker_in_service"])
    made = _send(
        worker,
        "POST",
        reverse("api:about-me-proposals", kwargs={"person_id": world.person.pk, "part": "likes"}),
        {"text": "Dogs and trains."},
    )
    assert made.json()["status"] == "waiting"
    assert (
        AboutMeSection.objects.filter(
            person=world.person, part="likes", text="Dogs and trains."
        ).count()
        == 0
    )


def test_a_day_that_is_not_a_day_is_refused_in_plain_words(world: World) -> None:
    client = sign_in(Client(), world.users["person"])
    url = reverse("api:meeting-actions", kwargs={"person_id": world.person.pk})
    response = client.get(url, {"from": "next tuesday"})
    assert response.status_code == 400
    assert response.json() == {
        "from": ["“next tuesday” is not a day. Write it as YYYY-MM-DD, like 2026-12-03."]
    }
    backwards = client.get(url, {"from": "2026-12-10", "to": "2026-12-01"})
    assert backwards.json() == {"to": ["The last day cannot be before the first day."]}


def test_lists_are_filtered_by_day_and_by_service(world: World) -> None:
    client = sign_in(Client(), world.users["service_manager"])
    meeting = Meeting.objects.get(person=world.person)
    MeetingAction.objects.create(
        person=world.person, meeting=meeting, what="Later", who="Sam", by_when="2027-01-10"
    )
    url = reverse("api:meeting-actions", kwargs={"person_id": world.person.pk})
    later = client.get(url, {"from": "2027-01-01"}).json()
    assert [a["what"] for a in later["results"]] == ["Later"]
    earlier = client.get(url, {"to": "2026-12-31"}).json()
    assert [a["what"] for a in earlier["results"]] == ["Book swimming"]
    people = reverse("api:person-list")
    at_service = client.get(people, {"service": world.service.pk}).json()
    assert [p["id"] for p in at_service["results"]] == [world.person.pk]
    assert client.get(people, {"service": world.other_service.pk}).json()["results"] == []
    assert client.get(people, {"service": "the big one"}).json() == {
        "service": ["Give the service's id: a whole number."]
    }


def test_a_rather_not_reason_is_shown_only_to_the_person_and_their_manager(
    world: World,
) -> None:
    worker = StaffMember.objects.get(user=world.users["worker_in_service"])
    TeamChoice.objects.create(
        person=world.person, worker=worker, choice="rather_not", reason="Too loud"
    )
    url = reverse("api:team-choices", kwargs={"person_id": world.person.pk})
    reasons = {
        role: [c["reason"] for c in sign_in(Client(), world.users[role]).get(url).json()["results"]]
        for role in ["person", "service_manager", "supporter_with_scope"]
    }
    assert reasons == {
        "person": ["Too loud"],
        "service_manager": ["Too loud"],
        "supporter_with_scope": [None],
    }


def test_a_team_choice_taken_away_and_made_again_never_repeats_an_etag_so_an_old_one_is_refused(
    world: World,
) -> None:
    client = sign_in(Client(), world.users["person"])
    url = _worker_url(world)
    rather = {"choice": "rather", "reason": ""}
    old = _send(client, "PUT", url, rather, **{"If-None-Match": "*"}).headers["ETag"]
    assert _send(client, "PUT", url, {"choice": ""}, **{"If-Match": old}).status_code == 204
    again = _send(client, "PUT", url, rather, **{"If-None-Match": "*"})
    assert (again.status_code, old) == (200, '"1"')
    assert again.headers["ETag"] == '"2"'  # after every version the mark ever had
    rather_not = {"choice": "rather_not", "reason": "Too loud"}
    stale = _send(client, "PUT", url, rather_not, **{"If-Match": old})
    assert stale.status_code == 412
    assert TeamChoice.objects.get(person=world.person).choice == "rather"


def test_a_team_choice_changed_on_the_page_makes_the_etag_read_before_it_stale(
    world: World,
) -> None:
    client = sign_in(Client(), world.users["person"])
    url = _worker_url(world)
    read = _send(client, "PUT", url, {"choice": "rather"}, **{"If-None-Match": "*"})
    set_team_choice(
        person=world.person,
        worker=StaffMember.objects.get(user=world.users["worker_in_service"]),
        choice="rather_not",
        reason="Too loud",
        changed_by=world.users["person"],
    )  # as the page does, without a version
    stale = _send(client, "PUT", url, {"choice": ""}, **{"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412
    choice = TeamChoice.objects.get(person=world.person)
    assert (choice.choice, choice.version) == ("rather_not", 2)
