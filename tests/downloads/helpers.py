"""Asking for a download and fetching it, as the person's browser does."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.test import Client
from django.urls import resolve, reverse


def ask(client: Client, person: Any) -> dict[str, Any]:
    """Press "Make my download"; the kwargs of the status page it sends you to."""
    asked = client.post(reverse("downloads:ask", args=[person.pk]))
    assert asked.status_code == 302, asked.status_code
    return dict(resolve(asked["Location"]).kwargs)


def fetch_download(client: Client, person: Any, kind: str) -> HttpResponse:
    """Ask for the download (made at once by the tests' immediate task backend), then fetch
    its `kind` ("pdf" or "json")."""
    response = client.get(reverse(f"downloads:{kind}", kwargs=ask(client, person)))
    assert response.status_code == 200, response.status_code
    return response  # type: ignore[return-value]
