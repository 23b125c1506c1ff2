"""notifications: email sent in the background."""

from __future__ import annotations

import rules

from alongside.policy.standing import is_org_admin

# --- notifications: email sent in the background -------------------------------------------

# An admin sees the emails to their organisation's staff and people that could not be sent.
rules.add_perm("notifications.see_failed_emails", is_org_admin)
