"""Horizontal bar charts drawn on the server as SVG: no script, readable by screen readers, right-to-left aware.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``; the page puts the same numbers in a
table under it. The SVG has no ``viewBox``: it is as wide as its container, bar positions are percentages and
text keeps its size in pixels, so labels stay readable on a 360 px phone. Each row is a label line, then the bar
with its value (inside the bar when the bar is long, after it otherwise).

Rows are laid out in logical order. In a right-to-left language the x positions are mirrored, so bars grow
from the inline-start (the right edge), and text carries ``direction="rtl"``: ``text-anchor="start"`` then
runs leftwards from its anchor. Colours are presentation attributes, not ``style``: the site's
Content-Security-Policy forbids inline styles.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .statistics import Row, Series

PAD = 4
LABEL_SIZE = 14
VALUE_SIZE = 13
BAR_HEIGHT = 20
ROW_HEIGHT = LABEL_SIZE + 6 + BAR_HEIGHT + 12
LABEL_MAX_CHARS = 60
INSIDE_FROM = 55  # percent of the width from which the value is written inside the bar
GAP = 6
INK = "#1b2a2f"
MUTED = "#4d5f66"
TRACK = "#e9eeec"
COLOURS = ("#0b5d5b", "#b3432c", "#5b6f2a", "#6a4c93", "#1d6fa5", "#8a5a00", "#4d5f66")


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_MAX_CHARS else text[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def _lang(row: Row) -> str:
    """A fallback-language label says its language (the page's direction still places it)."""
    return f' lang="{escape(row.lang)}"' if row.lang else ""


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def bar_chart(series: Series, *, rtl: bool, element_id: str | None = None) -> SafeString:
    """An accessible horizontal bar chart of ``series`` as an inline SVG string."""
    chart_id = element_id or f"chart-{series.id}"
    rows = series.rows
    height = PAD * 2 + ROW_HEIGHT * max(len(rows), 1)
    largest = max((float(row.value) for row in rows), default=0) or 1
    direction = "rtl" if rtl else "ltr"
    sign = -1 if rtl else 1

    def x(logical: float, width: float = 0) -> str:
        """The physical x (in percent) of a logical, inline-start based position, for a shape ``width`` wide."""
        return _pct(100 - logical - width if rtl else logical)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" id="{chart_id}" role="img" width="100%"'
        f' height="{height}" direction="{direction}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(series.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(series.description)}</desc>',
    ]
    for index, row in enumerate(rows):
        top = PAD + index * ROW_HEIGHT
        label_y = top + LABEL_SIZE
        bar_y = label_y + 6
        text_y = bar_y + BAR_HEIGHT - 6
        length = float(row.value) / largest * 100
        if row.value and length < 0.5:
            length = 0.5
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<g class="chart-row" data-key="{escape(row.key)}">')
        parts.append(
            f'<text x="{x(0)}" y="{label_y}" font-size="{LABEL_SIZE}" fill="{INK}" direction="{direction}"'
            f' text-anchor="start"{_lang(row)}>{escape(_shorten(row.label))}</text>'
        )
        parts.append(
            f'<rect class="chart-track" x="0" y="{bar_y}" width="100%" height="{BAR_HEIGHT}" rx="3" fill="{TRACK}"/>'
        )
        if length:
            parts.append(
                f'<rect class="chart-bar" x="{x(0, length)}" y="{bar_y}" width="{_pct(length)}" height="{BAR_HEIGHT}"'
                f' rx="3" fill="{colour}"><title>{escape(row.label)}: {escape(row.display)}</title></rect>'
            )
        if length >= INSIDE_FROM:
            value_attrs = f'x="{x(length)}" dx="{-sign * GAP}" fill="#fff" text-anchor="end"'
        else:
            value_attrs = f'x="{x(length)}" dx="{sign * GAP}" fill="{MUTED}" text-anchor="start"'
        parts.append(
            f'<text class="chart-value" {value_attrs} y="{text_y}" font-size="{VALUE_SIZE}" direction="{direction}">'
            f"{escape(row.display)}</text>"
        )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
