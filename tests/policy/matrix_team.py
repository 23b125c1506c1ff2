"""Team pages × every role."""

from __future__ import annotations

from typing import Any

from alongside.team.models import WorkerPhoto
from tests.factories import ChangeRequestFactory, StaffMemberFactory
from tests.world import World

from .answers import MISSING, NONE, OK, PERSON, Kwargs, only, role_page


def _worker(w: World) -> dict[str, Any]:
    worker = StaffMemberFactory(organisation=w.provider, services=[w.service])
    return {"person_id": w.person.pk, "worker_id": worker.pk}


def _change_request(w: World) -> dict[str, Any]:
    worker = StaffMemberFactory(organisation=w.provider, services=[w.service])
    return {"request_id": ChangeRequestFactory(person=w.person, worker=worker).pk}


def _worker_with_photo(w: World) -> dict[str, Any]:
    worker = w.users["worker_in_service"].staff_member
    WorkerPhoto.objects.create(
        worker=worker, data=b"\xff\xd8 a photo", content_type="image/jpeg", width=1, height=1
    )
    return {"worker_id": worker.pk}


EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    # Team choices are the `my_team` part: by default shared with the manager only.
    "team:my-team": (
        PERSON,
        only({"person": OK, "supporter_with_scope": OK, "service_manager": OK}, MISSING),
    ),
    "team:choose": (_worker, only({"person": OK}, MISSING)),
    "team:what-i-look-for": (PERSON, only({"person": OK}, MISSING)),
    "team:ask-for-change": (
        PERSON,
        only({"person": OK, "supporter_with_scope": OK}, MISSING),
    ),
    "team:change-requests": (NONE, role_page("service_manager")),
    "team:change-request": (_change_request, only({"service_manager": OK}, MISSING)),
    # A worker's photo: for whoever may see that worker (their service's staff and people,
    # a supporter who may see such a person's team choices); changed by them or their manager.
    "team:worker-photo": (
        _worker_with_photo,
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
    "team:settings": (NONE, role_page("org_admin")),
    # Only the worker writes their own words; everyone else is told it is not there.
    "team:worker-words": (_worker_with_photo, only({"worker_in_service": OK}, MISSING)),
    "team:worker-photo-change": (
        _worker_with_photo,
        only({"worker_in_service": OK, "service_manager": OK}, MISSING),
    ),
}
