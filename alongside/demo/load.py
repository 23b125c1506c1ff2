"""Load the demo: the organisations and people first, then each domain's records on top.

Small: the organisations' loader, then rota, quality, everyday, reviews and outcomes, in one
transaction. Large (`--scale large`): the small demo, then the large provider through the
importer, then each domain's large loader. Outcomes come last: they recount what the others
made. Deterministic for a given seed and safe to run twice.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from alongside.organisations.models import Organisation, Service, StaffMember
from alongside.people.models import Person

from . import everyday, organisations, outcomes, quality, reviews, rota

# Each domain's loaders, in the order they have always run (the order of INSTALLED_APPS).
SMALL_LOADERS: list[Callable[[int], None]] = [
    rota.load_small,
    quality.load_small,
    everyday.load_small,
    reviews.load_small,
    outcomes.load_small,
]
LARGE_LOADERS: list[Callable[[int, Callable[[str], None]], None]] = [
    rota.load_large,
    quality.load_large,
    reviews.load_large,
    outcomes.load_large,
]


def load_demo(
    *, scale: str, seed: int, fraction: float = 1.0, log: Callable[[str], None] = print
) -> str:
    """Load the small demo, and the large one too when `scale` is "large" (its files shrunk
    to `fraction`). Returns a one-line summary of what is there."""
    with transaction.atomic():
        organisations.load_small(seed)
        for load_small in SMALL_LOADERS:
            load_small(seed)
    if scale == "large":
        organisations.load_large(seed, log, fraction=fraction)
        for load_large in LARGE_LOADERS:
            load_large(seed, log)
    return (
        f"Demo data ready: {Service.objects.count()} services, {Person.objects.count()} people, "
        f"{StaffMember.objects.count()} staff, "
        f"{Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).count()} councils"
    )
