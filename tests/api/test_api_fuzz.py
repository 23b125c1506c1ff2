"""Schemathesis against the API's own OpenAPI schema: cases drawn from the schema, sent by a
signed-in council worker and by the person (browser sessions), and by client tokens acting
as a support worker and a service manager (read and write), never answer with a 5xx."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from alongside.api.services import create_client
from tests.conftest import sign_in
from tests.world import build_world

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


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
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same cases every run
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_answers_a_generated_request_with_a_server_error(
    case: Any, callers: list[Client]
) -> None:
    body = case.body if isinstance(case.body, dict | list) else None
    headers = {k: v for k, v in (case.headers or {}).items() if isinstance(v, str)}
    for client in callers:
        response = client.generic(
            case.method.upper(),
            case.formatted_path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            QUERY_STRING=urlencode(case.query or {}, doseq=True),
            headers=headers,
        )
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}"
