"""Every download link on every outcomes page, for every role that may open the page, is
followed the way a browser would: it must answer with the CSV of the table it sits under."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.conftest import move_to_day, sign_in
from tests.outcomes.test_charts import Sections
from tests.outcomes.worlds import outcomes_with_numbers
from tests.policy.answers import OK
from tests.policy.matrix_outcomes import EXPECTED
from tests.world import World, build_world

pytestmark = pytest.mark.django_db

PAGES = ["outcomes:service", "outcomes:provider", "outcomes:council"]
CASES = [
    (name, role)
    for name in PAGES
    for role, status in sorted(EXPECTED[name][1].items())
    if status == OK
]


@dataclass
class Section:
    """One <section> of the page: the figure it is about, its table's headings, its links."""

    key: str
    headings: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class PageLinks(HTMLParser):
    """Every <a> on the page, and for each figure's section its table headings and links."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str | None] = []
        self.sections: list[Section] = []
        self._section: Section | None = None
        self._in_head = False
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            self._section = Section(key=found.get("aria-labelledby") or "")
            self.sections.append(self._section)
        elif tag == "a":
            self.hrefs.append(found.get("href"))
            if self._section is not None and "download" in found:
                self._section.links.append(found.get("href") or "")
        elif tag == "thead":
            self._in_head = True
        elif tag == "th" and self._in_head:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._section = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "th" and self._heading is not None:
            if self._section is not None:
                self._section.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def _page_kwargs(name: str, w: World) -> dict[str, object]:
    return EXPECTED[name][0](w)


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.mark.parametrize(("name", "role"), CASES)
def test_following_every_link_on_every_outcomes_page_returns_the_csv_it_names(
    world: World, name: str, role: str
) -> None:
    client = sign_in(Client(), world.users[role])
    page = client.get(reverse(name, kwargs=_page_kwargs(name, world)))
    assert page.status_code == 200
    links = PageLinks()
    links.feed(page.content.decode())

    assert links.hrefs, "the page has links"
    assert all(href for href in links.hrefs), f"a link with no address: {links.hrefs}"
    figures = [s for s in links.sections if s.key]
    # The provider and council pages end with a table by service; a service's page does not.
    expected_keys = {"doing-what-matters", *(["by-service"] if name != "outcomes:service" else [])}
    assert expected_keys <= {s.key for s in figures}
    for section in figures:
        assert len(section.links) == 1, f"{section.key} has one download link"
        download = client.get(section.links[0])
        assert download.status_code == 200, section.links[0]
        assert download["Content-Type"].startswith("text/csv")
        disposition = download["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert disposition.endswith(f'-{section.key}.csv"')
        header = next(csv.reader(io.StringIO(download.content.decode())))
        assert header == section.headings


def test_a_csv_link_answers_under_the_same_rule_as_its_page(world: World) -> None:
    """A worker may not open the service's outcomes, so neither may they follow its links."""
    manager = sign_in(Client(), world.users["service_manager"])
    page = manager.get(reverse("outcomes:service", kwargs={"service_id": world.service.pk}))
    links = PageLinks()
    links.feed(page.content.decode())
    href = next(link for s in links.sections for link in s.links)

    worker = sign_in(Client(), world.users["worker_in_service"])
    assert worker.get(href).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_each_csv_has_every_row_of_the_table_it_sits_under(
    clock: time_machine.Traveller, name: str
) -> None:
    """With numbers to show (nothing hidden for a small group), each download holds the very
    rows of the table above its link: its heading row, then each row's label and cells."""
    move_to_day(clock, datetime.date(2026, 11, 30))
    _, client, url = next(page for page in outcomes_with_numbers().pages if page[0] == name)
    html = client.get(url).content.decode()
    tables = Sections()
    tables.feed(html)
    links = PageLinks()
    links.feed(html)

    followed = set()
    for section in (s for s in links.sections if s.key):
        (link,) = section.links
        rows = list(csv.reader(io.StringIO(client.get(link).content.decode())))
        # An empty table says so in one cell ("Nothing to count yet."): not a row of numbers.
        on_page = [[label, *cells] for label, cells in tables.rows[section.key] if cells]
        assert rows == on_page, section.key
        followed.add(section.key)
    assert {"doing-what-matters", "goals"} <= followed
    assert ("by-service" in followed) == (name != "outcomes:service")
