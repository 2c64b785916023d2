"""The results chart: votes (or points) per project as horizontal bars drawn on the server as SVG, selected
projects marked in colour and in words.

Like the co-creation charts (:mod:`remacto.cocreation.charts`): an ``<svg role="img">`` named by its ``<title>``
and ``<desc>``, no script, no inline style (the Content-Security-Policy forbids it), no ``viewBox`` (bar
positions are percentages, text keeps its size), mirrored in right-to-left languages. The page puts the same
numbers in a table next to it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from remacto.cocreation.charts import BAR_HEIGHT, GAP, INK, LABEL_SIZE, MUTED, PAD, ROW_HEIGHT, TRACK, VALUE_SIZE

SELECTED = "#0b5d5b"
NOT_SELECTED = "#8a9a9f"
LABEL_MAX_CHARS = 48
INSIDE_FROM = 55


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: float
    display: str
    selected: bool


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_MAX_CHARS else text[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def votes_chart(bars: Sequence[Bar], *, title: str, description: str, rtl: bool, element_id: str) -> SafeString:
    """An accessible bar chart of ``bars`` (in the order given) as an inline SVG string."""
    height = PAD * 2 + ROW_HEIGHT * max(len(bars), 1)
    largest = max((bar.value for bar in bars), default=0) or 1
    direction = "rtl" if rtl else "ltr"
    sign = -1 if rtl else 1

    def x(logical: float, width: float = 0) -> str:
        return _pct(100 - logical - width if rtl else logical)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg results-chart" id="{element_id}" role="img"'
        f' width="100%" height="{height}" direction="{direction}"'
        f' aria-labelledby="{element_id}-title {element_id}-desc">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        top = PAD + index * ROW_HEIGHT
        label_y = top + LABEL_SIZE
        bar_y = label_y + 6
        text_y = bar_y + BAR_HEIGHT - 6
        length = bar.value / largest * 100
        if bar.value and length < 0.5:
            length = 0.5
        colour = SELECTED if bar.selected else NOT_SELECTED
        state = "selected" if bar.selected else "not-selected"
        weight = ' font-weight="bold"' if bar.selected else ""
        parts.append(f'<g class="chart-row {state}" data-key="{escape(bar.key)}">')
        parts.append(
            f'<text x="{x(0)}" y="{label_y}" font-size="{LABEL_SIZE}" fill="{INK}" direction="{direction}"'
            f' text-anchor="start"{weight}>{escape(_shorten(bar.label))}</text>'
        )
        parts.append(
            f'<rect class="chart-track" x="0" y="{bar_y}" width="100%" height="{BAR_HEIGHT}" rx="3" fill="{TRACK}"/>'
        )
        if length:
            parts.append(
                f'<rect class="chart-bar" x="{x(0, length)}" y="{bar_y}" width="{_pct(length)}" height="{BAR_HEIGHT}"'
                f' rx="3" fill="{colour}"><title>{escape(bar.label)}: {escape(bar.display)}</title></rect>'
            )
        if length >= INSIDE_FROM:
            value_attrs = f'x="{x(length)}" dx="{-sign * GAP}" fill="#fff" text-anchor="end"'
        else:
            value_attrs = f'x="{x(length)}" dx="{sign * GAP}" fill="{MUTED}" text-anchor="start"'
        parts.append(
            f'<text class="chart-value" {value_attrs} y="{text_y}" font-size="{VALUE_SIZE}" direction="{direction}">'
            f"{escape(bar.display)}</text>"
        )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
