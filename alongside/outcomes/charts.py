"""The outcome figures' charts, drawn on the server as inline SVG (no script).

One bar for each row of a figure's table, as long as the row's share, with the share written
beside it exactly as the table writes it ("42%", "No data yet"). The table stays beside the
chart: the chart only makes the comparison easy to see.

Made to read at 320px and in easy read: the SVG has no viewBox, so nothing shrinks. Its text
takes the size of the text around it (16-19px, 24px in easy read; heights are in em), the
bars' lengths are percentages of its width, and long labels are wrapped onto lines short
enough for a phone. Meaning is never colour alone: every bar has its words and its number.
Only a figure's own rows are drawn, so a figure hidden for a small group has no chart.
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
