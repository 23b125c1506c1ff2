"""Schemathesis against the API's own OpenAPI schema: cases drawn from the schema, sent by a
signed-in council worker and by the person (browser sessions), and by client tokens acting
as a support worker and a service manager (read and write), never answer with a 5xx, and
every answer is one the schema documents: its status code, its content type, its headers
and its body's shape (refusals included)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
import schemathesis
from django.http import HttpResponse
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from alongside.api.services import create_client
from tests.conftest import sign_in
from tests.world import build_world

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
# Its coverage phase (boundary and invalid values) runs for every operation; its probes of
# methods the schema does not name are left out (DRF answers them 405, which no check here
# reads), and fuzzing takes 10 examples: the file stays within about three minutes.
schema.config.phases.coverage.unexpected_methods = set()

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]


def as_sent(response: HttpResponse, *, method: str, path: str, query: str) -> Any:
    """The Django test client's answer as schemathesis reads one (with the request made)."""
    url = f"http://testserver{path}" + (f"?{query}" if query else "")
    return schemathesis.Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=requests.Request(method, url).prepare(),
        elapsed=0.0,
        verify=False,
    )


@pytest.fixture
def callers(db: Any) -> list[Client]:
    """The signed-in callers, made once for each operation and shared by its examples (a
    world for every example made the fuzz most of the suite's time)."""
    world = build_world()
    clients = [
        sign_in(Client(raise_request_exception=False), world.users[role])
        for role in ["person", "council_worker"]
    ]
    for role in ["worker_in_service", "service_manager"]:
        _, token = create_client(
            organisation=world.provider,
            name=f"Fuzz as {role}",
            acts_as=world.users[role],
            scope="read_write",
            days=30,
            created_by=world.users["org_admin"],
        )
        clients.append(Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}"))
    return clients


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,  # the same cases every run
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_generated_request_as_its_schema_says_and_never_with_a_5xx(
    case: Any, callers: list[Client]
) -> None:
    body = case.body if isinstance(case.body, dict | list) else None
    headers = {k: v for k, v in (case.headers or {}).items() if isinstance(v, str)}
    query = urlencode(case.query or {}, doseq=True)
    for client in callers:
        response = client.generic(
            case.method.upper(),
            case.formatted_path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            QUERY_STRING=query,
            headers=headers,
        )
        sent = as_sent(response, method=case.method.upper(), path=case.formatted_path, query=query)
        case.validate_response(sent, checks=CHECKS, headers=headers)
