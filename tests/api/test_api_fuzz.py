"""Schemathesis against the API's own OpenAPI schema (the read-only API): cases drawn from
the schema, sent by a signed-in council worker and by the person, never answer with a 5xx."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from tests.conftest import sign_in
from tests.world import build_world

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same cases every run
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_answers_a_generated_request_with_a_server_error(case: Any) -> None:
    world = build_world()
    for role in ["person", "council_worker"]:
        client = sign_in(Client(raise_request_exception=False), world.users[role])
        response = client.generic(
            case.method.upper(),
            case.formatted_path,
            QUERY_STRING=urlencode(case.query or {}, doseq=True),
        )
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}"
