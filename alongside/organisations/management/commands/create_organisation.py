"""Start a provider or council from an empty database: the way a real organisation begins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.accounts.services import AccountRefused
from alongside.organisations.setup import create_organisation


class Command(BaseCommand):
    help = (
        "Make an organisation (a support provider or a council) and its first organisation "
        "admin, who is emailed an invitation to set a password and an authenticator app. "
        "Nothing is changed if the name or the email address is already used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the organisation's name")
        parser.add_argument(
            "--kind", required=True, choices=["provider", "council"], help="provider or council"
        )
        parser.add_argument("--admin-email", required=True, help="the first admin's email")
        parser.add_argument("--admin-name", required=True, help="the first admin's name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            admin = create_organisation(
                name=options["name"],
                kind=options["kind"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
            )
        except AccountRefused as refused:
            raise CommandError(f"{refused}. Nothing was changed.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {options['name']} and its organisation admin {admin.display_name}. "
                f"An invitation is on its way to {admin.email} (the link works for "
                f"{settings.INVITATION_LIFETIME.days} days)."
            )
        )
