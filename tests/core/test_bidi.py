"""Numbers, ranges, dates and cycles keep their order inside right-to-left text."""

from django.template import Context, Template

from remacto.core.bidi import balance, isolate, isolate_plain, isolate_text, strip_bidi


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


def test_strip_bidi_removes_embeddings_overrides_and_isolates_but_keeps_marks():
    assert strip_bidi("a\u202eb\u202ac\u2066d\u2069e\u202c") == "abcde"
    assert strip_bidi("\u200fمرحبا\u200e") == "\u200fمرحبا\u200e"
    assert strip_bidi("") == "" and strip_bidi(None) == ""


def test_isolate_plain_wraps_in_one_first_strong_isolate():
    assert isolate_plain("\u202eAmina") == "\u2068Amina\u2069"
    assert isolate_plain("\u2067x") == "\u2068x\u2069"
    assert isolate_plain("") == ""


def test_balance_keeps_balanced_isolates_and_drops_overrides():
    assert balance("\u202eAmina \u20662026-2027\u2069") == "Amina \u20662026-2027\u2069"
    assert balance("a\u2069b\u2067c") == "ab\u2067c\u2069"
    assert balance("\u2068x\u2066y\u2069") == "\u2068x\u2066y\u2069\u2069"
    assert balance("") == "" and balance(None) == ""


def test_typed_titles_keep_their_number_ranges_in_order(commune):
    """A title typed with a cycle, shown through ``bdi`` or ``tr_inline``, keeps "2026-2027" left to right; Latin
    text and markup already made safe are left as they are, and what was typed is escaped."""
    from django.utils.safestring import mark_safe

    from remacto.cocreation.models import Programme

    title = "برنامج الانفتاح 2026-2027 <b>"
    html = Template("{% load remacto %}{{ title|bdi }}").render(Context({"title": title}))
    assert html == '<bdi>برنامج الانفتاح <bdi dir="ltr">2026-2027</bdi> &lt;b&gt;</bdi>'
    assert Template("{% load remacto %}{{ t|bdi }}").render(Context({"t": "Programme 2026-2027"})) == (
        "<bdi>Programme 2026-2027</bdi>"
    )
    link = mark_safe('<a href="/2026-2027/">برنامج</a>')
    assert Template("{% load remacto %}{{ link|bdi }}").render(Context({"link": link})) == f"<bdi>{link}</bdi>"
    programme = Programme(collectivity=commune, cycle="2026-2027", title_ar="برنامج 2026-2027")
    inline = Template('{% load remacto %}{% tr_inline p "title" %}').render(Context({"p": programme}))
    assert inline == '<span lang="ar" dir="rtl">برنامج <bdi dir="ltr">2026-2027</bdi></span>'
