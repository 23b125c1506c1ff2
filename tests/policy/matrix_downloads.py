"""The kept downloads' URLs in the permission matrix (merged by test_permission_matrix)."""

from __future__ import annotations

from typing import Any

from tests.world import World

from .answers import MISSING, NOT_ALLOWED, OK, PERSON, only


def _kept(w: World) -> dict[str, Any]:
    """A download of person A asked for by the supporter they let download (made at once
    by the tests' immediate task backend): only that supporter may see or fetch it."""
    from alongside.audit.models import RecordView
    from alongside.downloads.services import ask_for_download

    asker = w.users["supporter_with_scope"]
    kept = ask_for_download(person=w.person, asked_by=asker)
    # Asking is logged in "who looked" (tested in tests/downloads); cleared here so that each
    # page's own entry is counted alone by tests/audit/test_every_read_is_logged.py.
    RecordView.objects.filter(viewer=asker).delete()
    return {"person_id": w.person.pk, "download_id": kept.pk}


# A download is the asker's own: the person (and everyone else) is answered "not found".
ASKER_ONLY = only({"supporter_with_scope": OK}, MISSING)

EXPECTED = {
    # Asking is a POST; a GET from those who may download is "not allowed", others 404.
    "downloads:ask": (
        PERSON,
        only({"person": NOT_ALLOWED, "supporter_with_scope": NOT_ALLOWED}, MISSING),
    ),
    "downloads:status": (_kept, ASKER_ONLY),
    "downloads:pdf": (_kept, ASKER_ONLY),
    "downloads:json": (_kept, ASKER_ONLY),
}
