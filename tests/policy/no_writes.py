"""A check that a request writes nothing to the database (a GET must not), apart from the
audit log's own view records and the session."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

# The audit log's own records: each view of a person's record (that is the point of a read)
# and each refused request (a security event); and the session store (its expiry moves on).
ALLOWED_TABLES = {"audit_recordview", "audit_securityevent", "django_session"}
WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE
)


def _table_written(sql: str) -> str | None:
    found = WRITE.match(sql)
    return found.group(1).lower() if found else None


@contextmanager
def writes_recorded() -> Iterator[list[str]]:
    """Collects the SQL of every INSERT, UPDATE and DELETE run inside, but for the allowed
    tables."""
    writes: list[str] = []

    def watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        table = _table_written(sql)
        if table is not None and table not in ALLOWED_TABLES:
            writes.append(sql[:160])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield writes
