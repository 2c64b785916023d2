"""Numbers, ranges, dates and cycles keep their order inside right-to-left text."""

from django.template import Context, Template

from remacto.core.bidi import isolate, isolate_text


def test_a_cycle_or_numeric_date_is_isolated_left_to_right():
    assert isolate("2026-2027") == '<bdi dir="ltr">2026-2027</bdi>'
    assert isolate("29/11/2026 14:30") == '<bdi dir="ltr">29/11/2026 14:30</bdi>'


def test_arabic_text_keeps_its_direction_and_its_number_ranges_stay_in_order():
    assert isolate("برنامج عمل الانفتاح 2026-2027") == '<bdi>برنامج عمل الانفتاح <bdi dir="ltr">2026-2027</bdi></bdi>'
    assert isolate("29 نوفمبر 2026") == "<bdi>29 نوفمبر 2026</bdi>"


def test_isolate_escapes_and_ignores_empty_values():
    assert isolate("<b>2026-2027</b>") == '<bdi dir="ltr">&lt;b&gt;2026-2027&lt;/b&gt;</bdi>'
    assert isolate("") == "" and isolate(None) == ""


def test_plain_text_form_uses_isolate_marks():
    assert isolate_text("2026-2027") == "\u20662026-2027\u2069"
    assert isolate_text("برنامج 2026-2027") == "\u2068برنامج \u20662026-2027\u2069\u2069"


def test_template_filters():
    html = Template("{% load remacto %}{{ cycle|isolate }}|{{ cycle|isolate_text }}").render(
        Context({"cycle": "2026-2027"})
    )
    assert html == '<bdi dir="ltr">2026-2027</bdi>|\u20662026-2027\u2069'
