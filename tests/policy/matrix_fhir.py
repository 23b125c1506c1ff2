"""FHIR export and bringing a record in × every role. The API export answers what the user
may see of the person (404 for anyone else); the download is the person's and a supporter's
they allow; bringing a record in is the person's, or their service manager's with them."""

from __future__ import annotations

from typing import Any

from tests.world import World

from .answers import (
    API_PERSON,
    FORBIDDEN,
    MISSING,
    NONE,
    NOT_ALLOWED,
    OK,
    PERSON,
    SEES_PERSON,
    Kwargs,
    only,
)

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "api:person-fhir": (API_PERSON, only({r: OK for r in SEES_PERSON}, MISSING, FORBIDDEN)),
    "fhir:download": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "fhir:bring-in": (PERSON, only({"person": OK, "service_manager": OK}, MISSING)),
}


def _todays_check_in(w: World) -> dict[str, Any]:
    from alongside.everyday.models import CheckIn
    from tests.factories import CheckInFactory

    # Another row's kwargs may have made today's check-in already (one world for all rows).
    check_in = CheckIn.objects.filter(person=w.person).first() or CheckInFactory(person=w.person)
    return {"pk": w.person.pk, "on": check_in.on.isoformat()}


def _a_client(w: World) -> dict[str, Any]:
    from alongside.api.services import create_client

    client, _ = create_client(
        organisation=w.provider,
        name="Rota app",
        acts_as=w.users["worker_in_service"],
        scope="read",
        days=30,
        created_by=w.users["org_admin"],
    )
    return {"client_id": client.pk}


# How the person is today: those they share it with (the team, their manager and the
# supporter they share everything with by name).
SEES_TODAY = ["person", "supporter_with_scope", "worker_in_service", "service_manager"]

EXPECTED.update(
    {
        "api:person-check-in": (
            _todays_check_in,
            only({r: OK for r in SEES_TODAY}, MISSING, FORBIDDEN),
        ),
        "api-clients": (NONE, only({"org_admin": OK}, FORBIDDEN)),
        # Revoking is a button (POST).
        "api-client-revoke": (_a_client, only({"org_admin": NOT_ALLOWED}, FORBIDDEN)),
    }
)
