"""An admin's reset of someone's two-factor sign-in, when phone and recovery codes are lost."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.accounts.models import User
from alongside.accounts.services import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove someone's authenticator and recovery codes and sign them out everywhere, "
        "so they set up a new authenticator at their next sign-in. Check who they are first. "
        "The reset is recorded with the admin named by --by, as declared by whoever runs the "
        "command (the server's own logs say who that was)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="whose two-factor sign-in to reset")
        parser.add_argument(
            "--by", required=True, help="the email address of the admin doing the reset"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"].lower()).first()
        if user is None:
            raise CommandError(f"There is no account with the email address {options['email']}.")
        admin = User.objects.filter(email=options["by"].lower()).first()
        if admin is None:
            raise CommandError(f"There is no account with the email address {options['by']}.")
        if not admin.has_perm("accounts.reset_two_factor", user):
            raise CommandError(
                f"{options['by']} may not reset this account's two-factor sign-in: only a "
                "platform superuser, or an admin of the same organisation, may (never their own)."
            )
        reset_two_factor(user=user, reset_by=admin)
        self.stdout.write(
            f"Two-factor sign-in is reset for {user.email}. They set up a new authenticator "
            "when they next sign in."
        )
