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
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse

from alongside.audit.models import RecordChange
from alongside.everyday.models import Meeting, MeetingAction, Suggestion
from alongside.organisations.models import StaffMember
from alongside.people.models import AboutMeSection, Proposal
from alongside.reviews import services as review_services
from alongside.reviews.models import BudgetChange, Goal, PersonalBudget, Review, Spending
from alongside.team.models import ChangeRequest, TeamChoice
from alongside.team.services import set_team_choice
from tests.conftest import sign_in
from tests.world import ROLES, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any, clock: time_machine.Traveller) -> World:
    # Days written over the API must be near today (as on the pages): today is fixed.
    clock.move_to(datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC))
    w = build_world()
    # Held, so that the next one can be planned.
    meeting = Meeting.objects.create(
        person=w.person,
        on=datetime.date(2026, 12, 1),
        how_often="weekly",
        with_whom="Sam",
        status=Meeting.Status.HELD,
        notes="We talked about swimming.",
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
    review = review_services.schedule_review(
        person=w.person, due_on=datetime.date(2027, 1, 4), scheduled_by=None
    )
    # Answered already (as if on the page), so that the review can be finished.
    Review.objects.filter(pk=review.pk).update(what_matters="Swimming.", doing_what_matters="yes")
    Goal.objects.create(person=w.person, words="Swim ten lengths.")
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
    logs: int = 1  # how many entries it writes there


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


def _goal_url(w: World) -> str:
    goal = Goal.objects.get(person=w.person)
    return reverse("api:goal", kwargs={"person_id": w.person.pk, "goal_id": goal.pk})


def _goal_etag(w: World) -> dict[str, str]:
    return {"If-Match": f'"{Goal.objects.get(person=w.person).version}"'}


def _review_url(w: World) -> str:
    review = Review.objects.get(person=w.person)
    return reverse("api:review", kwargs={"person_id": w.person.pk, "review_id": review.pk})


def _review_etag(w: World) -> dict[str, str]:
    return {"If-Match": f'"{Review.objects.get(person=w.person).version}"'}


def _meeting_url(w: World) -> str:
    meeting = Meeting.objects.get(person=w.person)
    return reverse("api:meeting", kwargs={"person_id": w.person.pk, "meeting_id": meeting.pk})


def _meeting_etag(w: World) -> dict[str, str]:
    return {"If-Match": f'"{Meeting.objects.get(person=w.person).version}"'}


def _spending(w: World) -> dict[str, Any]:
    use = PersonalBudget.objects.get(person=w.person).uses.order_by("position").first()
    assert use is not None
    return {"use": use.pk, "amount": "12.50", "spent_on": "2026-12-02", "words": "The pool"}


STAFF_AT_SERVICE = {"worker_in_service": 201, "service_manager": 201}
JOINS_MEETINGS = ["person", "supporter_with_scope", "worker_in_service", "service_manager"]
# Goals: the person, a supporter helping with reviews, and their council worker change them;
# the service manager sees the person's reviews (their starting choice) but may not.
CHANGES_GOALS = ["person", "supporter_with_scope", "council_worker"]
SEES_REVIEWS_ONLY = {"service_manager"}
HELPS_WITH_BUDGET = ["person", "supporter_with_scope", "council_worker"]

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
    "adds a goal in the person's words": Write(
        "POST",
        P("api:goals"),
        lambda w: {"words": "Go to the seaside in May."},
        {r: 201 for r in CHANGES_GOALS},
        SEES_REVIEWS_ONLY,
        lambda w: list(Goal.objects.order_by("id").values_list("words", flat=True)),
    ),
    "says how a goal is going": Write(
        "PATCH",
        _goal_url,
        lambda w: {"progress": "getting_there"},
        {r: 200 for r in CHANGES_GOALS},
        SEES_REVIEWS_ONLY,
        lambda w: list(Goal.objects.values_list("words", "progress", "version")),
        headers=_goal_etag,
    ),
    "writes what matters to the person in their review": Write(
        "PATCH",
        _review_url,
        lambda w: {"what_matters": "My dog, and swimming.", "doing_what_matters": "partly"},
        {"council_worker": 200},
        {"person", "supporter_with_scope", "service_manager"},
        lambda w: list(Review.objects.values_list("what_matters", "status", "version")),
        headers=_review_etag,
    ),
    "finishes a review": Write(
        "POST",
        lambda w: _review_url(w) + "finish/",
        lambda w: None,
        {"council_worker": 200},
        {"person", "supporter_with_scope", "service_manager"},
        lambda w: list(Review.objects.values_list("status", "version")),
        headers=_review_etag,
        logs=2,  # finished (the next one due), and "What matters" offered to About me
    ),
    "asks for a review sooner": Write(
        "POST",
        P("api:reviews"),
        lambda w: {"words": "Things have changed at home."},
        {"person": 201, "supporter_with_scope": 201},
        {"service_manager", "council_worker"},
        lambda w: list(Review.objects.values_list("asked_for_words", "due_on")),
    ),
    "writes down money spent from the budget": Write(
        "POST",
        P("api:budget-spending"),
        _spending,
        {r: 201 for r in HELPS_WITH_BUDGET},
        set(),
        lambda w: list(Spending.objects.values_list("amount", "words")),
    ),
    "plans the next meeting": Write(
        "POST",
        P("api:meetings"),
        lambda w: {"on": "2026-12-15", "how_often": "fortnightly", "with_whom": "Sam and Jo"},
        {r: 201 for r in JOINS_MEETINGS},
        set(),
        lambda w: list(Meeting.objects.values_list("on", "with_whom")),
    ),
    "writes the notes of a meeting": Write(
        "PATCH",
        _meeting_url,
        lambda w: {"notes": "We talked about the pool and a day at the sea."},
        {r: 200 for r in JOINS_MEETINGS},
        set(),
        lambda w: list(Meeting.objects.values_list("notes", "version")),
        headers=_meeting_etag,
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
                if write.logged and RecordChange.objects.count() != changes + write.logs:
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


def test_a_goal_change_without_if_match_or_with_a_stale_one_changes_nothing(
    world: World,
) -> None:
    client = sign_in(Client(), world.users["person"])
    url = _goal_url(world)
    read = client.get(url)
    assert (read.headers["ETag"], read.json()["progress"]) == ('"1"', "not_started")
    before = _changes(world)
    going = {"progress": "getting_there"}
    assert _send(client, "PATCH", url, going).status_code == 428
    assert _send(client, "PATCH", url, going, **{"If-Match": '"7"'}).status_code == 412
    goal = Goal.objects.get(person=world.person)
    assert (goal.progress, goal.version, _changes(world)) == ("not_started", 1, before)
    changed = _send(client, "PATCH", url, going, **{"If-Match": read.headers["ETag"]})
    assert changed.status_code == 200
    assert (changed.json()["progress_words"], changed.headers["ETag"]) == ("Getting there", '"2"')
    assert changed.json()["words"] == "Swim ten lengths."  # left out, so kept
    done = {"progress": "done"}
    assert _send(client, "PATCH", url, done, **{"If-Match": '"1"'}).status_code == 412
    goal.refresh_from_db()
    assert (goal.progress, goal.version, _changes(world)) == ("getting_there", 2, before + 1)


def test_a_goal_change_that_says_nothing_is_refused_and_changes_nothing(world: World) -> None:
    client = sign_in(Client(), world.users["person"])
    response = _send(client, "PATCH", _goal_url(world), {}, **{"If-Match": '"1"'})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Say what to change."]}
    assert Goal.objects.get(person=world.person).version == 1


def test_a_review_written_with_a_stale_etag_is_not_even_started(world: World) -> None:
    """The council worker's first answer starts the review; a refused one does not."""
    client = sign_in(Client(), world.users["council_worker"])
    url = _review_url(world)
    read = client.get(url)
    assert (read.headers["ETag"], read.json()["status"]) == ('"1"', "due")
    body = {"what_matters": "My dog."}
    before = _changes(world)
    assert _send(client, "PATCH", url, body).status_code == 428
    assert _send(client, "PATCH", url, body, **{"If-Match": '"3"'}).status_code == 412
    review = Review.objects.get(person=world.person)
    assert (review.status, review.what_matters, review.council_worker_id) == (
        "due",
        "Swimming.",
        None,
    )
    assert (review.version, _changes(world)) == (1, before)
    written = _send(client, "PATCH", url, body, **{"If-Match": read.headers["ETag"]})
    assert written.status_code == 200
    assert (written.json()["status"], written.headers["ETag"]) == ("in_progress", '"2"')
    review.refresh_from_db()
    assert review.council_worker is not None
    assert review.council_worker.user == world.users["council_worker"]
    again = _send(client, "PATCH", url, {"what_matters": "Cats."}, **{"If-Match": '"1"'})
    assert again.status_code == 412
    review.refresh_from_db()
    assert (review.what_matters, review.version) == ("My dog.", 2)


def test_a_finished_review_only_offers_what_matters_to_the_persons_about_me(
    world: World,
) -> None:
    """The person agrees a change to About me, on their own page: never the API."""
    client = sign_in(Client(), world.users["council_worker"])
    url = _review_url(world)
    said = {"what_matters": "My dog, Biscuit."}
    assert _send(client, "PATCH", url, said, **{"If-Match": '"1"'}).status_code == 200
    finish = url + "finish/"
    assert _send(client, "POST", finish, None).status_code == 428
    assert _send(client, "POST", finish, None, **{"If-Match": '"1"'}).status_code == 412
    assert Review.objects.get(person=world.person).status == "in_progress"
    finished = _send(client, "POST", finish, None, **{"If-Match": '"2"'})
    assert finished.status_code == 200
    assert (finished.json()["status"], finished.json()["completed_on"]) == (
        "completed",
        "2026-12-03",
    )
    offered = Proposal.objects.get(person=world.person, part="what_matters")
    words = AboutMeSection.objects.get(person=world.person, part="what_matters").text
    # Offered below the person's own words, which stay as they are until they agree.
    assert (offered.status, offered.proposed_text) == ("waiting", f"{words}\n\nMy dog, Biscuit.")
    assert "Biscuit" not in words
    next_one = Review.objects.get(person=world.person, status="due")
    assert next_one.due_on == datetime.date(2027, 12, 3)
    again = _send(client, "POST", finish, None, **{"If-Match": finished.headers["ETag"]})
    assert again.status_code == 400


def test_meeting_notes_written_with_a_stale_etag_change_nothing(world: World) -> None:
    client = sign_in(Client(), world.users["worker_in_service"])
    url = _meeting_url(world)
    read = client.get(url)
    assert read.headers["ETag"] == '"1"'
    notes = {"notes": "New notes."}
    before = _changes(world)
    assert _send(client, "PATCH", url, notes).status_code == 428
    assert _send(client, "PATCH", url, notes, **{"If-Match": '"2"'}).status_code == 412
    meeting = Meeting.objects.get(person=world.person)
    assert (meeting.notes, meeting.version, _changes(world)) == (
        "We talked about swimming.",
        1,
        before,
    )
    written = _send(client, "PATCH", url, notes, **{"If-Match": read.headers["ETag"]})
    assert (written.status_code, written.headers["ETag"]) == (200, '"2"')
    assert _send(client, "PATCH", url, notes, **{"If-Match": '"1"'}).status_code == 412


def test_a_meeting_is_not_planned_while_another_is_waiting(world: World) -> None:
    client = sign_in(Client(), world.users["person"])
    url = reverse("api:meetings", kwargs={"person_id": world.person.pk})
    body = {"on": "2026-12-15", "how_often": "weekly", "with_whom": "Sam"}
    assert _send(client, "POST", url, body).status_code == 201
    again = _send(client, "POST", url, {**body, "on": "2026-12-22"})
    assert again.status_code == 400
    assert again.json() == {
        "non_field_errors": [
            "A meeting is planned already, on 15 December 2026. Write its notes first."
        ]
    }
    assert Meeting.objects.filter(person=world.person).count() == 2
    far = _send(client, "POST", url, {**body, "on": "2031-01-01"})
    assert far.status_code == 400
    assert "on" in far.json()


def test_spending_on_a_use_of_someone_elses_budget_is_refused(world: World) -> None:
    other = review_services.set_up_budget(
        person=world.other_person,
        amount=Decimal("50.00"),
        period="weekly",
        starts_on=datetime.date(2026, 1, 5),
        uses=[("Cinema", Decimal("50.00"))],
        set_up_by=None,
    )
    client = sign_in(Client(), world.users["person"])
    url = reverse("api:budget-spending", kwargs={"person_id": world.person.pk})
    body = {"use": other.uses.get().pk, "amount": "5.00", "spent_on": "2026-12-02"}
    response = _send(client, "POST", url, body)
    assert response.status_code == 400
    assert response.json() == {"use": ["Choose one of the budget's uses."]}
    future = _send(client, "POST", url, {**_spending(world), "spent_on": "2026-12-04"})
    assert future.status_code == 400
    assert future.json() == {"spent_on": ["The day cannot be in the future."]}
    assert not Spending.objects.exists()


def test_spending_is_listed_newest_first_and_filtered_by_day(world: World) -> None:
    client = sign_in(Client(), world.users["person"])
    url = reverse("api:budget-spending", kwargs={"person_id": world.person.pk})
    for day, words in [("2026-11-20", "Earlier"), ("2026-12-01", "Later")]:
        made = _send(client, "POST", url, {**_spending(world), "spent_on": day, "words": words})
        assert made.status_code == 201
    listed = client.get(url).json()["results"]
    assert [row["words"] for row in listed] == ["Later", "Earlier"]
    december = client.get(url, {"from": "2026-12-01"}).json()["results"]
    assert [row["words"] for row in december] == ["Later"]
