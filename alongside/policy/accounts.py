"""Accounts: two-factor, the accounts an organisation admin looks after, integration clients."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from alongside.organisations.models import StaffMember
from alongside.policy.setup import setup_organisation_id
from alongside.policy.standing import is_org_admin, standing_of


@rules.predicate
def signs_in_with_two_factor(user: Any) -> bool:
    return bool(user.is_authenticated and user.needs_two_factor)


@rules.predicate
def resets_two_factor_of(user: Any, target: Any) -> bool:
    """A platform superuser resets anyone's; an organisation admin resets the two-factor of
    staff of their own organisation (never their own: that needs a code or another admin)."""
    if target is None or not user.is_authenticated or not user.is_active or target.pk == user.pk:
        return False
    # The same organisation the admin's set-up pages cover (None: a superuser, every one).
    own = setup_organisation_id(user)
    if own is None:
        return True
    if target.is_superuser:  # the platform team's accounts are reset by the platform team
        return False
    from alongside.organisations.models import CouncilWorker

    return (
        StaffMember.objects.filter(user=target, organisation_id=own).exists()
        or CouncilWorker.objects.filter(user=target, council_id=own).exists()
    )


# --- Accounts an organisation admin looks after: invitations, leavers ------------------


def _account_links(organisation_id: int) -> Q:
    """Accounts that belong to an organisation: its staff, its council workers, the people
    at its services and their supporters."""
    return (
        Q(staff_member__organisation_id=organisation_id)
        | Q(council_worker__council_id=organisation_id)
        | Q(person__service__organisation_id=organisation_id)
        | Q(supporting__person__service__organisation_id=organisation_id)
    )


def managed_accounts(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The accounts an organisation admin may invite, end or switch back on: their own
    organisation's, never their own and never a platform superuser's."""
    s = standing_of(user)
    if s.staff_role != StaffMember.Role.ORG_ADMIN or s.staff_organisation_id is None:
        return queryset.none()
    return (
        queryset.filter(_account_links(s.staff_organisation_id))
        .exclude(pk=user.pk)
        .exclude(is_superuser=True)
        .distinct()
    )


@rules.predicate
def manages_account_of(user: Any, target: Any) -> bool:
    if target is None or not user.is_authenticated:
        return False
    return managed_accounts(get_user_model().objects.filter(pk=target.pk), user).exists()


@rules.predicate
def account_may_be_ended(user: Any, target: Any) -> bool:
    """Staff, council workers and supporters are ended by their admin; a person we support
    only ever leaves their own account through their service (not from this page)."""
    return target is not None and not hasattr(target, "person")


rules.add_perm("accounts.invite_people", is_org_admin)
rules.add_perm("accounts.invite", is_org_admin & manages_account_of)
rules.add_perm("accounts.end_account", is_org_admin & manages_account_of & account_may_be_ended)
rules.add_perm("accounts.manage_two_factor", signs_in_with_two_factor)
rules.add_perm("accounts.reset_two_factor", resets_two_factor_of)
rules.add_perm("api.use", rules.is_authenticated)
# Integration clients (tokens) are made and revoked by an organisation admin, for their own
# organisation's staff (ADR 0062).
rules.add_perm("api.manage_clients", is_org_admin)
rules.add_perm("web.public", rules.always_allow)
