"""Emails about accounts, sent by a worker (`manage.py db_worker`), never in a request.

Tasks are given ids only: a link's token is worked out here, so it is never stored in the
task queue. The email itself goes through `send_email` (tried again, failures shown to an
admin), which keeps its body only until it is sent."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from alongside.notifications.services import send_email

from .models import Invitation, User


def _organisation_name(user: User) -> str:
    from alongside.organisations.models import CouncilWorker, StaffMember

    staff = StaffMember.objects.filter(user=user).select_related("organisation").first()
    if staff is not None:
        return staff.organisation.name
    council = CouncilWorker.objects.filter(user=user).select_related("council").first()
    return council.council.name if council is not None else ""


@task()
def send_invitations(*, invitation_ids: list[int]) -> int:
    """Email each invitation that still works; returns how many were sent."""
    from .invitations import invitation_link

    sent = 0
    for invitation in Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "user", "invited_by"
    ):
        # Sent again (or the account ended) before the worker got here: say nothing.
        if not invitation.is_usable or not invitation.user.is_active:
            continue
        context = {
            "name": invitation.user.display_name,
            "link": invitation_link(invitation),
            "expires": timezone.localtime(invitation.expires_at),
            "invited_by": invitation.invited_by.display_name if invitation.invited_by else "",
            "organisation": _organisation_name(invitation.user),
            "two_factor": invitation.user.needs_two_factor,
        }
        template = "invitation_easy_read" if invitation.easy_read else "invitation"
        send_email(
            to=invitation.user.email,
            subject="You are invited to Alongside",
            body=render_to_string(f"accounts/email/{template}.txt", context),
            kind="invitation",
        )
        sent += 1
    return sent


@task()
def send_password_reset(*, user_id: int) -> bool:
    """Email a password reset link to an active account; the link is made here."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "name": user.display_name,
        "link": settings.SITE_URL + path,
        "minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
    }
    send_email(
        to=user.email,
        subject="Reset your Alongside password",
        body=render_to_string("accounts/email/password_reset.txt", context),
        kind="password_reset",
    )
    return True
