"""manage.py import_records: check only, or bring in, with a progress bar."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from alongside.imports.models import ImportRun
from alongside.organisations.models import Service

from .helpers import SERVICE_HEADINGS, csv_bytes, service_row


def _file(tmp_path: Path, rows: list[list[str]]) -> str:
    path = tmp_path / "services.csv"
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_the_command_checks_without_bringing_in(provider: Any, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "import_records",
        _file(tmp_path, [SERVICE_HEADINGS, service_row("S-1")]),
        organisation=provider.name,
        kind="services",
        check=True,
        stdout=out,
    )
    assert "Checked 1 rows: 1 to add, 0 to change, 0 as they are." in out.getvalue()
    assert "100%" in out.getvalue()
    assert Service.objects.count() == 0


def test_the_command_brings_in_and_keeps_the_run(provider: Any, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "import_records",
        _file(tmp_path, [SERVICE_HEADINGS, service_row("S-1"), service_row("S-2")]),
        organisation=provider.name,
        kind="services",
        stdout=out,
    )
    assert "Brought in: 2 added, 0 changed, 0 as they were." in out.getvalue()
    assert sorted(Service.objects.values_list("reference", flat=True)) == ["S-1", "S-2"]
    assert ImportRun.objects.get().status == "done"


def test_the_command_lists_the_problems_and_brings_in_nothing(
    provider: Any, tmp_path: Path
) -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="1 problems: nothing was brought in"):
        call_command(
            "import_records",
            _file(tmp_path, [SERVICE_HEADINGS, service_row("S-1", postcode="x")]),
            organisation=provider.name,
            kind="services",
            stdout=StringIO(),
            stderr=err,
        )
    assert "Row 2, postcode: 'X' is not a UK postcode" in err.getvalue()
    assert Service.objects.count() == 0
