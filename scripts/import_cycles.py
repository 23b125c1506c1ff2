"""Counts import cycles between Alongside's apps (imports for type hints only left out).

Usage: .venv/bin/python scripts/import_cycles.py
Prints each pair of apps that import each other (directly or through others) and a total.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import grimp

ROOT = "alongside"


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    graph = grimp.build_graph(
        ROOT, include_external_packages=False, exclude_type_checking_imports=True
    )
    apps = sorted(
        m for m in graph.find_children(ROOT) if graph.find_children(m) or m.endswith("policy")
    )
    pairs = []
    for a, b in itertools.combinations(apps, 2):
        ab = graph.chain_exists(importer=a, imported=b, as_packages=True)
        ba = graph.chain_exists(importer=b, imported=a, as_packages=True)
        if ab and ba:
            pairs.append((a, b))
    direct = []
    for a, b in itertools.combinations(apps, 2):
        ab = graph.direct_import_exists(importer=a, imported=b, as_packages=True)
        ba = graph.direct_import_exists(importer=b, imported=a, as_packages=True)
        if ab and ba:
            direct.append((a, b))
    for a, b in direct:
        print(f"direct cycle: {a.split('.')[-1]} <-> {b.split('.')[-1]}")
    print(f"app pairs importing each other directly: {len(direct)}")
    print(f"app pairs importing each other through any chain: {len(pairs)}")
    return 1 if direct else 0


if __name__ == "__main__":
    raise SystemExit(main())
