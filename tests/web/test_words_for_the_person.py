"""Pages the person sees speak to them as "you", in plain words, never about them.

Which pages are the person's: every page of the permission matrix the person may open (200),
rendered as the person sees it, easy read off and on, with a lived-in record (a plan, a
review, a budget, check-ins, a meeting).
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from tests.browser.pages import lived_in, matrix_pages
from tests.conftest import sign_in
from tests.world import build_world

pytestmark = pytest.mark.django_db

# Words about the person, or from the care system, that the person should not read.
NOT_FOR_THE_PERSON = ["the person", "their record", "service user", "client", "case"]


def _words_seen(html: str) -> str:
    """The text of a page as read: no scripts, styles or tags; the title and alt text kept."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    alts = " ".join(re.findall(r'\balt="([^"]*)"', html))
    text = re.sub(r"(?s)<[^>]+>", " ", html)
    return unescape(f"{text} {alts}")


def test_no_page_the_person_sees_talks_about_the_person_or_uses_care_words() -> None:
    world = build_world()
    paths = matrix_pages(world)["person"]
    lived_in(world)
    user = world.users["person"]
    client = sign_in(Client(), user)
    found = []
    for easy_read in (False, True):
        user.easy_read = easy_read
        user.save(update_fields=["easy_read"])
        for path in paths:
            response = client.get(path)
            if response.status_code != 200 or "html" not in response["Content-Type"]:
                continue
            words = _words_seen(response.content.decode())
            for phrase in NOT_FOR_THE_PERSON:
                for match in re.finditer(rf"\b{phrase}\b", words, re.IGNORECASE):
                    around = " ".join(words[match.start() - 40 : match.end() + 40].split())
                    found.append(f"{path}: “{around}”")
    assert paths, "the person can open no page"
    assert not found, "\n".join(sorted(set(found)))


def test_the_words_check_finds_a_sentence_about_the_person() -> None:
    words = _words_seen("<p>Write this with <b>the person</b>, in their words.</p>")
    assert re.search(r"\bthe person\b", words, re.IGNORECASE)
    assert not re.search(r"\bcase\b", _words_seen('<p class="case">Staircase</p>'))
