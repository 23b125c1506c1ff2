"""Sending as the person does: the form first, then "Send" on "Check your answers"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def send_budget_change(client: Any, person: Any, data: dict[str, Any]) -> Any:
    """Fill in "Change how I use my budget", then press "Send" on the check page. Returns
    the form's answer if it had a problem, else the answer to "Send"."""
    answer = client.post(reverse("reviews:budget-change", args=[person.pk]), data)
    if answer.status_code != 302 or answer["Location"] != reverse(
        "reviews:budget-change-check", args=[person.pk]
    ):
        return answer
    return client.post(reverse("reviews:budget-change-check", args=[person.pk]))


def share_preparation(client: Any, person: Any, data: dict[str, Any]) -> Any:
    """Fill in "Get ready for my review" with "ready to share" ticked, then press "Send"."""
    answer = client.post(reverse("reviews:prepare", args=[person.pk]), data)
    if answer.status_code != 302 or answer["Location"] != reverse(
        "reviews:prepare-check", args=[person.pk]
    ):
        return answer
    return client.post(reverse("reviews:prepare-check", args=[person.pk]))
