"""No lost updates over the API: every writable resource has an ETag (its version), and a
write must say which version it read (If-Match), or that it adds a new one
(If-None-Match: *). Without: 428. Stale: 412. Either way nothing is changed."""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = (
        "Send If-Match with the ETag you read (or If-None-Match: * to add a new one), "
        "so that nobody's change is lost."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Someone changed this since you read it. Read it again, then try again."
    default_code = "precondition_failed"


class AlreadyThere(PreconditionFailed):
    default_detail = "This is already there. Read it, then change it with If-Match."


def etag_for(version: int) -> str:
    return f'"{version}"'


def expected_version(request: Request, current_version: int | None) -> int:
    """The version the writer read (0 for a new one), or PreconditionRequired/Failed."""
    if_match = request.headers.get("If-Match")
    if_none_match = request.headers.get("If-None-Match")
    if if_match is None and if_none_match is None:
        raise PreconditionRequired
    if if_none_match is not None and if_match is None:
        if if_none_match.strip() != "*":
            raise PreconditionRequired
        if current_version is not None:
            raise AlreadyThere
        return 0
    if current_version is None:
        raise PreconditionFailed(
            "There is nothing here to change yet. Add it with If-None-Match: *."
        )
    sent = {tag.strip().removeprefix("W/") for tag in (if_match or "").split(",")}
    if etag_for(current_version) not in sent:
        raise PreconditionFailed
    return current_version
