"""The OpenAPI schema's refusals, in one place: every operation documents the errors it can
answer with, in the shapes DRF's exception handler sends (the API has no handler of its
own), so a client written from the schema alone knows them all.

- `Error` (`{"detail": "..."}`) for 401, 403, 404, 412, 428 and 429;
- `FieldErrors` for 400: for each field that was wrong, its messages (`non_field_errors` for
  the whole request; `detail` when the body could not be read at all, as for bad JSON).

Which operation may answer which: every one 401, 403 and 429; 404 when it names a record in
its path or pages a list (a page past the end is 404); 400 for a write, or a read with
filters; 412 and 428 for a write that takes If-Match (or If-None-Match). A view's own
`extend_schema` keeps its success responses; these codes are always the shared shapes.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema

from .resource_serializers import FieldErrorsSerializer
from .serializers import ErrorSerializer

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PRECONDITION_HEADERS = {"if-match", "if-none-match"}
NOT_FILTERS = {"page", "format"}  # a bad page is 404; an unknown format is 404

DESCRIPTIONS = {
    400: "Bad input: nothing was changed. Each field that was wrong says what to change.",
    401: "Not signed in. (The browser's session comes first, so today a request with no "
    "session and no token, or a token that is unknown, revoked or expired, answers 403.)",
    403: "Not signed in, a token that is unknown, revoked or expired, or you may see this "
    "but not do this (a read-only token writing, say): `detail` says which.",
    404: "There is no such record, or it is not yours to see: the two answer alike.",
    412: "Someone changed it since you read it (a stale If-Match): nothing was changed.",
    428: "Send If-Match with the ETag you read (or If-None-Match: * to add a new one).",
    429: "Too many requests from this client: wait for the seconds in Retry-After.",
}


def error_codes(*, method: str, path: str, parameters: list[dict[str, Any]]) -> list[int]:
    """The refusals an operation can answer with (see the module's docstring)."""
    query = {p["name"] for p in parameters if p.get("in") == "query"}
    headers = {p["name"].lower() for p in parameters if p.get("in") == "header"}
    codes = [401, 403, 429]
    if "{" in path or "page" in query:
        codes.append(404)
    if method in WRITES or query - NOT_FILTERS:
        codes.append(400)
    if method in WRITES and headers & PRECONDITION_HEADERS:
        codes += [412, 428]
    return sorted(codes)


class ApiSchema(AutoSchema):
    """drf-spectacular's AutoSchema, with every operation's refusals added."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        codes = error_codes(
            method=self.method, path=self.path, parameters=operation.get("parameters", [])
        )
        for code in codes:
            shape = FieldErrorsSerializer if code == 400 else ErrorSerializer
            response = self._get_response_for_code(shape, str(code))
            response["description"] = DESCRIPTIONS[code]
            responses[str(code)] = response
        return operation


class FieldErrorsShape(OpenApiSerializerExtension):
    """What a 400 holds, as DRF sends a ValidationError: a list of messages per field, or for
    a list or nested field, its items' (`{"lines": [{}, {"amount": ["..."]}]}`)."""

    target_class = "alongside.api.resource_serializers.FieldErrorsSerializer"

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        messages = {"type": "array", "items": {"type": "string"}}
        return {
            "type": "object",
            "description": "Bad input: for each field that was wrong, what to change. "
            "Nothing was saved.",
            "properties": {
                "non_field_errors": {
                    **messages,
                    "description": "What was wrong with the request as a whole.",
                },
                "detail": {
                    "type": "string",
                    "description": "When the body could not be read at all (not JSON, say).",
                },
            },
            "additionalProperties": {
                "description": "The field's messages; for a list or nested field, each "
                "item's (or each named part's) messages.",
                "anyOf": [
                    {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
                    {"type": "object"},
                ],
            },
        }
