"""A bounded, seeded hunt for server errors (500s) on bad input.

For every page in the URL configuration (the same world and addresses as the permission
matrix), a few roles that may use it send nasty values: in the query string of a GET, and in
every field of the page's forms in a POST. Nothing bad typed or linked may give a 5xx; a
plain 400 or the page with a message is the answer. Seeded and of a fixed size, so a failure
is found again on the next run.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in
from tests.policy.test_permission_matrix import ALL_URLS, EXPECTED
from tests.world import World, build_world

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e309",
    "99999999999999999999",
    "١٢",
    "²",
    "４０",
    "\u202eevil",
    "9999-W52",
    "0001-W01",
    "0001-01-01",
    "9999-12-31",
    "31/12/9999",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "null",
    "💥" * 3,
    "x" * 3000,
]
# What views read from a query string by hand, found in the code itself so the list cannot
# fall behind a new view; forms read theirs from the page itself.
READS_QUERY = re.compile(r'request\.(?:GET|query_params)(?:\.get\(|\.getlist\(|\[)"(\w+)"')


def _query_names() -> list[str]:
    root = Path(__file__).resolve().parent.parent / "alongside"
    names = {m for f in root.rglob("*.py") for m in READS_QUERY.findall(f.read_text())}
    return sorted(names | {"format", "page"})


QUERY_NAMES = _query_names()
# Roles that may use a page; two are enough to reach the different parts of a view.
ROLES_PER_PAGE = 2
GETS_PER_PAGE = 4
POSTS_PER_PAGE = 3
# Pages whose POST starts long work (the rota solver) or ends the session for every other
# test in the loop; their GETs are still fuzzed.
NO_POST = {"rota:service-week-solve", "accounts:sign-out", "accounts:sign-out-everywhere"}

FIELD = re.compile(r'<(?:input|textarea|select|button)\b[^>]*\bname="([^"]+)"')


def _field_names(page: str) -> list[str]:
    return sorted({n for n in FIELD.findall(page) if n != "csrfmiddlewaretoken"})


def _client(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    user = world.users[role]
    return sign_in(client, user) if user is not None else client


def _roles_that_see(url_name: str) -> list[str]:
    _, answers = EXPECTED[url_name]
    allowed = [role for role, status in answers.items() if status == 200]
    return allowed[:ROLES_PER_PAGE] or ["anonymous"]


def _fuzz_one_page(url_name: str, url: str, world: World, rng: random.Random) -> list[str]:
    found = []
    for role in _roles_that_see(url_name):
        client = _client(world, role)
        page = client.get(url)
        fields = (
            _field_names(page.content.decode(errors="replace")) if page.status_code == 200 else []
        )
        for _ in range(GETS_PER_PAGE):
            # Every name the views read, each with a nasty value: a view that reads one by
            # hand is always sent it.
            query = {name: rng.choice(NASTY) for name in QUERY_NAMES}
            answer = client.get(f"{url}?{urlencode(query)}")
            if answer.status_code >= 500:
                found.append(f"GET {url}?{urlencode(query)} as {role}: {answer.status_code}")
        if url_name in NO_POST or not fields:
            continue
        for _ in range(POSTS_PER_PAGE):
            data = {name: rng.choice(NASTY) for name in fields}
            answer = client.post(url, data)
            if answer.status_code >= 500:
                found.append(f"POST {url} {data!r} as {role}: {answer.status_code}")
    return found


def test_no_page_answers_bad_input_with_a_server_error() -> None:
    world = build_world()
    rng = random.Random(17)  # seeded: the same values every run
    found: list[str] = []
    for url_name in ALL_URLS:
        # Each page starts from the same world: what one page's POSTs changed is rolled back.
        with transaction.atomic():
            url = reverse(url_name, kwargs=EXPECTED[url_name][0](world))
            found += _fuzz_one_page(url_name, url, world, rng)
            transaction.set_rollback(True)
    assert not found, "Server errors on bad input:\n" + "\n".join(found)


def test_the_hunt_sends_every_query_name_the_views_read() -> None:
    assert {"statement", "week", "face", "region", "page"} <= set(QUERY_NAMES)


def test_the_hunt_reaches_pages_with_forms() -> None:
    """The hunt is only worth something if it finds forms to fill: this fails if the
    pattern for fields stops matching the pages."""
    world = build_world()
    client = _client(world, "person")
    page = client.get(reverse("people:details", kwargs={"person_id": world.person.pk}))
    assert {"preferred_name", "pronouns", "version"} <= set(_field_names(page.content.decode()))
