from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from alongside.downloads.services import expire_old_downloads
from alongside.words import counted


class Command(BaseCommand):
    help = "Delete people's downloads kept for 7 days or more (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = expire_old_downloads()
        self.stdout.write(f"Deleted {counted(deleted, 'old download', 'old downloads')}.")
