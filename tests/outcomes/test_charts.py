"""The outcome charts (alongside/outcomes/charts.py), read back from their SVG: one bar for
each row of the table, as long as its share, with the same words and number as the table;
nothing drawn for an empty or hidden figure; and on the pages, each chart matches the table
beside it."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET  # only ever our own SVG, never outside input
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from alongside.organisations.models import Service
from alongside.outcomes import charts
from alongside.outcomes.selectors import (
    FEWER,
    NO_DATA,
    WHOLE_PERIOD,
    Figure,
    by_service_figure,
    compare_services,
    protect_small_groups,
)
from alongside.reviews.models import DoingWhatMatters, GoalProgress
from tests.conftest import move_to_day, sign_in
from tests.factories import (
    FinishedReviewFactory,
    GoalFactory,
    PersonFactory,
    ProviderFactory,
    ServiceFactory,
    StaffMemberFactory,
)
from tests.outcomes.worlds import outcomes_with_numbers


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


def _width_for(cell: str) -> str | None:
    """How long the bar for a table cell must be: its share, or no bar for words."""
    share = charts.share_of(cell)
    return None if share is None else f"{share}%"


def _compared_title(html: str) -> str:
    """The figure the by service chart compares, as the page names it."""
    found = re.search(r"<strong>([^<]+)</strong> \(in the chart below\)", html)
    assert found is not None, "the page says which figure the by service chart compares"
    return unescape(found.group(1))


def _assert_every_chart_matches_its_table(html: str) -> set[str]:
    """Every chart on the page: each bar's label, words and length are those of the table
    cell it stands for. Returns the keys of the sections with a chart."""
    parser = Sections()
    parser.feed(html)
    drawn = _charts_on(html)
    for key, svg in drawn.items():
        (_, headings), *rows = parser.rows[key]
        if key == "by-service":
            column = headings.index(_compared_title(html))
            table = [(name, cells[column]) for name, cells in rows]
        else:
            table = [(label, cells[-1]) for label, cells in rows]
        chart = read_chart(svg)
        assert [(b.label, b.words) for b in chart.bars] == table, key
        assert [b.width for b in chart.bars] == [_width_for(cell) for _, cell in table], key
        # What a screen reader hears names the table's highest and lowest rows.
        said = re.search(r"Highest (\S+) \((.+?)\), lowest (\S+) \((.+?)\)\.", chart.description)
        shares = {
            label: charts.share_of(cell)
            for label, cell in table
            if label != WHOLE_PERIOD and charts.share_of(cell) is not None
        }
        if said:
            high, high_label, low, low_label = said.groups()
            assert (table_cell(table, high_label), table_cell(table, low_label)) == (high, low)
            assert charts.share_of(high) == max(shares.values()), key
            assert charts.share_of(low) == min(shares.values()), key
        else:
            assert len(set(shares.values())) == 1, f"{key}: the description names no range"
    return set(drawn)


def table_cell(table: list[tuple[str, str]], label: str) -> str:
    return dict(table)[label]


@pytest.mark.django_db
class TestEveryChartOnEveryOutcomesPageMatchesItsTable:
    @pytest.mark.parametrize("name", ["outcomes:service", "outcomes:provider", "outcomes:council"])
    def test_each_bar_has_the_words_numbers_and_length_of_the_table_cell_it_stands_for(
        self, clock: time_machine.Traveller, name: str
    ) -> None:
        move_to_day(clock, datetime.date(2026, 11, 30))
        world = outcomes_with_numbers()
        _, client, url = next(page for page in world.pages if page[0] == name)
        html = client.get(url).content.decode()

        charted = _assert_every_chart_matches_its_table(html)

        assert {"doing-what-matters", "goals"} <= charted
        if name != "outcomes:service":
            assert "by-service" in charted
            # Each figure the services can be compared on: its chart is its table's column.
            choices = re.findall(r'href="\?compare=([a-z-]+)#by-service"', html)
            assert "goals" in choices
            for key in choices:
                chosen = client.get(f"{url}?compare={key}").content.decode()
                charted = _assert_every_chart_matches_its_table(chosen)
                assert "by-service" in charted or (
                    "fewer than 2 services have a share of it to compare" in chosen
                ), key

    def test_a_chart_that_differs_from_its_table_is_caught(
        self, clock: time_machine.Traveller
    ) -> None:
        """The check above can fail: a bar one point longer than its cell is found."""
        move_to_day(clock, datetime.date(2026, 11, 30))
        world = outcomes_with_numbers()
        _, client, url = next(page for page in world.pages if page[0] == "outcomes:provider")
        html = client.get(url).content.decode()
        svg = _charts_on(html)["goals"]
        first = re.search(
            r'class="alongside-outcome-chart__bar" x="0" y="[^"]+" width="(\d+)%"', svg
        )
        assert first is not None
        wrong = svg.replace(
            first.group(0),
            first.group(0).replace(
                f'width="{first.group(1)}%"', f'width="{int(first.group(1)) + 1}%"'
            ),
            1,
        )
        with pytest.raises(AssertionError):
            _assert_every_chart_matches_its_table(html.replace(svg, wrong))


# --- The by service chart: the services compared on one figure -----------------------------


def _shares_figure(key: str, shares: dict[int, str]) -> Figure:
    return _figure([("2026 Q4", [1, "50%"])], key=key, by_service=shares)


def _services(names: list[str]) -> list[Service]:
    return [Service(pk=n, name=name) for n, name in enumerate(names, start=1)]


def _table_column(
    figures: list[Figure], services: list[Service], key: str
) -> list[tuple[str, str]]:
    """The by service table's rows, as (service, its cell for the figure `key`)."""
    table = by_service_figure(figures, services)
    column = [f.key for f in figures].index(key)
    return [(name, str(cells[column])) for name, cells in table.rows]


class TestTheServicesAreComparedOnOneFigure:
    def test_each_service_is_one_bar_with_the_label_and_number_of_its_table_row(self) -> None:
        services = _services(["Ash House", "Birch Lodge", "Cedar Court"])
        figures = [
            _shares_figure("doing-what-matters", {1: "40%", 2: FEWER, 3: "90%"}),
            _shares_figure("goals", {1: "10%", 2: "20%"}),
        ]
        comparison = compare_services(figures, services, compare="goals")
        drawn = read_chart(comparison.chart)

        table = _table_column(figures, services, "goals")
        assert table == [("Ash House", "10%"), ("Birch Lodge", "20%"), ("Cedar Court", NO_DATA)]
        assert [(b.label, b.words) for b in drawn.bars] == table
        assert [b.width for b in drawn.bars] == ["10%", "20%", None]
        assert comparison.key == "goals"
        assert comparison.choices == [
            ("doing-what-matters", "Goals that moved on"),
            ("goals", "Goals that moved on"),
        ]

    def test_the_chart_is_an_image_named_by_its_title_and_a_true_description(self) -> None:
        services = _services(["Ash House", "Birch Lodge", "Cedar Court"])
        figures = [_shares_figure("goals", {1: "40%", 2: FEWER, 3: "90%"})]
        drawn = read_chart(compare_services(figures, services).chart)
        assert drawn.role == "img"
        assert drawn.labelled_by == "chart-by-service-title chart-by-service-desc"
        assert drawn.title == "Share of goals getting there or done, service by service"
        assert drawn.description == (
            "3 bars, one for each service, in the order of the table: the share that moved "
            "on, out of 100%. Highest 90% (Cedar Court), lowest 40% (Ash House). "
            "1 service with no share to show. The table below has every number."
        )

    def test_with_no_figure_named_the_first_is_compared(self) -> None:
        services = _services(["Ash House", "Birch Lodge"])
        figures = [
            _shares_figure("doing-what-matters", {1: "40%", 2: "60%"}),
            _shares_figure("goals", {1: "10%", 2: "20%"}),
        ]
        for asked in ("", "names"):
            comparison = compare_services(figures, services, compare=asked)
            assert comparison.key == "doing-what-matters"
            assert [b.words for b in read_chart(comparison.chart).bars] == ["40%", "60%"]


class TestSmallGroupsAreNotCompared:
    def test_a_service_of_fewer_than_five_people_has_words_and_no_bar(self) -> None:
        services = _services(["Ash House", "Birch Lodge", "Cedar Court"])
        figure = _shares_figure("goals", {1: "100%", 2: "75%", 3: "50%"})
        protect_small_groups([figure], per_service={1: 4, 2: 5, 3: 9})
        drawn = read_chart(compare_services([figure], services).chart)
        assert [(b.label, b.words, b.width) for b in drawn.bars] == [
            ("Ash House", FEWER, None),
            ("Birch Lodge", "75%", "75%"),
            ("Cedar Court", "50%", "50%"),
        ]
        assert "Ash House" not in drawn.description
        assert "Highest 75% (Birch Lodge), lowest 50% (Cedar Court)." in drawn.description

    def test_a_page_about_fewer_than_five_people_has_no_chart(self) -> None:
        services = _services(["Ash House", "Birch Lodge"])
        figure = _shares_figure("goals", {1: "100%", 2: "50%"})
        protect_small_groups([figure], per_service={1: 2, 2: 2})
        assert compare_services([figure], services).chart == ""

    def test_one_service_with_a_share_is_not_a_comparison(self) -> None:
        services = _services(["Ash House", "Birch Lodge"])
        figure = _shares_figure("goals", {1: "100%", 2: "50%"})
        protect_small_groups([figure], per_service={1: 5, 2: 4})
        assert compare_services([figure], services).chart == ""

    def test_nothing_to_count_has_no_chart(self) -> None:
        services = _services(["Ash House", "Birch Lodge"])
        assert compare_services([_shares_figure("goals", {})], services).chart == ""


def _many(count: int, *, without: int = 0) -> tuple[list[Service], Figure]:
    """`count` services named in order (Service 001, ...), the first `without` of them too
    small to show; the others with shares that are not in name order."""
    services = _services([f"Service {n:03}" for n in range(1, count + 1)])
    shares = {s.pk: FEWER if n < without else f"{(n * 37) % 101}%" for n, s in enumerate(services)}
    return services, _shares_figure("goals", shares)


class TestManyServices:
    def test_up_to_twelve_services_each_has_a_bar(self) -> None:
        services, figure = _many(charts.EVERY_SERVICE_UP_TO)
        drawn = read_chart(compare_services([figure], services).chart)
        assert [(b.label, b.words) for b in drawn.bars] == _table_column(
            [figure], services, "goals"
        )

    def test_of_many_services_the_five_highest_and_five_lowest_are_drawn_highest_first(
        self,
    ) -> None:
        services, figure = _many(1500, without=40)
        svg = compare_services([figure], services).chart
        drawn = read_chart(svg)
        table = _table_column([figure], services, "goals")
        with_share = [(name, cell) for name, cell in table if cell != FEWER]
        ranked = sorted(with_share, key=lambda row: -int(row[1].rstrip("%")))  # stable

        assert [(b.label, b.words) for b in drawn.bars] == ranked[:5] + ranked[-5:]
        assert [b.width for b in drawn.bars] == [cell for _, cell in ranked[:5] + ranked[-5:]]
        row_of = dict(table)
        assert all(row_of[b.label] == b.words for b in drawn.bars)
        assert not any(b.label in dict(table[:40]) for b in drawn.bars)  # the small ones
        high, low = ranked[0], ranked[-1]
        assert drawn.description == (
            "There are 1500 services, too many for a bar each. 10 bars: the 5 services with "
            "the highest and the 5 with the lowest share that moved on, out of 100%, highest "
            "first (equal shares in the table's order), of the 1460 services with a share to "
            "show. 1450 services in between are not drawn. "
            f"Highest {high[1]} ({high[0]}), lowest {low[1]} ({low[0]}). "
            "40 services have no share to show (too few people, or nothing to count yet), so "
            "no bar. The table below has every service, and its spreadsheet (CSV) has them all."
        )
        note = [t.text for t in _parse(svg).iter("text") if "__note" in t.get("class", "")]
        assert " ".join(note) == "1450 services in between: they are in the table."

    def test_eleven_services_with_a_share_leave_one_in_between(self) -> None:
        services, figure = _many(13, without=2)
        svg = compare_services([figure], services).chart
        assert len(read_chart(svg).bars) == 10
        assert "1 service in between is not drawn." in read_chart(svg).description
        note = [t.text for t in _parse(svg).iter("text") if "__note" in t.get("class", "")]
        assert " ".join(note) == "1 service in between: it is in the table."
        assert "2 services have no share to show" in read_chart(svg).description

    def test_many_services_of_which_few_have_a_share_draw_each_of_those_highest_first(
        self,
    ) -> None:
        services, figure = _many(20, without=19)
        assert compare_services([figure], services).chart == ""  # one share: no comparison
        services, figure = _many(20, without=17)
        drawn = read_chart(compare_services([figure], services).chart)
        shares = [int(b.words.rstrip("%")) for b in drawn.bars]
        assert len(shares) == 3 and shares == sorted(shares, reverse=True)
        assert "One bar for each of the 3 services with a share to show" in drawn.description
        assert "1 service has no share" not in drawn.description
        assert "17 services have no share to show" in drawn.description


@pytest.mark.django_db
class TestTheByServiceChartOnThePages:
    """Three services of one provider: Ash House (5 people, 2 say yes, 1 goal of 5 done),
    Birch Lodge (1 person), Cedar Court (5 people, 4 say yes, 3 goals of 5 done)."""

    def _provider(self) -> Client:
        provider = ProviderFactory()
        for name, people, yes in [
            ("Ash House", 5, 2),
            ("Birch Lodge", 1, 1),
            ("Cedar Court", 5, 4),
        ]:
            service = ServiceFactory(organisation=provider, name=name)
            for n in range(people):
                person = PersonFactory(service=service)
                FinishedReviewFactory(
                    person=person,
                    doing_what_matters=DoingWhatMatters.YES if n < yes else DoingWhatMatters.PARTLY,
                )
                # One goal each: those of the first yes - 1 people done, the others not started.
                done = GoalProgress.DONE if n < yes - 1 else GoalProgress.NOT_STARTED
                GoalFactory(person=person, progress=done)
        lead = StaffMemberFactory(organisation=provider, role="quality_lead")
        return sign_in(Client(), lead.user)

    def _by_service(self, html: str) -> tuple[Drawn | None, list[tuple[str, list[str]]]]:
        parser = Sections()
        parser.feed(html)
        svg = _charts_on(html).get("by-service")
        return (read_chart(svg) if svg else None), parser.rows["by-service"][1:]

    def test_the_chart_has_the_words_and_numbers_of_the_tables_column(self) -> None:
        client = self._provider()
        drawn, table = self._by_service(client.get(reverse("outcomes:provider")).content.decode())
        assert drawn is not None
        column = [(name, cells[0]) for name, cells in table]
        assert column == [
            ("Ash House", "40%"),
            ("Birch Lodge", "Fewer than 5 people"),
            ("Cedar Court", "80%"),
        ]
        assert [(b.label, b.words) for b in drawn.bars] == column
        assert [b.width for b in drawn.bars] == ["40%", None, "80%"]
        assert drawn.title == (
            "Share of people who say they are doing the things that matter, service by service"
        )

    def test_choosing_a_figure_charts_its_column(self) -> None:
        client = self._provider()
        response = client.get(reverse("outcomes:provider") + "?compare=goals")
        html = response.content.decode()
        drawn, table = self._by_service(html)
        section = html.split('id="by-service"')[1]
        assert "<strong>Goals that moved on</strong> (in the chart below)" in section
        assert 'href="?compare=doing-what-matters#by-service"' in section
        column = response.context["by_service"].columns.index("Goals that moved on")
        cells = [(name, cells[column]) for name, cells in table]
        assert cells == [
            ("Ash House", "20%"),
            ("Birch Lodge", "Fewer than 5 people"),
            ("Cedar Court", "60%"),
        ]
        assert drawn is not None
        assert [(b.label, b.words) for b in drawn.bars] == cells

    def test_a_figure_with_nothing_to_count_for_any_service_says_there_is_no_chart(
        self,
    ) -> None:
        html = (
            self._provider()
            .get(reverse("outcomes:provider") + "?compare=suggestions")
            .content.decode()
        )
        drawn, _ = self._by_service(html)
        assert drawn is None
        assert "No chart of ideas answered within 28 days: fewer than 2 services" in html

    def test_of_more_services_than_can_be_read_the_chart_compares_every_page_of_the_table(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from alongside.outcomes import views

        monkeypatch.setattr(views, "BY_SERVICE_PER_PAGE", 2)
        monkeypatch.setattr(charts, "EVERY_SERVICE_UP_TO", 2)
        monkeypatch.setattr(charts, "EACH_END", 1)
        client = self._provider()
        url = reverse("outcomes:provider")
        drawn, first_page = self._by_service(client.get(url).content.decode())
        _, second_page = self._by_service(client.get(url + "?page=2").content.decode())
        assert [name for name, _ in first_page] == ["Ash House", "Birch Lodge"]
        assert [name for name, _ in second_page] == ["Cedar Court"]
        assert drawn is not None
        # Highest first: Cedar Court, from the table's second page; then the lowest.
        assert [(b.label, b.words) for b in drawn.bars] == [
            ("Cedar Court", "80%"),
            ("Ash House", "40%"),
        ]
        assert drawn.description.startswith(
            "There are 3 services, too many for a bar each. One bar for each of the 2 services "
            "with a share to show, highest first"
        )
        assert "1 service has no share to show" in drawn.description
        assert (
            'href="?compare=doing-what-matters&amp;page=2"'
            in (client.get(url).content.decode().split('id="by-service"')[1])
        )
