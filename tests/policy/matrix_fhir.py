"""FHIR export and bringing a record in × every role. The API export answers what the user
may see of the person (404 for anyone else); the download is the person's and a supporter's
they allow; bringing a record in is the person's, or their service manager's with them."""

from __future__ import annotations

from .answers import API_PERSON, FORBIDDEN, MISSING, OK, PERSON, SEES_PERSON, Kwargs, only

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "api:person-fhir": (API_PERSON, only({r: OK for r in SEES_PERSON}, MISSING, FORBIDDEN)),
    "fhir:download": (PERSON, only({"person": OK, "supporter_with_scope": OK}, MISSING)),
    "fhir:bring-in": (PERSON, only({"person": OK, "service_manager": OK}, MISSING)),
}
