"""Alongside's own set-up pages × every role: an organisation admin's own records only; a
service manager adds a person we support to a service they manage."""

from __future__ import annotations

from tests.world import World

from .answers import MISSING, OK, Kwargs, only, role_page

KIND: Kwargs = lambda w: {"kind": "services"}  # noqa: E731


def _service_record(w: World) -> dict[str, object]:
    return {"kind": "services", "pk": w.service.pk}


EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "organisations:setup-list": (KIND, role_page("org_admin")),
    "organisations:setup-add": (KIND, role_page("org_admin")),
    # Another role, or another organisation's admin, finds no such record.
    "organisations:setup-edit": (_service_record, only({"org_admin": OK}, MISSING)),
    "organisations:setup-end": (_service_record, only({"org_admin": OK}, MISSING)),
    "organisations:add-person": (
        lambda w: {"service_id": w.service.pk},
        only({"service_manager": OK}, MISSING),
    ),
}
