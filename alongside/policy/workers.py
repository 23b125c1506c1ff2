"""Support workers' photos and their few words about themselves."""

from __future__ import annotations

from typing import Any

import rules

from alongside.organisations.models import StaffMember
from alongside.policy.rota import manages_workers_service
from alongside.policy.standing import standing_of

# --- worker photos ----------------------------------------------------------------------
# A support worker's photo is seen by whoever may see that worker: the worker, the staff of
# the worker's services, the people supported there, and a supporter who may see such a
# person's team choices. The worker and their service manager may change it.


def _worker_service_ids(worker: Any) -> set[int]:
    return set(worker.services.values_list("pk", flat=True))


@rules.predicate
def is_the_worker(user: Any, worker: Any) -> bool:
    return worker is not None and user.is_authenticated and worker.user_id == user.pk


@rules.predicate
def may_see_worker(user: Any, worker: Any) -> bool:
    from alongside.people.models import Person

    if worker is None or worker.role != StaffMember.Role.SUPPORT_WORKER:
        return False
    s = standing_of(user)
    services = _worker_service_ids(worker)
    if s.staff_service_ids & services:
        return True
    people = Person.objects.filter(service_id__in=services)
    if s.person_id is not None and people.filter(pk=s.person_id).exists():
        return True
    return any(
        user.has_perm("team.see_choices", person)
        for person in people.filter(pk__in=list(s.supporting))
    )


rules.add_perm("team.see_worker_photo", is_the_worker | may_see_worker)
rules.add_perm("team.change_worker_photo", is_the_worker | manages_workers_service)
# A worker's few words about themselves are theirs: only they write them.
rules.add_perm("team.write_about_myself", is_the_worker)
