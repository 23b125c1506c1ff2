"""Kept downloads (alongside.downloads)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from alongside.policy.people import visible_parts

if TYPE_CHECKING:
    from alongside.people.models import Person


# --- Kept downloads (alongside.downloads) ---------------------------------------------
# A download is made for the one who asked, holding what they could see then. It is handed
# out only to them, only while "people.download" still lets them, only for 7 days, and only
# while what they may see is unchanged: turning sharing off since then refuses it.


def download_sees(user: Any, person: Person) -> list[str]:
    """What a download made for `user` now would hold: the parts they may see, and "who
    looked" if they may see it. Kept with each download, compared again when it is fetched."""
    seen = visible_parts(user, person)
    if user.has_perm("people.see_who_looked", person):
        seen.add("who_looked")
    return sorted(seen)


def kept_download_refusal(user: Any, kept: Any, *, now: Any) -> str:
    """Why a kept download may not be handed out to `user` now, in plain words; "" if it may."""
    if kept.expires_at <= now:
        return (
            "We keep a download for 7 days. This one has been deleted. You can ask for a new one."
        )
    if kept.status != "ready":
        return "This download is not ready yet."
    if list(kept.could_see) != download_sees(user, kept.person):
        return (
            "What you may see has changed since this download was made, so we do not give it "
            "out any more. You can ask for a new one."
        )
    return ""


@rules.predicate
def asked_for_this_download(user: Any, kept: Any) -> bool:
    return kept is not None and user.is_authenticated and kept.asked_by_id == user.pk


@rules.predicate
def may_still_download_the_person(user: Any, kept: Any) -> bool:
    return kept is not None and user.has_perm("people.download", kept.person)


@rules.predicate
def kept_download_may_be_handed_out(user: Any, kept: Any) -> bool:
    from django.utils import timezone

    return kept is not None and not kept_download_refusal(user, kept, now=timezone.now())


rules.add_perm("downloads.see", asked_for_this_download & may_still_download_the_person)
rules.add_perm(
    "downloads.fetch",
    asked_for_this_download & may_still_download_the_person & kept_download_may_be_handed_out,
)
