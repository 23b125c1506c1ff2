"""Everyday pages × every role. Person A (w.person) shares `today` with their team and
manager (the starting choice), and with the supporter with scope by name."""

from __future__ import annotations

from .answers import MISSING, NONE, OK, PERSON, Kwargs, only, role_page

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "everyday:handover": (
        NONE,
        role_page("worker_in_service", "worker_out_of_service", "service_manager"),
    ),
    "everyday:check-in": (PERSON, only({"person": OK, "worker_in_service": OK}, MISSING)),
    "everyday:patterns": (
        PERSON,
        only(
            {
                "person": OK,
                "supporter_with_scope": OK,
                "worker_in_service": OK,
                "service_manager": OK,
            },
            MISSING,
        ),
    ),
}
