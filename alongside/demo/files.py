"""The large demo's CSV files, made up and the same every time: `seed_demo --scale large`
brings them in through the importer, and the import benchmark (bench/import) times them.

Services, staff, people we support and supporters, in the importer's own columns, so the
demo goes the way a real organisation's files go: check, then bring in."""

from __future__ import annotations

import random
from collections.abc import Sequence

from alongside.csv_files import csv_text
from alongside.imports.records import RECORD_FORMS

COUNTS = {"services": 1500, "staff": 12000, "people": 5000, "supporters": 3000}
# The order they are brought in: each file may name records from the files before it.
KINDS = ("services", "staff", "people", "supporters")
REGIONS = [
    "North East",
    "North West",
    "Yorkshire",
    "Midlands",
    "East",
    "London",
    "South East",
    "South West",
    "Wales",
    "Scotland",
]
SERVICE_WORDS = ["House", "Court", "Lodge", "View", "Place"]
FIRST_NAMES = ["Amir", "Bea", "Chloe", "Dev", "Ellis", "Farah", "Gus", "Hana", "Isaac", "Jade"]
LAST_NAMES = ["Khan", "Jones", "Smith", "Patel", "Evans", "Brown", "Taylor", "Wilson", "Ali"]
TOWNS = ["Leeds", "York", "Hull", "Bradford", "Wakefield", "Sheffield", "Durham", "Chester"]
RELATIONSHIPS = ["Friend", "Mum", "Dad", "Sister", "Brother", "Aunt"]


def demo_files(
    *,
    councils: Sequence[str],
    skills: Sequence[str],
    seed: int = 7,
    scale: float = 1.0,
    email_domain: str = "large.alongside.example",
) -> dict[str, bytes]:
    """The four files, keyed by kind, in KINDS order. `scale` shrinks every count (at least
    one row each). Staff: one service manager per service, then 10 quality leads and 5
    organisation admins, then support workers in one or two services each."""
    rng = random.Random(seed)  # noqa: S311 - made-up demo data
    n = {k: max(1, int(v * scale)) for k, v in COUNTS.items()}

    def name(i: int) -> str:
        return f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i // 10) % len(LAST_NAMES)]}"

    services = [
        [
            f"S-{i + 1:05}",
            f"{LAST_NAMES[i % len(LAST_NAMES)]} {rng.choice(SERVICE_WORDS)} {i + 1}",
            "Supported living",
            f"{i + 1} Elm Road",
            "",
            rng.choice(TOWNS),
            "LS1 4AB",
            REGIONS[i % len(REGIONS)],
        ]
        for i in range(n["services"])
    ]
    refs = [row[0] for row in services]
    staff = []
    for i in range(n["staff"]):
        if i < len(refs):
            role, its = "Service manager", [refs[i]]
        elif i < len(refs) + 10:
            role, its = "Quality lead", []
        elif i < len(refs) + 15:
            role, its = "Organisation admin", []
        else:
            role, its = "Support worker", sorted({refs[i % len(refs)], refs[(i * 7) % len(refs)]})
        staff.append(
            [
                f"P{i:06}",
                f"{name(i)} {i}",
                f"staff{i}@{email_domain}",
                role,
                "; ".join(its),
                rng.choice(skills) if skills and rng.random() < 0.5 else "",
                rng.choice(["16", "24", "30", "37.5"]),
                "48",
                "no",
                "no",
            ]
        )
    people = []
    for i in range(n["people"]):
        first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        people.append(
            [
                f"R-{i:06}",
                f"{first} {LAST_NAMES[rng.randrange(len(LAST_NAMES))]}",
                first,
                f"{rng.randint(1, 28):02}/{rng.randint(1, 12):02}/{rng.randint(1950, 2004)}",
                refs[i % len(refs)],
                councils[i % len(councils)],
                f"C{i}",
                "",
            ]
        )
    supporters = [
        [
            people[i % len(people)][0],
            f"{name(i + 3)} {i}",
            f"supporter{i}@{email_domain}",
            rng.choice(RELATIONSHIPS),
        ]
        for i in range(n["supporters"])
    ]
    rows = {"services": services, "staff": staff, "people": people, "supporters": supporters}
    return {kind: csv_text([RECORD_FORMS[kind].headers(), *rows[kind]]).encode() for kind in KINDS}
