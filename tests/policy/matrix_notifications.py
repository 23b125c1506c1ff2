"""Email pages × every role."""

from __future__ import annotations

from tests.policy.answers import NONE, OK, REDIRECT, Kwargs, everyone, role_page

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    # Emails that could not be sent, to the admin's own organisation's staff and people.
    "notifications:failed-emails": (NONE, role_page("org_admin")),
    # Each reader's own choice of which messages come by email: theirs alone, no object.
    "notifications:how-we-tell-you": (NONE, everyone(OK, anonymous=REDIRECT)),
}
