"""The outcome figures' charts, drawn on the server as inline SVG (no script).

One bar for each row of a figure's table, as long as the row's share, with the share written
beside it exactly as the table writes it ("42%", "No data yet"). The table stays beside the
chart: the chart only makes the comparison easy to see.

Made to read at 320px and in easy read: the SVG has no viewBox, so nothing shrinks. Its text
takes the size of the text around it (16-19px, 24px in easy read; heights are in em), the
bars' lengths are percentages of its width, and long labels are wrapped onto lines short
enough for a phone. Meaning is never colour alone: every bar has its words and its number.
Only a figure's own rows are drawn, so a figure hidden for a small group has no chart.

The by service table has one chart too (services_chart): the services compared on one
figure, a bar for each service when there are few enough to read, otherwise the highest and
lowest few, with the description saying which. A service of too few people has its words
("Fewer than 5 people") and no bar, and is never among the highest or lowest.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from alongside.words import counted, sentence

if TYPE_CHECKING:
    from .selectors import Figure

# Characters on one line of a label: about 240px of 24px easy-read text, inside 320px.
WRAP = 20
LINE = 1.35  # em: one line of words
BAR = 1.6  # em: a bar, tall enough to hold its number
GAP = 0.8  # em: between rows
# A share above this is written inside its bar (there is room); below it, after the bar.
INSIDE_FROM = 60
INK = "#0b0c0c"  # GOV.UK text colour
BAR_COLOUR = "#005a5b"  # 7.7:1 on white and 7:1 on the track: text-level contrast
TRACK_COLOUR = "#f3f2f1"
RULE_COLOUR = "#505a5f"  # 7:1 on white
# Words start a little in from the edges, so letters that lean out ("J") are never clipped.
INSET = "0.15em"
SHARE = re.compile(r"^(\d{1,3})%$")


@dataclass(frozen=True)
class Bar:
    """One row of the table: its label, its share as the table shows it, and (when it is a
    share) the number 0-100 the bar is drawn from."""

    label: str
    shown: str
    value: int | None
    whole: bool = False  # the row for the whole period: set apart from the others
    # Words drawn above the bar, after a line, when rows of the table are left out before it
    # ("30 services in between are in the table").
    left_out_before: str = ""


def share_of(text: Any) -> int | None:
    """42 for "42%"; None for anything that is not a share ("No data yet", "–")."""
    found = SHARE.match(str(text))
    if found is None:
        return None
    return min(100, int(found.group(1)))


def bars_for(rows: Sequence[tuple[str, Sequence[Any]]], *, whole_label: str = "") -> list[Bar]:
    """A bar for each row, from its last cell (the share column of every outcome table)."""
    return [
        Bar(
            label=str(label),
            shown=str(cells[-1]),
            value=share_of(cells[-1]),
            whole=bool(whole_label) and label == whole_label,
        )
        for label, cells in rows
        if cells
    ]


def describe(
    bars: Sequence[Bar], *, measure: str, each: str, source: str = "row of the table"
) -> str:
    """The words a screen reader hears: what the bars are, the highest and lowest, and where
    there is nothing to show."""
    drawn = [b for b in bars if b.value is not None and not b.whole]
    parts = [
        f"{sentence(counted(len(bars), 'bar', 'bars'))}, one for each {source}: "
        f"the {measure}, out of 100%."
    ]
    if drawn:
        high = max(drawn, key=lambda b: b.value or 0)
        low = min(drawn, key=lambda b: b.value or 0)
        if high is low or high.value == low.value:
            parts.append(f"Each {each} shown is {high.shown}.")
        else:
            parts.append(f"Highest {high.shown} ({high.label}), lowest {low.shown} ({low.label}).")
    for whole in (b for b in bars if b.whole):
        parts.append(f"{whole.label}: {whole.shown}.")
    empty = sum(1 for b in bars if b.value is None and not b.whole)
    if empty:
        parts.append(f"{sentence(counted(empty, each, each + 's'))} with no share to show.")
    parts.append("The table below has every number.")
    return " ".join(parts)


def _em(value: float) -> str:
    return f"{value:.2f}em"


def bar_chart(*, chart_id: str, title: str, bars: Sequence[Bar], description: str) -> SafeString:
    """The SVG: a scale line (0% to 100%), then for each bar its label, its track (100%)
    with the bar inside, and its share in words."""
    if not bars:
        return SafeString("")
    y = LINE
    scale = format_html(
        '<text x="{}" y="{}" fill="{}">0%</text>'
        '<text x="100%" dx="-{}" y="{}" fill="{}" text-anchor="end">100%</text>',
        INSET,
        _em(y - 0.3),
        INK,
        INSET,
        _em(y - 0.3),
        INK,
    )
    y += 0.3
    rows: list[SafeString] = []
    for bar in bars:
        if bar.whole:
            rows.append(
                format_html(
                    '<line x1="0" y1="{}" x2="100%" y2="{}" stroke="{}" stroke-width="2"/>',
                    _em(y),
                    _em(y),
                    RULE_COLOUR,
                )
            )
            y += GAP / 2
        if bar.left_out_before:
            rows.append(
                format_html(
                    '<line x1="0" y1="{}" x2="100%" y2="{}" stroke="{}" stroke-width="2" '
                    'stroke-dasharray="6 4"/>',
                    _em(y),
                    _em(y),
                    RULE_COLOUR,
                )
            )
            y += 0.2
            note = textwrap.wrap(bar.left_out_before, WRAP, break_long_words=True)
            rows.append(
                format_html_join(
                    "",
                    '<text class="alongside-outcome-chart__note" x="{}" y="{}" fill="{}" '
                    'font-style="italic">{}</text>',
                    (
                        (INSET, _em(y + LINE * (n + 1) - 0.3), INK, line)
                        for n, line in enumerate(note)
                    ),
                )
            )
            y += LINE * len(note) + GAP / 2
        lines = textwrap.wrap(bar.label, WRAP, break_long_words=True) or [""]
        label = format_html_join(
            "",
            '<text class="alongside-outcome-chart__label" x="{}" y="{}" fill="{}"{}>{}</text>',
            (
                (INSET, _em(y + LINE * (n + 1) - 0.3), INK, _bold(bar.whole), line)
                for n, line in enumerate(lines)
            ),
        )
        y += LINE * len(lines) + 0.15
        baseline = _em(y + BAR / 2 + 0.35)
        if bar.value is None:
            drawn = format_html(
                '<text class="alongside-outcome-chart__value" x="0.4em" y="{}" fill="{}">{}</text>',
                baseline,
                INK,
                bar.shown,
            )
        elif bar.value > INSIDE_FROM:
            drawn = format_html(
                '<rect class="alongside-outcome-chart__bar" x="0" y="{}" width="{}%" '
                'height="{}" fill="{}"/>'
                '<text class="alongside-outcome-chart__value" x="{}%" dx="-0.4em" y="{}" '
                'fill="#ffffff" font-weight="bold" text-anchor="end">{}</text>',
                _em(y),
                bar.value,
                _em(BAR),
                BAR_COLOUR,
                bar.value,
                baseline,
                bar.shown,
            )
        else:
            drawn = format_html(
                '<rect class="alongside-outcome-chart__bar" x="0" y="{}" width="{}%" '
                'height="{}" fill="{}"/>'
                '<text class="alongside-outcome-chart__value" x="{}%" dx="0.4em" y="{}" '
                'fill="{}" font-weight="bold">{}</text>',
                _em(y),
                bar.value,
                _em(BAR),
                BAR_COLOUR,
                bar.value,
                baseline,
                INK,
                bar.shown,
            )
        rows.append(
            format_html(
                '<g class="alongside-outcome-chart__row">{}'
                '<rect x="0" y="{}" width="100%" height="{}" fill="{}"/>{}</g>',
                label,
                _em(y),
                _em(BAR),
                TRACK_COLOUR,
                drawn,
            )
        )
        y += BAR + GAP
    return format_html(
        '<svg class="alongside-outcome-chart" width="100%" height="{}" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}</svg>',
        _em(y),
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        scale,
        SafeString("".join(rows)),
    )


def _bold(yes: bool) -> SafeString:
    return SafeString(' font-weight="bold"' if yes else "")


def figure_chart(figure: Figure, *, whole_label: str = "") -> SafeString:
    """The chart of a figure's share column, row by row; none for a hidden figure."""
    if figure.hidden or not figure.rows:
        return SafeString("")
    bars = bars_for(figure.rows, whole_label=whole_label)
    if not any(b.value is not None for b in bars):
        return SafeString("")
    measure = figure.columns[-1].lower() if figure.columns else "share"
    return bar_chart(
        chart_id=f"chart-{figure.key}",
        title=figure.chart_title or f"{figure.title}: {measure}",
        bars=bars,
        description=describe(bars, measure=measure, each=_each(figure.first_column)),
    )


def _each(first_column: str) -> str:
    """ "quarter" for "Quarter the goal was set", "month", "I statement"."""
    words = first_column.split()
    if words[:2] == ["I", "statement"]:
        return "I statement"
    return words[0].lower() if words else "row"


# --- Comparing services ---------------------------------------------------------------------

# Up to this many services, the chart has a bar for each, in the table's order. Beyond it a
# bar each would be too long to read: the chart shows the EACH_END highest and the EACH_END
# lowest shares instead, highest first, and says so. The table (and its CSV) has them all.
EVERY_SERVICE_UP_TO = 12
EACH_END = 5


def services_chart(
    *,
    chart_id: str,
    title: str,
    measure: str,
    shares: Sequence[tuple[str, Any]],
) -> SafeString:
    """A chart comparing services on one figure: `shares` is (service, its cell in the by
    service table) for every service, in the table's order.

    None when fewer than two services have a share: with one, there is nothing to compare
    (a service of too few people, or with nothing to count, has no share, only words).
    """
    bars = [Bar(label=str(name), shown=str(cell), value=share_of(cell)) for name, cell in shares]
    with_share = [b for b in bars if b.value is not None]
    if len(with_share) < 2:
        return SafeString("")
    if len(bars) <= EVERY_SERVICE_UP_TO:
        description = describe(
            bars, measure=measure, each="service", source="service, in the order of the table"
        )
        return bar_chart(chart_id=chart_id, title=title, bars=bars, description=description)
    order = {id(b): n for n, b in enumerate(bars)}
    ranked = sorted(with_share, key=lambda b: (-(b.value or 0), order[id(b)]))
    without = len(bars) - len(ranked)
    if len(ranked) <= 2 * EACH_END:
        drawn = ranked
        which = (
            f"One bar for each of the {counted(len(ranked), 'service', 'services')} with a "
            f"share to show, highest first: the {measure}, out of 100%."
        )
    else:
        between = len(ranked) - 2 * EACH_END
        drawn = [
            *ranked[:EACH_END],
            Bar(
                label=ranked[-EACH_END].label,
                shown=ranked[-EACH_END].shown,
                value=ranked[-EACH_END].value,
                left_out_before=f"{sentence(counted(between, 'service', 'services'))} in "
                f"between: {'it is' if between == 1 else 'they are'} in the table.",
            ),
            *ranked[-EACH_END + 1 :],
        ]
        which = (
            f"{2 * EACH_END} bars: the {EACH_END} services with the highest and the "
            f"{EACH_END} with the lowest {measure}, out of 100%, highest first (equal shares "
            f"in the table's order), of the {len(ranked)} services with a share to show. "
            f"{sentence(counted(between, 'service', 'services'))} in between "
            f"{'is' if between == 1 else 'are'} not drawn."
        )
    high, low = ranked[0], ranked[-1]
    parts = [f"There are {len(bars)} services, too many for a bar each.", which]
    if high.value == low.value:
        parts.append(f"Each service shown is {high.shown}.")
    else:
        parts.append(f"Highest {high.shown} ({high.label}), lowest {low.shown} ({low.label}).")
    if without:
        parts.append(
            f"{sentence(counted(without, 'service has', 'services have'))} no share to show "
            "(too few people, or nothing to count yet), so no bar."
        )
    parts.append("The table below has every service, and its spreadsheet (CSV) has them all.")
    return bar_chart(chart_id=chart_id, title=title, bars=drawn, description=" ".join(parts))
