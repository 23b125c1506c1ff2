"""The person's check-ins as a small inline SVG chart, drawn on the server. The page always
shows a plain table of the same days beside it; the SVG has a title and description."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from alongside.words import counted, sentence

from .models import CheckIn

_ids = itertools.count(1)

# Drawn about as wide as a phone shows it (320px less the page margins), so 16-unit text is
# about 16px there, and never shrinks to a few pixels. The labels are short words that fit
# in the left margin.
WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 12, 36
FONT_SIZE = 16
AXIS_WORDS = {1: "Bad", 3: "OK", 5: "Great"}


def feelings_chart(*, title: str, check_ins: Sequence[CheckIn]) -> SafeString:
    """One bar per day, as tall as how good the day was (five steps, labelled in words)."""
    if not check_ins:
        return SafeString("")
    chart_id = f"feelings-{next(_ids)}"
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / len(check_ins)
    bar_w = max(2.0, step * 0.7)

    def y(value: int) -> float:
        return TOP + inner_h * (1 - value / 5)

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#b1b4b6" stroke-width="1"/>'
        '<text x="{}" y="{}" fill="#0b0c0c" font-size="{}" text-anchor="end">{}</text>',
        (
            (LEFT, y(v), WIDTH - RIGHT, y(v), LEFT - 6, y(v) + 5, FONT_SIZE, AXIS_WORDS[v])
            for v in (1, 3, 5)
        ),
    )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
        (
            (
                round(LEFT + i * step + (step - bar_w) / 2, 1),
                round(y(c.feeling), 1),
                round(bar_w, 1),
                round(inner_h * c.feeling / 5, 1),
                "#d4351c" if c.is_bad_day else "#1d70b8",
            )
            for i, c in enumerate(check_ins)
        ),
    )
    first, last = check_ins[0].on, check_ins[-1].on
    labels = format_html(
        '<text x="{}" y="{}" fill="#0b0c0c" font-size="{}">{}</text>'
        '<text x="{}" y="{}" fill="#0b0c0c" font-size="{}" text-anchor="end">{}</text>',
        LEFT,
        HEIGHT - 10,
        FONT_SIZE,
        f"{first:%-d %b}",
        WIDTH - RIGHT,
        HEIGHT - 10,
        FONT_SIZE,
        f"{last:%-d %b}",
    )
    bad = sum(1 for c in check_ins if c.is_bad_day)
    description = (
        f"{sentence(counted(len(check_ins), 'day', 'days'))} from {first:%-d %B} to "
        f"{last:%-d %B}. {sentence(counted(bad, 'low or bad day', 'low or bad days'))}. "
        "The table below has every day."
    )
    return format_html(
        '<svg class="alongside-chart" role="img" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        grid,
        bars,
        labels,
    )
