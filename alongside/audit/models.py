"""Who looked at and who changed a person's record, and security events.

Views are logged explicitly (no library records reads). Changes are recorded by the
services that make them, beside the versions django-simple-history keeps.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RecordView(models.Model):
    """Someone opened a page showing part of a person's record."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page = models.CharField(max_length=100)
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["person", "-viewed_at"])]

    def __str__(self) -> str:
        return f"{self.viewer} looked at {self.page}"


class RecordChange(models.Model):
    """Someone changed a person's record. `summary` is plain words for the person."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]
        indexes = [models.Index(fields=["person", "-changed_at"])]

    def __str__(self) -> str:
        return self.summary


class SecurityEvent(models.Model):
    """Sign-ins, failed sign-ins and refused accesses. No names or email addresses here."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
        SIGNED_OUT = "signed_out", "Signed out"
        SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
        SIGN_IN_LINK_USED = "sign_in_link_used", "Used a sign-in link"
        SIGN_IN_LINK_REFUSED = "sign_in_link_refused", "Sign-in link refused"
        TWO_FACTOR_FAILED = "two_factor_failed", "Two-factor code refused"
        TWO_FACTOR_SET_UP = "two_factor_set_up", "Two-factor sign-in set up"
        TWO_FACTOR_REPLACED = "two_factor_replaced", "Two-factor sign-in moved to a new phone"
        TWO_FACTOR_RESET = "two_factor_reset", "Two-factor sign-in reset by an admin"
        RECOVERY_CODE_USED = "recovery_code_used", "Signed in with a recovery code"
        RECOVERY_CODES_MADE = "recovery_codes_made", "New recovery codes made"
        ACCESS_REFUSED = "access_refused", "Access refused"
        INVITATION_SENT = "invitation_sent", "Invitation sent"
        INVITATION_RESENT = "invitation_resent", "Invitation sent again, ending the old link"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted, password set"
        INVITATION_REFUSED = (
            "invitation_refused",
            "Invitation link refused (expired, used or unknown)",
        )
        PASSWORD_RESET_ASKED = "password_reset_asked", "Password reset asked for"
        PASSWORD_RESET_DONE = "password_reset_done", "Password reset done"
        ACCOUNT_ENDED = "account_ended", "Account ended by an admin"
        ACCOUNT_REACTIVATED = "account_reactivated", "Account switched back on by an admin"

    kind = models.CharField(max_length=40, choices=Kind.choices)
    user_id_at_time = models.BigIntegerField(null=True, blank=True)
    # Who did it, when it was done to someone else (an admin resetting two-factor).
    done_by_id_at_time = models.BigIntegerField(null=True, blank=True)
    path_name = models.CharField(max_length=120, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return self.get_kind_display()
