"""Name a council worker as a budget approver of their council (ADR 0041), or stop it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alongside.organisations.models import CouncilWorker
from alongside.reviews.models import BudgetApprover
from alongside.reviews.services import name_budget_approver


class Command(BaseCommand):
    help = "Name a council worker (by email) who approves personal budget rises."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--stop", action="store_true", help="They no longer approve.")

    def handle(self, *args: Any, email: str, stop: bool, **options: Any) -> None:
        worker = CouncilWorker.objects.filter(user__email__iexact=email).first()
        if worker is None:
            raise CommandError(f"No council worker signs in as {email}.")
        if stop:
            BudgetApprover.objects.filter(council_worker=worker).delete()
            self.stdout.write(f"{worker} no longer approves budget rises.")
            return
        name_budget_approver(council_worker=worker, named_by=None)
        self.stdout.write(f"{worker} now approves budget rises for {worker.council}.")
