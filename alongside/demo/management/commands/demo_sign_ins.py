"""Print the demo sign-ins (demo settings only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.accounts.demo import DEMO_PASSWORD, demo_sign_ins
from alongside.demo.organisations import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print how to sign in as each demo role."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ALONGSIDE_DEMO:
            raise CommandError("Demo sign-ins exist only with the demo settings.")
        out = self.stdout.write
        out("")
        out("Alongside is starting at http://127.0.0.1:8000")
        out(
            "On the start page, press a 'Sign in as ...' button to be that person. Or sign in with:"
        )
        for role in demo_sign_ins():
            out(f"  {role.label:<26} {role.email:<36} password: {DEMO_PASSWORD}")
        out(f"Staff and council accounts also ask for a code: add the key {DEMO_TOTP_KEY}")
        out("(hex; base32 for apps: GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ) to an authenticator app.")
        out("")
