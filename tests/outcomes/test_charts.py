"""The outcome charts (alongside/outcomes/charts.py), read back from their SVG: one bar for
each row of the table, as long as its share, with the same words and number as the table;
nothing drawn for an empty or hidden figure; and on the pages, each chart matches the table
beside it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # only ever our own SVG, never outside input
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from alongside.outcomes import charts
from alongside.outcomes.selectors import WHOLE_PERIOD, Figure, protect_small_groups
from alongside.reviews.models import DoingWhatMatters
from tests.conftest import sign_in
from tests.factories import (
    FinishedReviewFactory,
    PersonFactory,
    ProviderFactory,
    ServiceFactory,
    StaffMemberFactory,
)


@dataclass
class DrawnBar:
    label: str
    words: str  # the share as written on the chart
    width: str | None  # the bar's width ("42%"), None when no bar is drawn
    bold: bool


@dataclass
class Drawn:
    title: str
    description: str
    labelled_by: str
    role: str
    bars: list[DrawnBar]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own SVG, made by the code under test)


def read_chart(svg: str) -> Drawn:
    """The chart as a person would read it: its title, description and each bar."""
    root = _parse(svg)
    assert root.tag == "svg"
    bars = []
    for row in root.iter("g"):
        labels = [t for t in row.iter("text") if "__label" in t.get("class", "")]
        (value,) = [t for t in row.iter("text") if "__value" in t.get("class", "")]
        drawn = [r for r in row.iter("rect") if "__bar" in r.get("class", "")]
        bars.append(
            DrawnBar(
                label=" ".join(t.text or "" for t in labels),
                words=value.text or "",
                width=drawn[0].get("width") if drawn else None,
                bold=labels[0].get("font-weight") == "bold",
            )
        )
    return Drawn(
        title=root.findtext("title") or "",
        description=root.findtext("desc") or "",
        labelled_by=root.get("aria-labelledby") or "",
        role=root.get("role") or "",
        bars=bars,
    )


def _figure(rows: list[tuple[str, list[object]]], **kwargs: object) -> Figure:
    defaults: dict[str, object] = {
        "key": "goals",
        "title": "Goals that moved on",
        "what": "",
        "first_column": "Quarter the goal was set",
        "columns": ["Goals set", "Share that moved on"],
        "rows": rows,
        "chart_title": "Share of goals getting there or done",
    }
    defaults.update(kwargs)
    return Figure(**defaults)  # type: ignore[arg-type]


ROWS: list[tuple[str, list[object]]] = [
    ("2026 Q1", [5, "40%"]),
    ("2026 Q2", [0, "No data yet"]),
    ("2026 Q3", [2, "100%"]),
    ("2026 Q4", [3, "0%"]),
    (WHOLE_PERIOD, [10, "50%"]),
]


class TestTheBarsMatchTheFigures:
    def test_each_row_of_the_table_is_one_bar_with_its_label_share_and_length(self) -> None:
        drawn = read_chart(charts.figure_chart(_figure(ROWS), whole_label=WHOLE_PERIOD))

        assert [(b.label, b.words, b.width) for b in drawn.bars] == [
            ("2026 Q1", "40%", "40%"),
            ("2026 Q2", "No data yet", None),
            ("2026 Q3", "100%", "100%"),
            ("2026 Q4", "0%", "0%"),
            (WHOLE_PERIOD, "50%", "50%"),
        ]

    def test_the_whole_year_is_set_apart_in_bold(self) -> None:
        drawn = read_chart(charts.figure_chart(_figure(ROWS), whole_label=WHOLE_PERIOD))
        assert [b.bold for b in drawn.bars] == [False, False, False, False, True]

    def test_the_chart_is_an_image_named_by_its_title_and_description(self) -> None:
        svg = charts.figure_chart(_figure(ROWS), whole_label=WHOLE_PERIOD)
        drawn = read_chart(svg)
        assert drawn.role == "img"
        assert drawn.labelled_by == "chart-goals-title chart-goals-desc"
        assert 'id="chart-goals-title"' in svg and 'id="chart-goals-desc"' in svg
        assert drawn.title == "Share of goals getting there or done"
        assert drawn.description == (
            "5 bars, one for each row of the table: the share that moved on, out of 100%. "
            "Highest 100% (2026 Q3), lowest 0% (2026 Q4). Last 12 months: 50%. "
            "1 quarter with no share to show. The table below has every number."
        )

    def test_a_long_label_is_wrapped_on_short_lines_and_keeps_every_word(self) -> None:
        label = (
            "I can live the life I want and do the things that are important to me as "
            "independently as possible. (Wellbeing and independence)"
        )
        svg = charts.figure_chart(
            _figure([(label, [1, "100%"])], key="quality-statements", first_column="I statement")
        )
        root = _parse(svg)
        lines = [t.text or "" for t in root.iter("text") if "__label" in t.get("class", "")]
        assert len(lines) > 1
        assert all(len(line) <= charts.WRAP for line in lines)
        assert " ".join(lines) == label

    def test_words_in_labels_are_escaped_not_read_as_markup(self) -> None:
        drawn = read_chart(charts.figure_chart(_figure([("<b>Q1 & Q2</b>", [1, "20%"])])))
        assert drawn.bars[0].label == "<b>Q1 & Q2</b>"

    def test_a_share_is_never_drawn_longer_than_the_whole(self) -> None:
        assert charts.share_of("140%") == 100
        assert charts.share_of("No data yet") is None
        assert charts.share_of("–") is None
        assert charts.share_of(7) is None


class TestEmptyAndSingle:
    def test_a_figure_with_no_rows_has_no_chart(self) -> None:
        assert charts.figure_chart(_figure([])) == ""

    def test_a_figure_with_nothing_to_count_has_no_chart(self) -> None:
        rows: list[tuple[str, list[object]]] = [
            ("2026 Q1", [0, "No data yet"]),
            (WHOLE_PERIOD, [0, "No data yet"]),
        ]
        assert charts.figure_chart(_figure(rows), whole_label=WHOLE_PERIOD) == ""

    def test_a_single_value_is_one_bar_described_on_its_own(self) -> None:
        drawn = read_chart(charts.figure_chart(_figure([("2026 Q4", [1, "75%"])])))
        assert [(b.label, b.words, b.width) for b in drawn.bars] == [("2026 Q4", "75%", "75%")]
        assert drawn.description == (
            "1 bar, one for each row of the table: the share that moved on, out of 100%. "
            "Each quarter shown is 75%. The table below has every number."
        )

    def test_many_rows_with_no_share_are_counted_in_the_description(self) -> None:
        rows: list[tuple[str, list[object]]] = [
            ("January 2026", [0, "No data yet"]),
            ("February 2026", [0, "No data yet"]),
            ("March 2026", [4, "25%"]),
        ]
        drawn = read_chart(charts.figure_chart(_figure(rows, first_column="Month")))
        assert "2 months with no share to show." in drawn.description
        assert "Each month shown is 25%." in drawn.description

    def test_a_chart_with_a_share_in_every_row_says_nothing_about_missing_ones(self) -> None:
        drawn = read_chart(charts.figure_chart(_figure(ROWS[:1] + ROWS[2:3])))
        assert "no share to show" not in drawn.description


class TestSmallGroupsAreHidden:
    def test_a_figure_about_fewer_than_five_people_has_no_chart(self) -> None:
        figure = _figure(ROWS)
        protect_small_groups([figure], per_service={1: 4})
        assert figure.hidden
        assert charts.figure_chart(figure, whole_label=WHOLE_PERIOD) == ""

    def test_the_fifth_person_makes_the_chart_appear(self) -> None:
        figure = _figure(ROWS)
        protect_small_groups([figure], per_service={1: 5})
        assert read_chart(charts.figure_chart(figure, whole_label=WHOLE_PERIOD)).bars


# --- On the pages: each chart matches the table beside it ---------------------------------


class Sections(HTMLParser):
    """For each figure's section: its SVG (as text) and its table's rows (header, cells)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[tuple[str, list[str]]]] = {}
        self._key = ""
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            self._key = found.get("aria-labelledby") or ""
            self.rows[self._key] = []
        elif tag == "tr" and self._key:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows[self._key].append((self._row[0], self._row[1:]))
            self._row = None
        elif tag == "section":
            self._key = ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _charts_on(html: str) -> dict[str, str]:
    found = {}
    for key, body in re.findall(
        r'<section[^>]*aria-labelledby="([^"]+)"[^>]*>(.*?)</section>', html, re.S
    ):
        svg = re.search(r"<svg .*?</svg>", body, re.S)
        if svg:
            found[key] = svg.group(0)
    return found


@pytest.mark.django_db
class TestOnThePages:
    def _service_with_answers(self) -> tuple[Client, str]:
        provider = ProviderFactory()
        service = ServiceFactory(organisation=provider)
        answers = [DoingWhatMatters.YES] * 3 + [DoingWhatMatters.PARTLY, DoingWhatMatters.NOT_YET]
        for answer in answers:
            FinishedReviewFactory(person=PersonFactory(service=service), doing_what_matters=answer)
        manager = StaffMemberFactory(
            organisation=provider, role="service_manager", services=[service]
        )
        client = sign_in(Client(), manager.user)
        return client, reverse("outcomes:service", args=[service.pk])

    def test_each_chart_on_the_service_page_has_the_words_and_numbers_of_its_table(
        self,
    ) -> None:
        client, url = self._service_with_answers()
        html = client.get(url).content.decode()
        parser = Sections()
        parser.feed(html)
        drawn = _charts_on(html)
        assert "doing-what-matters" in drawn
        for key, svg in drawn.items():
            table = [(label, cells[-1]) for label, cells in parser.rows[key][1:]]  # no heading
            assert [(b.label, b.words) for b in read_chart(svg).bars] == table, key
        doing = read_chart(drawn["doing-what-matters"])
        assert (doing.bars[-1].label, doing.bars[-1].words) == (WHOLE_PERIOD, "60%")
        assert doing.bars[-1].width == "60%"

    def test_every_figure_without_a_chart_says_why(self) -> None:
        client, url = self._service_with_answers()
        html = client.get(url).content.decode()
        sections = re.findall(
            r'<section[^>]*aria-labelledby="([^"]+)"[^>]*>(.*?)</section>', html, re.S
        )
        for key, body in sections:
            if key == "by-service":
                continue
            assert "<svg" in body or "There is no chart yet: nothing to count." in body, key

    def test_a_service_of_four_people_shows_no_chart_about_them(self) -> None:
        provider = ProviderFactory()
        service = ServiceFactory(organisation=provider)
        for _ in range(4):
            FinishedReviewFactory(person=PersonFactory(service=service))
        manager = StaffMemberFactory(
            organisation=provider, role="service_manager", services=[service]
        )
        html = (
            sign_in(Client(), manager.user)
            .get(reverse("outcomes:service", args=[service.pk]))
            .content.decode()
        )
        assert "doing-what-matters" not in _charts_on(html)
        assert "100%" not in html.split('id="doing-what-matters"')[1].split("</section>")[0]
