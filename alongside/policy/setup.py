"""The set-up pages (Django admin) and Alongside's own set-up pages."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from alongside.organisations.models import StaffMember
from alongside.policy.standing import is_org_admin, manages_service, standing_of

# --- The set-up pages (Django admin) ----------------------------------------------------
# Organisation admins configure their organisation: services, regions, skills and staff.
# People's records are not in the admin at all: nobody sees them there by default.
# Every row they see, every choice they are offered and every save is their own
# organisation's (`setup_rows`); only a platform superuser makes or removes organisations
# or changes the skills list, which every organisation shares.


@rules.predicate
def is_council_admin(user: Any) -> bool:
    """An organisation admin whose organisation is a council (it has council workers)."""
    from alongside.organisations.models import Organisation

    s = standing_of(user)
    return (
        s.staff_role == StaffMember.Role.ORG_ADMIN
        and s.staff_organisation_id is not None
        and Organisation.objects.filter(
            pk=s.staff_organisation_id, kind=Organisation.Kind.COUNCIL
        ).exists()
    )


ADMIN_MODELS = {
    "organisations": ["organisation", "region", "service", "skill", "staffmember", "councilworker"],
}
# Superusers pass every rule through Django's ModelBackend; these are for everyone else.
SETUP_RULES: dict[str, Any] = {
    "organisations.add_organisation": rules.is_superuser,
    "organisations.delete_organisation": rules.is_superuser,
    "organisations.add_skill": rules.is_superuser,
    "organisations.change_skill": rules.is_superuser,
    "organisations.delete_skill": rules.is_superuser,
    "organisations.add_councilworker": is_council_admin,
    "organisations.change_councilworker": is_council_admin,
    "organisations.delete_councilworker": is_council_admin,
}
for _app, _models in ADMIN_MODELS.items():
    rules.add_perm(_app, is_org_admin)
    for _model in _models:
        for _action in ("view", "add", "change", "delete"):
            _name = f"{_app}.{_action}_{_model}"
            rules.add_perm(_name, SETUP_RULES.get(_name, is_org_admin))


# --- Alongside's own set-up pages (issue 13, item 4) ----------------------------------------
# An organisation admin adds, changes and ends their own organisation's services, staff and
# supporters; a service manager adds a person we support to a service they manage. The
# Django admin above is for platform operators.


def _organisation_id_of(record: Any) -> int | None:
    for path in ("organisation_id", "person.service.organisation_id"):
        value: Any = record
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return int(value)
    return None


@rules.predicate
def record_is_in_own_organisation(user: Any, record: Any) -> bool:
    """A service, staff member or supporter of the admin's own organisation."""
    organisation_id = standing_of(user).staff_organisation_id
    return organisation_id is not None and _organisation_id_of(record) == organisation_id


rules.add_perm("organisations.set_up_records", is_org_admin)
rules.add_perm("organisations.change_record", is_org_admin & record_is_in_own_organisation)
rules.add_perm("people.add_person", manages_service)


def setup_organisation_id(user: Any) -> int | None:
    """The organisation whose set-up pages `user` may use; None for a superuser (every one)."""
    if user.is_superuser:
        return None
    s = standing_of(user)
    if s.staff_role != StaffMember.Role.ORG_ADMIN or s.staff_organisation_id is None:
        return -1  # matches nothing
    return s.staff_organisation_id


def setup_rows(queryset: QuerySet[Any], user: Any, *, path: str) -> QuerySet[Any]:
    """Rows of the set-up pages (lists and form choices) that `user` may see and pick:
    those whose `path` is their own organisation. Every row for a superuser."""
    organisation_id = setup_organisation_id(user)
    if organisation_id is None:
        return queryset
    return queryset.filter(**{path: organisation_id})


def setup_users(queryset: QuerySet[Any], user: Any, *, path: str) -> QuerySet[Any]:
    """Accounts an admin may link to a staff or council-worker record: those already in
    their organisation (at `path`), or those with no role anywhere yet. Linking someone
    else's account would hand it into this organisation."""
    organisation_id = setup_organisation_id(user)
    if organisation_id is None:
        return queryset
    no_role = Q(
        staff_member__isnull=True,
        council_worker__isnull=True,
        person__isnull=True,
        supporting__isnull=True,
        is_superuser=False,
    )
    return queryset.filter(Q(**{path: organisation_id}) | no_role).distinct()
