"""Daily check-ins for everyone, for benchmarks: `manage.py generate_check_ins --days 730`.

Made-up data for measuring only. On PostgreSQL the rows are made by the database itself
(one INSERT ... SELECT per batch of people), elsewhere with bulk_create.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from alongside.everyday.models import CheckIn
from alongside.people.models import Person


class Command(BaseCommand):
    help = "Make daily check-ins for every person (benchmark data)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=730)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, days: int, seed: int, **options: Any) -> None:
        today = timezone.localdate()
        start = today - datetime.timedelta(days=days - 1)
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        table = CheckIn._meta.db_table
        made = 0
        for first in range(0, len(ids), 500):
            batch = ids[first : first + 500]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"""
                        INSERT INTO {table} (person_id, "on", feeling, helps, note,
                            with_support, alert_team, version, updated_at)
                        SELECT p, d::date, 1 + floor(random() * 5)::int, '[]'::jsonb, '',
                            random() < 0.3, false, 1, now()
                        FROM unnest(%s::int[]) AS p,
                            generate_series(%s::date, %s::date, interval '1 day') AS d
                        ON CONFLICT DO NOTHING
                        """,  # noqa: S608 - the table name is ours
                        [batch, start, today],
                    )
                    made += cursor.rowcount
            else:
                rng = random.Random(seed + first)  # noqa: S311 - made-up benchmark data
                rows = [
                    CheckIn(
                        person_id=pk,
                        on=start + datetime.timedelta(days=n),
                        feeling=rng.randint(1, 5),
                        with_support=rng.random() < 0.3,
                    )
                    for pk in batch
                    for n in range(days)
                ]
                made += len(
                    CheckIn.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
                )
            self.stdout.write(f"{made} check-ins so far")
        self.stdout.write(f"Made {made} check-ins for {len(ids)} people over {days} days.")
