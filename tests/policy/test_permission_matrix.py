"""Every URL pattern × every role → the expected answer.

The list of URLs comes from the URL configuration itself: a new view that is not in
EXPECTED, or that does not name a rule of the policy, fails this test.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alongside.accounts.services import issue_sign_in_link
from tests.conftest import sign_in
from tests.world import ROLES, World, build_world

from .answers import (
    API_PERSON,
    API_SERVICE,
    FORBIDDEN,
    MISSING,
    NONE,
    NOT_ALLOWED,
    OK,
    PERSON,
    REDIRECT,
    SEES_PERSON,
    SEES_SERVICE,
    SERVICE,
    Kwargs,
    everyone,
    only,
    role_page,
)
from .no_writes import writes_recorded


def _link_token(w: World) -> dict[str, Any]:
    return {
        "token": issue_sign_in_link(for_user=w.person.user, issued_by=w.users["service_manager"])
    }


def _waiting_proposal(w: World) -> dict[str, Any]:
    from alongside.people.about_me import propose_about_me_change

    proposal = propose_about_me_change(
        person=w.person,
        part="what_matters",
        text="Swimming and cycling.",
        proposed_by=w.users["worker_in_service"],
    )
    return {"person_id": w.person.pk, "proposal_id": proposal.pk}


# People we support and supporters sign in without an authenticator.
WITHOUT_TWO_FACTOR = ["person", "other_person", "supporter_with_scope", "supporter_without_scope"]

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "web:start": (NONE, everyone(REDIRECT, anonymous=OK)),
    "web:about": (NONE, everyone(OK)),
    "web:home": (NONE, everyone(REDIRECT)),
    "web:person-home": (NONE, role_page("person", "other_person")),
    "web:supporter-home": (NONE, role_page("supporter_with_scope", "supporter_without_scope")),
    "web:worker-home": (NONE, role_page("worker_in_service", "worker_out_of_service")),
    "web:manager-home": (NONE, role_page("service_manager")),
    "web:quality-lead-home": (NONE, role_page("quality_lead")),
    "web:council-home": (NONE, role_page("council_worker", "other_council_worker")),
    "web:admin-home": (NONE, role_page("org_admin")),
    "accounts:sign-in": (NONE, everyone(REDIRECT, anonymous=OK)),
    "accounts:sign-out": (NONE, everyone(NOT_ALLOWED)),
    "accounts:sign-out-everywhere": (NONE, everyone(NOT_ALLOWED, anonymous=REDIRECT)),
    "accounts:account": (NONE, everyone(OK, anonymous=REDIRECT)),
    "accounts:two-factor-setup": (NONE, everyone(OK, anonymous=REDIRECT)),
    # People we support and supporters have no authenticator, so they are sent to set one up.
    "accounts:two-factor-verify": (
        NONE,
        only({r: REDIRECT for r in WITHOUT_TWO_FACTOR}, OK),
    ),
    # Recovery codes are for accounts with an authenticator; the others are sent to set one up.
    "accounts:two-factor-recovery": (
        NONE,
        only({r: REDIRECT for r in WITHOUT_TWO_FACTOR}, OK),
    ),
    "accounts:recovery-codes": (
        NONE,
        only({r: FORBIDDEN for r in WITHOUT_TWO_FACTOR}, OK),
    ),
    "accounts:sign-in-link": (_link_token, everyone(OK)),
    "accounts:demo-sign-in": (lambda w: {"role": "person"}, everyone(REDIRECT)),
    "people:record": (PERSON, only({r: OK for r in SEES_PERSON}, MISSING)),
    "people:details": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "people:sharing": (PERSON, only({"person": OK}, MISSING)),
    "people:supporters": (PERSON, only({"person": OK}, MISSING)),
    "people:supporter-edit": (
        lambda w: {"person_id": w.person.pk, "supporter_id": w.supporter_with_scope.pk},
        only({"person": OK}, MISSING),
    ),
    "people:who-looked": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "people:sign-in-link": (PERSON, only({"service_manager": OK}, MISSING)),
    "people:about-me": (PERSON, only({r: OK for r in SEES_PERSON}, MISSING)),
    "people:about-me-history": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "people:about-me-edit": (
        lambda w: {"person_id": w.person.pk, "part": "what_matters"},
        only({"person": OK, "supporter_with_scope": OK}, MISSING),
    ),
    "people:about-me-suggest": (
        lambda w: {"person_id": w.person.pk, "part": "what_matters"},
        only({"worker_in_service": OK, "service_manager": OK}, MISSING),
    ),
    "people:proposals": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    # Answering is a POST; a GET from those allowed is "not allowed", from anyone else 404.
    "people:proposal-answer": (
        _waiting_proposal,
        only({"person": NOT_ALLOWED, "supporter_with_scope": NOT_ALLOWED}, MISSING),
    ),
    "people:plan": (PERSON, only({r: OK for r in SEES_PERSON}, MISSING)),
    "people:plan-edit": (
        PERSON,
        only(
            {
                "person": OK,
                "supporter_with_scope": OK,
                "worker_in_service": OK,
                "service_manager": OK,
            },
            MISSING,
        ),
    ),
    "people:plan-history": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "people:download": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "organisations:service": (SERVICE, only({r: OK for r in SEES_SERVICE}, MISSING)),
    "api:api-root": (NONE, everyone(OK, anonymous=FORBIDDEN)),
    "api:person-list": (NONE, everyone(OK, anonymous=FORBIDDEN)),
    "api:person-detail": (API_PERSON, only({r: OK for r in SEES_PERSON}, MISSING, FORBIDDEN)),
    "api:service-list": (NONE, everyone(OK, anonymous=FORBIDDEN)),
    "api:service-detail": (API_SERVICE, only({r: OK for r in SEES_SERVICE}, MISSING, FORBIDDEN)),
    "api-schema": (NONE, everyone(OK, anonymous=FORBIDDEN)),
    "api-docs": (NONE, everyone(OK, anonymous=FORBIDDEN)),
    # The admin's own pages ask the same policy (rules) for each model; its door is this.
    "admin:index": (NONE, only({"org_admin": OK}, REDIRECT)),
}


def _merge_domain_matrices() -> None:
    """Each domain app adds its URLs in `tests/policy/matrix_<app>.py` as its own EXPECTED,
    built with the helpers above (everyone, only, role_page, OK, MISSING ...)."""
    import importlib
    import pkgutil

    import tests.policy as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("matrix_"):
            module = importlib.import_module(f"tests.policy.{info.name}")
            clash = set(module.EXPECTED) & set(EXPECTED)
            assert not clash, f"{info.name} repeats {clash}"
            EXPECTED.update(module.EXPECTED)


_merge_domain_matrices()


def _walk(patterns: list[Any], namespace: str = "") -> list[tuple[str, Any]]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            found += _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            found.append((f"{namespace}{p.name}", p.callback))
    return found


def _is_admin(name: str) -> bool:
    return name.startswith("admin:")


ALL_URLS = sorted({name for name, _ in _walk(get_resolver().url_patterns) if not _is_admin(name)})


def test_every_url_in_the_configuration_is_in_the_matrix() -> None:
    missing = set(ALL_URLS) - set(EXPECTED)
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


def test_every_view_names_a_rule_of_the_policy() -> None:
    import rules

    for name, callback in _walk(get_resolver().url_patterns):
        if _is_admin(name):
            continue
        view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        rule = getattr(view_class, "policy_rule", "")
        assert rule and rules.perm_exists(rule), f"{name} does not name a rule of the policy"


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.mark.parametrize("url_name", sorted(EXPECTED))
def test_each_role_gets_the_expected_answer_and_no_get_writes_to_the_database(
    url_name: str, world: World
) -> None:
    """Every page × every role: the expected answer, and the GET wrote nothing but the audit
    log's own view records and the session (roll-ups are refreshed by tasks, after writes)."""
    make_kwargs, answers = EXPECTED[url_name]
    assert set(answers) == set(ROLES)
    url = reverse(url_name, kwargs=make_kwargs(world))
    wrong = {}
    written = {}
    for role in ROLES:
        client = Client()
        user = world.users[role]
        if user is not None:
            sign_in(client, user)
        with writes_recorded() as writes:
            status = client.get(url).status_code
        if status != answers[role]:
            wrong[role] = f"got {status}, expected {answers[role]}"
        if writes:
            written[role] = writes
    assert not wrong, f"{url_name}: {wrong}"
    assert not written, f"{url_name}: a GET wrote to the database: {written}"
