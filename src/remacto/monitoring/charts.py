"""A step chart of values over time, drawn on the server as SVG: no script, named for screen readers, mirrored in
right-to-left languages.

The bar chart of ``cocreation.charts`` compares categories and scales to its largest bar; following a project
needs time along one axis, a fixed scale (0–100 % for physical progress) and reference lines (an indicator's
baseline and target), hence this chart. Like the bar chart it has no ``viewBox``: x positions are percentages of
the container's width and text keeps its size in pixels, so it stays readable on a 360 px phone. Time runs from
the inline-start: leftwards in Arabic. Each value holds until the next one (a step). The page puts the same
numbers in a table under the chart. Colours are presentation attributes (the Content-Security-Policy forbids
inline styles).
"""

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from remacto.cocreation.charts import COLOURS, INK, MUTED, TRACK

HEIGHT = 200
TOP = 22
BOTTOM = 164
LABEL_Y = 188
SIZE = 13
START, END = 3.0, 97.0  # percent of the width used by the time axis


@dataclass
class Point:
    day: datetime.date
    value: Decimal | int
    display: str


@dataclass
class Reference:
    """A horizontal reference line (baseline, target) with its label."""

    label: str
    value: Decimal | int


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _plain(value) -> str:
    return f"{float(value):g}"


def _latest_label(points: list[Point], references: tuple[Reference, ...], y, x, text, rtl: bool) -> str:
    """The latest value written by its point, so that the chart reads without its table; left out where it would
    cover another label.

    A lone point stands on the scale's side: its value goes above it, or under it near the top. The latest of
    several stands at the inline-end, where the step reaches it: its value goes above it, a little inwards (off
    the vertical step), or under it when the previous level runs where the text would be."""
    latest, alone = points[-1], len(points) == 1
    point_y = y(latest.value)
    above, below = point_y - 10, point_y + SIZE + 8
    if alone:
        label_y = above if above >= TOP + SIZE else below
        taken = [TOP - 8, BOTTOM - 4]  # the scale's labels
        shift = ""
    else:
        previous_y = y(points[-2].value)
        label_y = below if above - SIZE <= previous_y <= above + 3 else above
        taken = [y(r.value) - 4 for r in references] + [LABEL_Y]  # the references' labels, the last date
        shift = f' transform="translate({8 if rtl else -8} 0)"'
    if any(abs(label_y - other) <= SIZE for other in taken):
        return ""
    anchor = "start" if alone else "end"
    return text(x(latest.day), label_y, latest.display, anchor, INK, f' class="chart-value"{shift}')


def step_chart(
    points: list[Point],
    *,
    chart_id: str,
    title: str,
    description: str,
    rtl: bool,
    low: Decimal | int = 0,
    high: Decimal | int | None = None,
    references: tuple[Reference, ...] = (),
    axis_display=None,
) -> SafeString:
    """An accessible step chart of ``points`` (oldest first) between ``low`` and ``high`` (by default the largest
    value or reference); ``axis_display`` writes the values of the scale and of the reference lines."""
    axis_display = axis_display or _plain
    direction = "rtl" if rtl else "ltr"
    values = [float(p.value) for p in points] + [float(r.value) for r in references]
    top = float(high) if high is not None else max([*values, float(low) + 1])
    bottom = min([float(low), *values])
    span = (top - bottom) or 1.0

    def y(value) -> float:
        return round(BOTTOM - (float(value) - bottom) / span * (BOTTOM - TOP), 1)

    first, last = (points[0].day, points[-1].day) if points else (None, None)
    days = ((last - first).days if first and last else 0) or 1

    def x(day: datetime.date) -> float:
        logical = START + ((day - first).days / days) * (END - START) if len(points) > 1 else START
        return 100 - logical if rtl else logical

    def text(x_pct: float, y_px: float, content: str, anchor: str, colour: str = MUTED, extra: str = "") -> str:
        return (
            f'<text x="{_pct(x_pct)}" y="{y_px}" font-size="{SIZE}" fill="{colour}" direction="{direction}"'
            f' text-anchor="{anchor}"{extra}>{escape(content)}</text>'
        )

    start_x, end_x = (100 - START, 100 - END) if rtl else (START, END)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg step-chart" id="{chart_id}" role="img"'
        f' width="100%" height="{HEIGHT}" direction="{direction}"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line class="chart-axis" x1="{_pct(start_x)}" x2="{_pct(end_x)}" y1="{BOTTOM}" y2="{BOTTOM}"'
        f' stroke="{TRACK}" stroke-width="2"/>',
        text(start_x, TOP - 8, axis_display(top), "start"),
        text(start_x, BOTTOM - 4, axis_display(bottom), "start"),
    ]
    for n, reference in enumerate(references):
        ref_y = y(reference.value)
        colour = COLOURS[(n + 1) % len(COLOURS)]
        parts.append(
            f'<line class="chart-reference" x1="{_pct(start_x)}" x2="{_pct(end_x)}" y1="{ref_y}" y2="{ref_y}"'
            f' stroke="{colour}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        # a little inwards: the latest point stands at the inline-end, often on its target
        inwards = f' transform="translate({12 if rtl else -12} 0)"'
        parts.append(
            text(end_x, ref_y - 4, f"{reference.label}: {axis_display(reference.value)}", "end", colour, inwards)
        )
    colour = COLOURS[0]
    for previous, point in itertools.pairwise(points):
        x0, x1, y0, y1 = x(previous.day), x(point.day), y(previous.value), y(point.value)
        parts.append(
            f'<line class="chart-step" x1="{_pct(x0)}" x2="{_pct(x1)}" y1="{y0}" y2="{y0}" stroke="{colour}"'
            f' stroke-width="3"/>'
            f'<line class="chart-step" x1="{_pct(x1)}" x2="{_pct(x1)}" y1="{y0}" y2="{y1}" stroke="{colour}"'
            f' stroke-width="3"/>'
        )
    for point in points:
        label = f"{date_format(point.day, 'DATE_FORMAT')}: {point.display}"
        parts.append(
            f'<circle class="chart-point" cx="{_pct(x(point.day))}" cy="{y(point.value)}" r="5" fill="{colour}">'
            f"<title>{escape(label)}</title></circle>"
        )
    if points:
        parts.append(_latest_label(points, references, y, x, text, rtl))
    if first:
        parts.append(text(x(first), LABEL_Y, date_format(first, "DATE_FORMAT"), "start", INK))
        if last != first:
            parts.append(text(x(last), LABEL_Y, date_format(last, "DATE_FORMAT"), "end", INK))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
