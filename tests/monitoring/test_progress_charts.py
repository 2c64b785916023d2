"""The step chart of the follow-up page: time from the inline-start (mirrored in Arabic), a fixed scale, reference
lines, escaped labels and a name for screen readers."""

import datetime
from decimal import Decimal

from django.utils import translation

from remacto.monitoring.charts import Point, Reference, step_chart

POINTS = [
    Point(datetime.date(2026, 1, 1), 0, "0%"),
    Point(datetime.date(2026, 7, 1), 50, "50%"),
    Point(datetime.date(2026, 12, 31), 100, "100%"),
]


def chart(rtl: bool, points=POINTS, **extra) -> str:
    with translation.override("fr"):
        return step_chart(points, chart_id="c", title="Avancement <b>", description="Desc", rtl=rtl, high=100, **extra)


def test_time_runs_from_the_inline_start_and_is_mirrored_in_rtl():
    ltr, rtl = chart(False), chart(True)
    assert 'direction="ltr"' in ltr and 'cx="3%"' in ltr.split("chart-point")[1]
    assert 'direction="rtl"' in rtl and 'cx="97%"' in rtl.split("chart-point")[1]
    assert 'cx="50.' in rtl  # mid-year, near the middle
    assert rtl.count('class="chart-step"') == 4 and rtl.count('class="chart-point"') == 3


def test_named_for_screen_readers_and_escaped():
    svg = chart(False)
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Avancement &lt;b&gt;</title>' in svg and "<b>" not in svg
    assert "style=" not in svg  # the Content-Security-Policy forbids inline styles


def test_a_fixed_scale_and_reference_lines():
    svg = chart(False, points=POINTS[:2], references=(Reference("Cible", Decimal(80)),))
    assert ">100<" in svg and 'class="chart-reference"' in svg and "Cible: 80" in svg
    top, bottom = 22, 164
    assert f'cy="{bottom}' in svg  # 0 on the axis
    assert f'cy="{(top + bottom) / 2}"' in svg  # 50 half-way up a 0-100 scale


def test_a_single_point():
    svg = chart(True, points=POINTS[:1])
    assert svg.count('class="chart-point"') == 1 and "chart-step" not in svg


def _value_label(svg: str) -> tuple[str, str] | None:
    """The attributes and the text of the latest value's label, if any."""
    parts = svg.split('class="chart-value"')
    if len(parts) == 1:
        return None
    attributes = parts[0].rsplit("<text", 1)[1] + parts[1].split(">", 1)[0]
    return attributes, parts[1].split(">", 1)[1].split("<", 1)[0]


def test_the_latest_value_is_written_by_its_point_unless_it_would_cover_another_label():
    # above the latest point, at the inline-end (the left in Arabic) and a little inwards, off the vertical step
    attributes, value = _value_label(chart(True, points=POINTS[:2]))
    assert value == "50%" and 'x="3%"' in attributes and 'text-anchor="end"' in attributes
    assert f'y="{(22 + 164) / 2 - 10}"' in attributes and 'transform="translate(8 0)"' in attributes
    assert 'transform="translate(-8 0)"' in _value_label(chart(False, points=POINTS[:2]))[0]
    assert 'y="12.0"' in _value_label(chart(True))[0]  # 100 %: still above, the scale's labels are on the other side
    # under it when the previous level runs just above it
    down = [Point(datetime.date(2026, 1, 1), 60, "60%"), Point(datetime.date(2026, 7, 1), 50, "50%")]
    assert 'y="114.0"' in _value_label(chart(True, points=down))[0]
    # a lone point stands by the scale's labels: 20 % is written, 0 % would cover the scale's "0"
    assert _value_label(chart(True, points=[Point(datetime.date(2026, 1, 1), 20, "20%")]))[1] == "20%"
    assert _value_label(chart(True, points=POINTS[:1])) is None
    # nor does it cover a reference line's label on its side
    on_target = chart(False, points=POINTS[:2], references=(Reference("Cible", Decimal(50)),))
    assert _value_label(on_target) is None and "Cible: 50" in on_target
