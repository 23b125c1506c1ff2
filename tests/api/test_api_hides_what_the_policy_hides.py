"""No API answer holds a record the policy hides, and every one holds all those it allows.

Records are planted for person A (at the service) and person B (at the other service): About
me, the plan, check-ins and what helps, meetings and their actions, team choices, requests
for a change, suggested changes, goals, reviews, the budget, changes to it and spending from
it, ideas for each service (one anonymous, whose author's name may appear in no answer) and
rota weeks and shifts. Each carries a unique marker in its words, or is known by its id.
Every GET address of the OpenAPI schema is read by every role (staff through a client token
acting as them, everyone else signed in), with each person, service, idea and week filled
in, and what each role reads must be exactly what the policy says that role may see: the
rule the matching page asks, or `visible_to` for a scoped list (CARRIES, below). A new
address fails here until CARRIES says which records it holds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator

from alongside.api.services import create_client
from alongside.everyday import services as everyday_services
from alongside.everyday.models import CheckIn, Meeting, Suggestion, SuggestionStatus
from alongside.organisations.models import Service, StaffMember
from alongside.people.about_me import propose_about_me_change
from alongside.people.models import AboutMeSection, Person, PlanVersion
from alongside.people.selectors import proposals_for
from alongside.people.sharing import (
    ABOUT_ME_PARTS,
    Audience,
    Part,
    supporter_audience,
)
from alongside.policy import PersonPart, visible_parts, visible_rota_services
from alongside.reviews import services as review_services
from alongside.rota.models import RotaWeek
from alongside.team.models import TeamChoice
from tests.conftest import sign_in
from tests.factories import (
    ChangeRequestFactory,
    GoalFactory,
    PersonFactory,
    ReviewFactory,
    RotaShiftFactory,
    RotaWeekFactory,
    StaffMemberFactory,
    UserFactory,
    budget_for,
)
from tests.world import ROLES, World, build_world

pytestmark = pytest.mark.django_db

MARKER = re.compile(r"(?<![A-Za-z0-9])zq[a-z_]+zq(?![A-Za-z0-9])")
TODAY = dt.date(2026, 11, 30)
STAFF_ROLES = {"worker_in_service", "worker_out_of_service", "service_manager"}
STAFF_ROLES |= {"quality_lead", "org_admin"}
# Who made the anonymous ideas: their name and address may appear in no answer at all.
ANONYMOUS_AUTHOR = "zqanonymous_authorzq"


# --- The GET addresses, from the API's own schema ------------------------------------------

SAMPLE = {"on": TODAY.isoformat(), "part": Part.WHAT_MATTERS}


def _get_addresses() -> dict[str, str]:
    """URL name -> path template, for every GET operation in the schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found: dict[str, str] = {}
    for template, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        sample = re.sub(r"\{(\w+)\}", lambda m: str(SAMPLE.get(m.group(1), 1)), template)
        found[str(resolve(sample).view_name)] = template
    return found


GET_ADDRESSES = _get_addresses()


# --- The planted records ------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    kind: str
    key: str  # its marker, or "<kind> <id>" for a record known by its id
    person: Any = None
    service: Any = None
    obj: Any = None
    part: str = ""

    @property
    def by_id(self) -> bool:
        return not self.key.startswith("zq")


@dataclass
class Planted:
    world: World
    records: list[Record]
    people: list[Person]
    services: list[Service]
    fill: dict[str, list[Any]]  # path parameter -> the values to fill it with


@pytest.fixture(autouse=True)
def _a_fixed_day() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _plant_for(tag: str, person: Person, records: list[Record]) -> None:
    service = person.service

    def add(kind: str, obj: Any = None, part: str = "", key: str = "") -> str:
        marker = key or f"zq{tag}_{kind}{'_' + part if part else ''}zq"
        records.append(Record(kind, marker, person, service, obj, part))
        return marker

    person.preferred_name = add("person", person)
    person.save()
    service.name = add("service", service)
    service.save()
    for part in ABOUT_ME_PARTS:
        AboutMeSection.objects.update_or_create(
            person=person, part=part, defaults={"text": add("about_me", part=part), "version": 1}
        )
    manager = StaffMemberFactory(
        organisation=service.organisation, role=StaffMember.Role.SERVICE_MANAGER, services=[service]
    )
    for part in ABOUT_ME_PARTS:
        proposal = propose_about_me_change(
            person=person,
            part=part,
            text=f"zq{tag}_proposal_{part}zq",
            note="",
            proposed_by=manager.user,
        )
        add("proposal", proposal, part)
    PlanVersion.objects.create(
        person=person, number=1, status=PlanVersion.Status.CURRENT, my_goals=add("plan")
    )
    CheckIn.objects.create(
        person=person, on=TODAY, feeling=2, note=add("check_in"), helps=[add("check_in_helps")]
    )
    meeting = Meeting.objects.create(
        person=person,
        on=dt.date(2026, 11, 16),
        how_often="weekly",
        with_whom="Sam",
        notes=f"zq{tag}_meetingzq",
    )
    add("meeting", meeting)
    action = everyday_services.add_meeting_action(
        meeting=meeting,
        added_by=person.user,
        what=f"zq{tag}_meeting_actionzq",
        who="Sam",
        by_when=dt.date(2026, 12, 4),
    )
    add("meeting_action", action)
    chosen = StaffMemberFactory(
        organisation=service.organisation,
        services=[service],
        user=UserFactory(display_name=f"zq{tag}_chosen_workerzq"),
    )
    choice = TeamChoice.objects.create(
        person=person, worker=chosen, choice="rather_not", reason=f"zq{tag}_team_reasonzq"
    )
    add("team_choice", choice, key=f"zq{tag}_chosen_workerzq")
    add("team_reason", choice)
    asked = ChangeRequestFactory(person=person, worker=chosen, my_words=f"zq{tag}_change_requestzq")
    add("change_request", asked)
    add("goal", GoalFactory(person=person, words=f"zq{tag}_goalzq"))
    add("review", ReviewFactory(person=person, what_matters=f"zq{tag}_reviewzq"))
    budget = budget_for(person, uses=[(f"zq{tag}_budget_usezq", "100.00")])
    add("budget_use", budget, key=f"zq{tag}_budget_usezq")
    use = budget.uses.get()
    change = review_services.propose_budget_change(
        budget=budget,
        proposed_by=person.user,
        expected_version=budget.version,
        lines=[review_services.UseLine(use.pk, use.words, Decimal("110.00"))],
        why=f"zq{tag}_budget_changezq",
    )
    add("budget_change", change)
    spent = review_services.record_spending(
        use=use,
        amount=Decimal("4.50"),
        spent_on=TODAY,
        words=f"zq{tag}_spendingzq",
        recorded_by=person.user,
    )
    add("spending", spent)
    # Two ideas for the service: one the person signs, waiting; one anonymous, answered.
    named = everyday_services.make_suggestion(
        service=service, suggested_by=person.user, text=f"zq{tag}_named_ideazq", anonymous=False
    )
    add("idea", named, key=named.text)
    author = UserFactory(
        display_name=ANONYMOUS_AUTHOR, email=f"{ANONYMOUS_AUTHOR}{tag}@example.org"
    )
    PersonFactory(user=author, service=service, preferred_name="Robin")
    anonymous = everyday_services.make_suggestion(
        service=service, suggested_by=author, text=f"zq{tag}_anonymous_ideazq", anonymous=True
    )
    anonymous = everyday_services.respond_to_suggestion(
        suggestion=anonymous,
        responded_by=manager.user,
        expected_version=anonymous.version,
        status=SuggestionStatus.DOING,
        response="We are on it.",
    )
    add("idea", anonymous, key=anonymous.text)
    # A published week and a draft one, each with a shift for the person.
    for monday, status in [
        (dt.date(2026, 11, 23), RotaWeek.Status.PUBLISHED),
        (dt.date(2026, 11, 30), RotaWeek.Status.DRAFT),
    ]:
        week = RotaWeekFactory(service=service, monday=monday, status=status)
        records.append(Record("week", f"week {week.pk}", person, service, week))
        shift = RotaShiftFactory(week=week, people=[person])
        records.append(Record("shift", f"shift {shift.pk}", person, service, shift))


def _share(w: World) -> None:
    """A's sharing is mixed, so each audience sees some parts and not others; B shares all
    with their team and manager."""
    named = supporter_audience(w.supporter_with_scope.pk)
    team, manager, council = Audience.TEAM, Audience.MANAGER, Audience.COUNCIL
    parts = list(Part.values)
    w.person.sharing = {part: [named] for part in parts}
    for i, part in enumerate(parts):
        w.person.sharing[part] += [[team, manager], [manager], [council, team], []][i % 4]
    w.person.sharing[Part.TODAY] = [named, team]
    w.person.sharing[Part.MEETINGS] = [named, team, manager]
    w.person.sharing[Part.MY_TEAM] = [named, manager]
    w.person.save()
    w.other_person.sharing = {part: [team, manager] for part in parts}
    w.other_person.save()


@pytest.fixture
def planted(db: Any) -> Planted:
    w = build_world()
    records: list[Record] = []
    _plant_for("a", w.person, records)
    _plant_for("b", w.other_person, records)
    _share(w)
    people = [w.person, w.other_person]
    services = [w.service, w.other_service]
    ideas = [r.obj for r in records if r.kind == "idea"]
    fill = {
        "person_id": [p.pk for p in people],
        "part": list(ABOUT_ME_PARTS),
        "action_id": [r.obj.pk for r in records if r.kind == "meeting_action"],
        "meeting_id": [r.obj.pk for r in records if r.kind == "meeting"],
        "goal_id": [r.obj.pk for r in records if r.kind == "goal"],
        "review_id": [r.obj.pk for r in records if r.kind == "review"],
        "on": [TODAY.isoformat()],
        "service_id": [s.pk for s in services],
        "suggestion_id": [i.pk for i in ideas],
        "week_id": [r.obj.pk for r in records if r.kind == "week"],
        "worker_id": [r.obj.worker_id for r in records if r.kind == "team_choice"],
    }
    return Planted(w, records, people, services, fill)


# --- What the policy lets a role see --------------------------------------------------------

Sees = Callable[[Any, Record], bool]


def rule(name: str, part: str = "", of: str = "person") -> Sees:
    def sees(user: Any, r: Record) -> bool:
        target = getattr(r, of) if of != "obj" else r.obj
        return bool(user.has_perm(name, PersonPart(target, part) if part else target))

    return sees


def visible(model: Any, of: str = "obj") -> Sees:
    return lambda user, r: model.objects.visible_to(user).filter(pk=getattr(r, of).pk).exists()


def all_of(*tests: Sees) -> Sees:
    return lambda user, r: all(t(user, r) for t in tests)


SEES_PERSON = visible(Person, of="person")
SEES_CHECK_INS = all_of(SEES_PERSON, rule("everyday.see_check_ins", Part.TODAY))
# What helps on a bad day is picked from "good days and bad days": both must be shared.
SEES_HELPS = all_of(SEES_CHECK_INS, rule("everyday.see_what_helps"))
SEES_MEETINGS = all_of(SEES_PERSON, rule("everyday.see_meetings"))
SEES_REVIEWS = all_of(SEES_PERSON, rule("reviews.see_reviews"))
SEES_BUDGET = all_of(SEES_PERSON, rule("reviews.see_budget"))


def sees_section(user: Any, r: Record) -> bool:
    return SEES_PERSON(user, r) and r.part in visible_parts(user, r.person)


def sees_proposal(user: Any, r: Record) -> bool:
    if not SEES_PERSON(user, r) or not user.has_perm("people.see_proposals", r.person):
        return False
    return proposals_for(person=r.person, viewer=user).filter(pk=r.obj.pk).exists()


def sees_shift_of_person(user: Any, r: Record) -> bool:
    if not (SEES_PERSON(user, r) and user.has_perm("rota.see_person_week", r.person)):
        return False
    return r.obj.week.status == RotaWeek.Status.PUBLISHED or user.has_perm(
        "rota.plan_person", r.person
    )


def in_you_said_we_did(user: Any, r: Record) -> bool:
    """ "You said, we did" is the ideas that have an answer, for those connected to the
    service."""
    answered = r.obj.status != SuggestionStatus.RECEIVED
    return answered and bool(user.has_perm("everyday.see_you_said_we_did", r.service))


def plans_rota(user: Any, r: Record) -> bool:
    return visible_rota_services(Service.objects.filter(pk=r.service.pk), user).exists()


# URL name -> the kinds of record its answer holds, and who may see each.
CARRIES: dict[str, dict[str, Sees]] = {
    "api:person-list": {"person": SEES_PERSON},
    "api:person-detail": {"person": SEES_PERSON},
    "api:person-check-ins": {"check_in": SEES_CHECK_INS, "check_in_helps": SEES_HELPS},
    "api:person-check-in": {"check_in": SEES_CHECK_INS, "check_in_helps": SEES_HELPS},
    # The Bundle: the Patient, About me and the plan as far as they are shared, goals and
    # check-ins.
    "api:person-fhir": {
        "person": SEES_PERSON,
        "about_me": sees_section,
        "plan": lambda user, r: SEES_PERSON(user, r) and Part.PLAN in visible_parts(user, r.person),
        "goal": all_of(SEES_PERSON, rule("reviews.see_reviews", Part.REVIEWS)),
        "check_in": SEES_CHECK_INS,
        "check_in_helps": SEES_HELPS,
    },
    "api:about-me": {"about_me": sees_section},
    "api:about-me-section": {
        "about_me": lambda user, r: SEES_PERSON(user, r)
        and bool(user.has_perm("people.see_part", PersonPart(r.person, r.part)))
    },
    "api:proposals": {"proposal": sees_proposal},
    "api:meetings": {"meeting": SEES_MEETINGS},
    "api:meeting": {"meeting": SEES_MEETINGS},
    "api:meeting-actions": {"meeting_action": SEES_MEETINGS},
    "api:meeting-action": {"meeting_action": SEES_MEETINGS},
    "api:team-choices": {
        "team_choice": all_of(SEES_PERSON, rule("team.see_choices")),
        "team_reason": all_of(
            SEES_PERSON, rule("team.see_choices"), rule("team.see_choice_reasons")
        ),
    },
    # One choice, read with its ETag before it is changed: the same records as the list.
    "api:team-choice": {
        "team_choice": all_of(SEES_PERSON, rule("team.see_choices")),
        "team_reason": all_of(
            SEES_PERSON, rule("team.see_choices"), rule("team.see_choice_reasons")
        ),
    },
    # (ChangeRequest and Review's visible_to are the manager's and the council's lists of
    # what they handle, not who may read one person's: the person's pages ask these rules.)
    "api:change-requests": {
        "change_request": all_of(SEES_PERSON, rule("team.see_change_requests"))
    },
    "api:budget": {"budget_use": SEES_BUDGET},
    # Each change's lines name the uses. (BudgetChange.objects.visible_to is the council's
    # list of changes to answer, not who may read a person's budget.)
    "api:budget-changes": {"budget_change": SEES_BUDGET, "budget_use": SEES_BUDGET},
    "api:budget-spending": {"spending": SEES_BUDGET},
    "api:reviews": {"review": SEES_REVIEWS},
    "api:review": {"review": SEES_REVIEWS},
    "api:goals": {"goal": SEES_REVIEWS},
    "api:goal": {"goal": SEES_REVIEWS},
    "api:person-shifts": {"shift": sees_shift_of_person},
    "api:service-list": {"service": visible(Service)},
    "api:service-detail": {"service": visible(Service)},
    "api-you-said-we-did": {"idea": in_you_said_we_did},
    "api:suggestion-list": {"idea": visible(Suggestion)},
    "api:suggestion-detail": {"idea": visible(Suggestion)},
    "api:suggestion-response": {"idea": rule("everyday.respond_to_suggestion", of="obj")},
    "api:rota-weeks": {"week": plans_rota},
    "api:rota-week-shifts": {
        "shift": lambda user, r: user.has_perm("rota.plan_service", r.service)
    },
}


# --- Reading ---------------------------------------------------------------------------------


def _client(w: World, role: str) -> Client:
    user = w.users[role]
    if user is None:
        return Client()
    if role not in STAFF_ROLES:
        return sign_in(Client(), user)
    # Staff are read through an integration client's token, acting as them.
    _, token = create_client(
        organisation=w.provider,
        name=f"Reads as {role}",
        acts_as=user,
        scope="read",
        days=30,
        created_by=w.users["org_admin"],
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _urls(template: str, fill: dict[str, list[Any]]) -> list[str]:
    names = re.findall(r"\{(\w+)\}", template)
    first = template.strip("/").split("/")[1]  # "people", "services", "suggestions", ...
    own_id = {"people": "person_id", "services": "service_id", "suggestions": "suggestion_id"}

    def values(name: str) -> list[Any]:
        return fill[own_id[first] if name == "id" else name]

    urls = []
    for combo in itertools.product(*(values(n) for n in names)):
        url = template
        for name, value in zip(names, combo, strict=True):
            url = url.replace("{" + name + "}", str(value), 1)
        urls.append(url)
    return urls


def _rows(body: Any) -> list[Any]:
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return list(body["results"])
    return body if isinstance(body, list) else [body]


def _suggestion_objects(body: Any) -> Iterator[dict[str, Any]]:
    if isinstance(body, dict):
        if "status_words" in body and "received_at" in body:
            yield body
        for value in body.values():
            yield from _suggestion_objects(value)
    elif isinstance(body, list):
        for value in body:
            yield from _suggestion_objects(value)


SUGGESTION_FIELDS = {
    "id",
    "service",
    "text",
    "status",
    "status_words",
    "response",
    "received_at",
    "first_response_at",
    "outcome_at",
}


def _read(client: Client, urls: list[str], records: list[Record], kinds: set[str]) -> set[str]:
    """The records found in the answers to `urls`: by marker anywhere, by id in the rows of
    an address that holds that kind."""
    seen: set[str] = set()
    by_id = {r.key for r in records if r.by_id and r.kind in kinds}
    for url in urls:
        response = client.get(url)
        text = response.content.decode(errors="replace")
        assert ANONYMOUS_AUTHOR not in text, f"{url} names who made an anonymous idea"
        found = set(MARKER.findall(text))
        assert found <= {r.key for r in records}, f"{url} holds unplanted words {found}"
        seen |= found
        if response.status_code != 200 or not by_id:
            continue
        body = json.loads(text)
        for kind in {r.kind for r in records if r.key in by_id}:
            seen |= {f"{kind} {row['id']}" for row in _rows(body) if isinstance(row, dict)}
        for idea in _suggestion_objects(body):
            assert set(idea) == SUGGESTION_FIELDS, f"{url}: an idea with {set(idea)}"
    return seen & ({r.key for r in records if not r.by_id} | by_id)


def test_every_get_address_of_the_api_says_which_records_it_holds() -> None:
    assert set(GET_ADDRESSES) == set(CARRIES), (
        "Say in CARRIES which records a new address holds, and who may see them"
    )


@pytest.mark.parametrize("name", sorted(GET_ADDRESSES))
def test_each_role_reads_exactly_the_records_the_policy_lets_it_see(
    planted: Planted, name: str
) -> None:
    assert name in CARRIES, f"Say in CARRIES which records {name} holds"
    w, records, carries = planted.world, planted.records, CARRIES[name]
    urls = _urls(GET_ADDRESSES[name], planted.fill)
    wrong: dict[str, dict[str, list[str]]] = {}
    expected_by_role: dict[str, set[str]] = {}
    for role in ROLES:
        user = w.users[role] or AnonymousUser()
        expected = {r.key for r in records if r.kind in carries and carries[r.kind](user, r)}
        expected_by_role[role] = expected
        seen = _read(_client(w, role), urls, records, set(carries))
        if seen != expected:
            wrong[role] = {
                "hidden by the policy, but read": sorted(seen - expected),
                "allowed by the policy, but missing": sorted(expected - seen),
            }
    assert not wrong, f"{name}: {wrong}"
    # Not a vacuous pass: someone reads something here, and someone is kept from some of it.
    everything = set().union(*expected_by_role.values())
    assert everything, f"{name}: no role reads any planted record"
    assert any(expected_by_role[r] != everything for r in ROLES if r != "anonymous")


def test_an_anonymous_idea_keeps_no_trace_of_who_made_it(planted: Planted) -> None:
    ideas = [r.obj for r in planted.records if r.kind == "idea" and "anonymous" in r.key]
    assert len(ideas) == 2
    for idea in ideas:
        idea.refresh_from_db()
        assert idea.anonymous and idea.suggested_by is None
