"""A link that looks like a button says it is one and works on Space, as a button does:
GOV.UK Frontend's button script does this for `role="button"` with `data-module`."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "alongside" / "templates"
LINK_AS_BUTTON = re.compile(r'<a\b[^>]*\bclass="[^"]*\bgovuk-button\b[^"]*"[^>]*>')


def test_every_link_styled_as_a_button_has_the_button_role_and_script() -> None:
    found = {
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in TEMPLATES.rglob("*.html")
        for tag in LINK_AS_BUTTON.findall(path.read_text())
        if 'role="button"' not in tag or 'data-module="govuk-button"' not in tag
    }
    assert not found, "\n".join(sorted(found))


def test_the_check_finds_a_link_without_the_button_role() -> None:
    assert LINK_AS_BUTTON.findall('<a class="govuk-button govuk-button--secondary" href="/x">')
