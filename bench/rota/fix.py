"""'Fix this' on a published week after one new "rather not".

    .venv/bin/python bench/rota/fix.py [--size large] [--limit 2.0]

The published week is the size's team-first starting rota (complete, keeps every rule);
then the first session's person says "rather not" about its worker. Reported: places that
broke, places changed, what answered (the quick place-by-place mend, or CP-SAT over the
whole week's model), wall time; and, as the baseline in the same run, the same fix with the
quick mend switched off (the whole-week model, as before).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from alongside.rota import solver
from alongside.rota.checker import breaches_beyond_uncovered, check_rota
from alongside.rota.generator import generate_size
from alongside.rota.solver import repair_rota
from alongside.rota.start import starting_rota


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large")
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    problem = generate_size(args.size, seed=1)
    published = starting_rota(problem)
    first = problem.sessions[0]
    person, worker = first.people[0], published[first.id][0]
    old = problem.choices_of(person)
    choice = replace(old, not_wanted=old.not_wanted | {worker}, preferred=old.preferred - {worker})
    now = replace(problem, choices={**problem.choices, person: choice})
    broken = [b for b in check_rota(now, published) if b.worker_id]

    def report(label: str) -> float:
        fixed = repair_rota(now, published, time_limit_seconds=args.limit, deterministic_time=1.0)
        flagged = {u.session_id for u in fixed.uncovered}
        answered = {
            "mended": "the quick mend (only the broken places change)",
            "start": "the place-by-place mend after CP-SAT found nothing in time",
        }.get(fixed.status, f"CP-SAT ({fixed.status})")
        print(
            f"{args.size}, {label}: {len(broken)} places broken, {len(fixed.changes)} changed, "
            f"answered by {answered}, {fixed.wall_seconds:.2f} s wall, "
            f"{len(fixed.uncovered)} uncovered, "
            f"{len(breaches_beyond_uncovered(now, fixed.rota, flagged))} breaches after"
        )
        return fixed.wall_seconds

    quick = report("as built")
    solver._mend_if_fewest = lambda problem, rota: None
    whole = report("baseline, whole-week model")
    print(f"ratio: {whole / quick:.0f}x faster than the whole-week model")


if __name__ == "__main__":
    main()
