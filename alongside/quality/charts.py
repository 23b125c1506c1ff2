"""Small charts drawn on the server as inline SVG. Every chart is shown with a plain table
of the same numbers beside it; the SVG has a title and a description for screen readers."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

_ids = itertools.count(1)

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 48


def line_chart(*, title: str, points: Sequence[tuple[str, int]], unit: str = "") -> SafeString:
    """A line of values from 0 to 100 (for example percentages), labelled below."""
    if not points:
        return SafeString("")
    chart_id = f"chart-{next(_ids)}"
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(1, len(points) - 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(value: int) -> float:
        return TOP + inner_h * (1 - max(0, min(100, value)) / 100)

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#b1b4b6" stroke-width="1"/>'
        '<text x="{}" y="{}" fill="#0b0c0c" font-size="13" text-anchor="end">{}{}</text>',
        (
            (LEFT, y(v), WIDTH - RIGHT, y(v), LEFT - 6, y(v) + 4, v, unit)
            for v in (0, 25, 50, 75, 100)
        ),
    )
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points))
    every = max(1, len(points) // 6)
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" fill="#0b0c0c" font-size="13" text-anchor="middle">{}</text>',
        (
            (f"{x(i):.1f}", HEIGHT - BOTTOM + 18, label)
            for i, (label, _) in enumerate(points)
            if i % every == 0 or i == len(points) - 1
        ),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="#005a5b"/>',
        ((f"{x(i):.1f}", f"{y(v):.1f}") for i, (_, v) in enumerate(points)),
    )
    first, last = points[0], points[-1]
    description = (
        f"From {first[1]}{unit} in {first[0]} to {last[1]}{unit} in {last[0]}. "
        "The table beside the chart has every number."
    )
    return format_html(
        '<svg class="alongside-chart" width="100%" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '{}<polyline points="{}" fill="none" stroke="#005a5b" stroke-width="3"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        grid,
        path,
        dots,
        labels,
    )
