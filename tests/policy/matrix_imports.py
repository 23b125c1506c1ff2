"""Bring in your records × every role: the organisation admin's pages only."""

from __future__ import annotations

from typing import Any

from alongside.imports.services import check_upload
from tests.world import World

from .answers import MISSING, NONE, OK, Kwargs, only, role_page


def _checked_file(w: World) -> dict[str, Any]:
    run = check_upload(
        organisation=w.provider,
        kind="services",
        file_name="services.csv",
        data=b"reference,name,address line 1,town,postcode,region\nS-9,Oak House,1 Oak Road,York,YO1 7HH,North\n",
        by=w.users["org_admin"],
    )
    return {"run_id": run.pk}


KIND: Kwargs = lambda w: {"kind": "staff"}  # noqa: E731

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "imports:start": (NONE, role_page("org_admin")),
    "imports:template": (KIND, role_page("org_admin")),
    "imports:guide": (KIND, role_page("org_admin")),
    "imports:export": (KIND, role_page("org_admin")),
    # A checked file is its admin's alone; to anyone else it is not there.
    "imports:run": (_checked_file, only({"org_admin": OK}, MISSING)),
}
