"""The decision records and the architecture page stay in shape.

Every ADR has the four headings a reader looks for (Context, Decision, Alternatives,
Consequences), and every relative link in docs/architecture.md points at a file or folder
that exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ADRS = sorted((DOCS / "adr").glob("*.md"))

HEADINGS = {
    "Context": re.compile(r"^## Context\s*$", re.MULTILINE),
    "Decision": re.compile(r"^## Decision\s*$", re.MULTILINE),
    "Alternatives": re.compile(r"^## Alternatives( considered)?\s*$", re.MULTILINE),
    "Consequences": re.compile(r"^## Consequences\s*$", re.MULTILINE),
}

# [text](target): a Markdown link; the target up to an optional #anchor.
LINK = re.compile(r"\[[^\]]*\]\(([^)\s#]*)(#[^)\s]*)?\)")


def test_there_are_adrs() -> None:
    assert len(ADRS) > 10


@pytest.mark.parametrize("adr", ADRS, ids=lambda path: path.name)
def test_every_adr_has_the_four_headings(adr: Path) -> None:
    text = adr.read_text(encoding="utf-8")
    missing = [name for name, heading in HEADINGS.items() if not heading.search(text)]
    assert not missing, f"{adr.name} has no heading for: {', '.join(missing)}"


def relative_links(text: str) -> list[str]:
    targets = [match.group(1) for match in LINK.finditer(text)]
    return [
        target
        for target in targets
        if target and "://" not in target and not target.startswith("mailto:")
    ]


def test_the_link_finder_finds_relative_links_only() -> None:
    text = "[a](adr/) [b](../x.py#L1) [c](https://example.org) [d](#top)"
    assert relative_links(text) == ["adr/", "../x.py"]


def test_every_relative_link_in_the_architecture_page_exists() -> None:
    page = DOCS / "architecture.md"
    links = relative_links(page.read_text(encoding="utf-8"))
    assert links, "docs/architecture.md links to no files"
    missing = [target for target in links if not (page.parent / target).exists()]
    assert not missing, f"docs/architecture.md links to missing files: {missing}"
