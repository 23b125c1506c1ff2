"""A client that knows only the OpenAPI schema and a token (issue 14, "Done when"): it finds
the people and the check-in addresses, how to authenticate, which headers a write needs and
what to send, all from the schema, records a check-in, and is refused a stale update (412)
that changes nothing. No address, header or field is written here: each is read from the
schema, looked up by the operation's id."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import time_machine
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from alongside.api.services import create_client
from alongside.audit.models import RecordChange
from alongside.everyday.models import CheckIn
from tests.world import World, build_world

pytestmark = pytest.mark.django_db

# Check-ins are for today only: the clock stands still on one morning.
MORNING = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def world(db: Any, clock: time_machine.Traveller) -> World:
    clock.move_to(MORNING, tick=False)
    return build_world()


class SchemaClient:
    """Everything it knows comes from `schema`: the operations by id, the security scheme,
    the header parameters and the request and refusal shapes."""

    def __init__(self, schema: dict[str, Any], token: str) -> None:
        self.schema = schema
        self.operations = {
            op["operationId"]: (path, method.upper(), op)
            for path, ops in schema["paths"].items()
            for method, op in ops.items()
        }
        bearer = [
            name
            for name, scheme in schema["components"]["securitySchemes"].items()
            if scheme.get("type") == "http" and scheme.get("scheme") == "bearer"
        ]
        assert bearer, "the schema says how a client token is sent"
        self.bearer_scheme = bearer[0]
        self.http = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def operation(self, operation_id: str) -> dict[str, Any]:
        return self.operations[operation_id][2]

    def headers_of(self, operation_id: str) -> set[str]:
        return {
            p["name"] for p in self.operation(operation_id)["parameters"] if p["in"] == "header"
        }

    def resolve(self, ref: str) -> dict[str, Any]:
        node: Any = self.schema
        for key in ref.removeprefix("#/").split("/"):
            node = node[key]
        return dict(node)

    def body_schema(self, operation_id: str) -> dict[str, Any]:
        content = self.operation(operation_id)["requestBody"]["content"]["application/json"]
        return self.resolve(content["schema"]["$ref"])

    def refusal_schema(self, operation_id: str, status: int) -> dict[str, Any]:
        answer = self.operation(operation_id)["responses"][str(status)]
        return {**answer["content"]["application/json"]["schema"], **self.schema}

    def call(
        self,
        operation_id: str,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **path_args: Any,
    ) -> Any:
        path, method, op = self.operations[operation_id]
        assert {self.bearer_scheme: []} in op["security"], f"{operation_id} takes a token"
        for param in op["parameters"]:
            if param["in"] == "path":
                value = str(path_args[param["name"]])
                pattern = param["schema"].get("pattern")
                assert pattern is None or re.search(pattern, value), (param["name"], value)
                path = path.replace("{" + param["name"] + "}", value)
        assert "{" not in path, f"every part of {path} is filled in"
        return self.http.generic(
            method,
            path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=headers or {},
        )


def _schema_client(world: World) -> SchemaClient:
    _, token = create_client(
        organisation=world.provider,
        name="A script from the schema",
        acts_as=world.users["worker_in_service"],  # a support worker who may check in
        scope="read_write",
        days=30,
        created_by=world.users["org_admin"],
    )
    return SchemaClient(SchemaGenerator().get_schema(request=None, public=True), token)


def _write_operation_for(client: SchemaClient, read_id: str) -> str:
    """The operation that writes (PUT) the same address `read_id` reads."""
    path = client.operations[read_id][0]
    writes = [
        oid for oid, (p, method, _) in client.operations.items() if (p, method) == (path, "PUT")
    ]
    assert len(writes) == 1, writes
    return writes[0]


def test_a_client_knowing_only_the_schema_records_a_check_in_and_is_refused_a_stale_change(
    world: World,
) -> None:
    client = _schema_client(world)
    # The person: the first of the people this token may see.
    people = client.call("people_list")
    assert people.status_code == 200
    person_id = people.json()["results"][0]["id"]
    assert person_id == world.person.pk
    # The day's check-in: read it, then write it where it is read.
    read_id = "people_check_ins_retrieve"
    write_id = _write_operation_for(client, read_id)
    today = MORNING.date().isoformat()
    assert client.call(read_id, id=person_id, on=today).status_code == 404  # none yet
    # The write's preconditions, from its header parameters.
    assert client.headers_of(write_id) == {"If-Match", "If-None-Match"}
    body_schema = client.body_schema(write_id)
    feeling_schema = client.resolve(body_schema["properties"]["feeling"]["$ref"])
    assert body_schema["required"] == ["feeling"]
    low, high = min(feeling_schema["enum"]), max(feeling_schema["enum"])
    without = client.call(write_id, {"feeling": high}, id=person_id, on=today)
    assert without.status_code == 428
    jsonschema.validate(without.json(), client.refusal_schema(write_id, 428))
    assert not CheckIn.objects.exists()
    added = client.call(write_id, {"feeling": high}, {"If-None-Match": "*"}, id=person_id, on=today)
    assert added.status_code == 200, added.content
    first_etag = added.headers["ETag"]
    assert client.call(read_id, id=person_id, on=today).headers["ETag"] == first_etag
    changed = client.call(
        write_id,
        {"feeling": low, "note": "Changed their mind."},
        {"If-Match": first_etag},
        id=person_id,
        on=today,
    )
    assert changed.status_code == 200, changed.content
    assert changed.headers["ETag"] != first_etag
    saved = CheckIn.objects.get(person=world.person, on=MORNING.date())
    changes = RecordChange.objects.filter(person=world.person).count()
    # A stale write: the ETag from before the change.
    stale = client.call(
        write_id,
        {"feeling": high, "note": "Written over the change."},
        {"If-Match": first_etag},
        id=person_id,
        on=today,
    )
    assert stale.status_code == 412
    jsonschema.validate(stale.json(), client.refusal_schema(write_id, 412))
    now = CheckIn.objects.get(pk=saved.pk)
    assert (now.feeling, now.note, now.version) == (low, "Changed their mind.", saved.version)
    assert RecordChange.objects.filter(person=world.person).count() == changes
    assert client.call(read_id, id=person_id, on=today).headers["ETag"] == changed.headers["ETag"]
