"""The outcomes CSVs are safe to open in a spreadsheet: no cell can start a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in

from .test_pages import HandWorld

pytestmark = pytest.mark.django_db


def test_a_service_named_like_a_formula_is_written_as_text_in_the_outcomes_csv() -> None:
    w = HandWorld()
    w.service.name = '=HYPERLINK("http://evil.example","Click")'
    w.service.save()
    client = sign_in(Client(), w.lead.user)
    download = client.get(reverse("outcomes:provider-csv", args=["by-service"]))
    cells = [c for row in csv.reader(io.StringIO(download.content.decode())) for c in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"Click\")" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
