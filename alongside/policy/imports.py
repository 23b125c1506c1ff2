"""imports: bringing in records from a file."""

from __future__ import annotations

from typing import Any

import rules

from alongside.organisations.models import StaffMember
from alongside.policy.standing import is_org_admin, standing_of

# --- Bringing in records from a file (imports) -----------------------------------------
# An organisation admin brings in their own organisation's records. A checked file is
# theirs alone: another admin, or another organisation, cannot see or bring it in.


@rules.predicate
def checked_the_file(user: Any, run: Any) -> bool:
    s = standing_of(user)
    return (
        s.staff_role == StaffMember.Role.ORG_ADMIN
        and run.organisation_id == s.staff_organisation_id
        and run.started_by_id == user.pk
    )


rules.add_perm("imports.bring_in_records", is_org_admin)
rules.add_perm("imports.use_checked_file", checked_the_file)
