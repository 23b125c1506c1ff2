"""The check report's sentence about what was not good, for 0, 1 and many."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.quality.models import Face
from tests.factories import ChecklistFactory, QualityCheckerFactory, QualityCheckFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("faces", "words"),
    [
        (
            [Face.GOOD, Face.OK, Face.GOOD],
            "Everything was good. The manager has nothing to answer.",
        ),
        ([Face.GOOD, Face.NOT_GOOD, Face.OK], "1 thing was not good. The manager must answer it."),
        ([Face.NOT_GOOD] * 3, "3 things were not good. The manager must answer them."),
    ],
)
def test_the_easy_read_report_counts_what_was_not_good_in_plain_words(
    signed_in_client: Any, faces: list[str], words: str
) -> None:
    check = QualityCheckFactory(checker=QualityCheckerFactory(), checklist=ChecklistFactory())
    client = signed_in_client(check.checker.person.user)
    data: dict[str, Any] = {"done_on": timezone.localdate().isoformat(), "summary": ""}
    for statement, face in zip(check.checklist.statements.order_by("pk"), faces, strict=True):
        data[f"face_{statement.pk}"] = face
        data[f"comment_{statement.pk}"] = "Seen on the day"
    assert client.post(reverse("quality:do-check", args=[check.pk]), data).status_code == 302
    report = client.get(reverse("quality:check", args=[check.pk])).content.decode()
    assert words in report
    assert "0 thing" not in report
