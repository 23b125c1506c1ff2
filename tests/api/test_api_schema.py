"""The OpenAPI schema generates with no warning and validates, as CI asks for it: a warning
(an enum named by a hash, a view whose shape cannot be guessed) makes a worse client. And
every operation documents the refusals it can answer with (alongside/api/schema.py)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator


def test_the_schema_generates_with_no_warnings_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "schema.yml"
    # --fail-on-warn raises on the first run with any warning or error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    enums = schema["components"]["schemas"]
    assert enums["MeetingActionStatusEnum"]["enum"] == ["open", "done"]
    assert enums["ChangeRequestKindEnum"]["enum"] == [
        "not_suited",
        "more_time",
        "different_times",
        "new_worker",
    ]


def test_every_operation_documents_its_refusals_so_a_new_endpoint_cannot_leave_them_out() -> None:
    """Every operation: 401 and 403. Every write: 400. A change to what is there (PUT, PATCH,
    DELETE), or any write that takes If-Match: the If-Match header, 412 and 428."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            needed = {"401", "403"}
            if method in {"post", "put", "patch", "delete"}:
                needed.add("400")
            if method in {"put", "patch", "delete"} or "If-Match" in headers:
                needed |= {"412", "428"}
                documented |= {"If-Match"} & headers
                needed.add("If-Match")
            missing += [f"{method.upper()} {path}: {code}" for code in sorted(needed - documented)]
    assert missing == []


def test_refusals_are_the_shared_shapes_detail_for_most_and_field_messages_for_bad_input() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    put = schema["paths"]["/api/people/{person_id}/team-choices/{worker_id}/"]["put"]
    shape = {
        code: put["responses"][code]["content"]["application/json"]["schema"]["$ref"]
        for code in ["400", "401", "403", "404", "412", "428", "429"]
    }
    assert shape == {
        "400": "#/components/schemas/FieldErrors",
        **{c: "#/components/schemas/Error" for c in ["401", "403", "404", "412", "428", "429"]},
    }
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
