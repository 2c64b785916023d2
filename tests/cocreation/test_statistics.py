"""Participation statistics: exact numbers on a known programme, SVG charts (well-formed, labelled in the
reader's language, mirrored right to left), the public page and its query count."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.cocreation import charts
from remacto.cocreation.models import Programme
from remacto.cocreation.statistics import programme_statistics

from .outputs_fixtures import HIDDEN_TITLE, Known, build_known

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(commune, programme, axis, workshop) -> Known:
    return build_known(commune, programme, axis, workshop)


SVG = "{http://www.w3.org/2000/svg}"


def values(stats, series_id: str) -> dict:
    return {row.key: row.value for row in stats.get(series_id).rows}


def test_numbers_on_the_known_programme(known):
    stats = programme_statistics(known.programme)
    assert stats.ideas_total == 8
    assert stats.authors_total == 3
    assert stats.attendance_total == 30
    assert stats.projects_total == 2
    assert stats.budget_total == 160000
    assert values(stats, "channel") == {"online": 4, "workshop": 3, "paper": 1, "desk": 0, "sms": 0}
    assert values(stats, "axis") == {str(known.axis1.pk): 5, str(known.axis2.pk): 2, "no_axis": 1}
    assert values(stats, "status") == {"accepted": 2, "merged": 1, "rejected": 1, "submitted": 4}
    assert values(stats, "author_gender") == {"woman": 1, "man": 1, "not_given": 1}
    assert values(stats, "author_age") == {"u18": 0, "18-29": 1, "30-44": 1, "45-59": 0, "60+": 0, "not_given": 1}
    assert values(stats, "attendance_gender") == {"woman": 17, "man": 13}
    assert values(stats, "attendance_age") == {
        "u18": 2,
        "18-29": 6,
        "30-44": 5,
        "45-59": 4,
        "60+": 1,
        "not_given": 12,
    }
    assert values(stats, "projects") == {str(known.axis1.pk): 1, str(known.axis2.pk): 1}
    assert values(stats, "budget") == {str(known.axis1.pk): 100000, str(known.axis2.pk): 60000}


def test_shares_and_formats_follow_the_language(known):
    with translation.override("fr"):
        stats = programme_statistics(known.programme)
        status = {row.key: row for row in stats.get("status").rows}
        assert status["accepted"].share == 25 and status["submitted"].share == 50
        assert status["submitted"].display == "4 (50\u202f%)"
        budget = {row.key: row.display for row in stats.get("budget").rows}
        assert budget[str(known.axis1.pk)].startswith("100\u202f000,00")
    with translation.override("ar"):
        budget = {row.key: row.display for row in programme_statistics(known.programme).get("budget").rows}
        assert budget[str(known.axis1.pk)].startswith("100.000,00")


def test_the_hidden_idea_and_its_author_are_not_counted(known):
    stats = programme_statistics(known.programme)
    assert sum(values(stats, "channel").values()) == 8
    assert values(stats, "author_age")["60+"] == 0


def test_an_empty_programme_has_zero_everywhere(other_programme):
    stats = programme_statistics(other_programme)
    assert stats.ideas_total == stats.authors_total == stats.attendance_total == 0
    assert all(s.is_empty for s in stats.series)


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own SVG
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


@pytest.mark.parametrize("language", ["ar", "fr", "en", "zgh"])
def test_every_chart_is_well_formed_svg_with_a_title_and_description(known, language):
    with translation.override(language):
        stats = programme_statistics(known.programme)
        for series in stats.series:
            root = _parse(charts.bar_chart(series, rtl=translation.get_language_bidi()))
            title = root.find(f"{SVG}title")
            assert title is not None and title.text == series.title
            assert root.find(f"{SVG}desc").text == series.description
            assert root.get("aria-labelledby") == f"chart-{series.id}-title chart-{series.id}-desc"
            labels = [t.text for t in root.iter(f"{SVG}text")]
            for row in series.rows:
                assert row.display in labels


def test_chart_labels_are_in_the_reader_language(known):
    with translation.override("fr"):
        root = _parse(charts.bar_chart(programme_statistics(known.programme).get("channel"), rtl=False))
        assert root.find(f"{SVG}title").text == "Idées par canal"
        assert "Participation citoyenne" in charts.bar_chart(
            programme_statistics(known.programme).get("axis"), rtl=False
        )
    with translation.override("ar"):
        root = _parse(charts.bar_chart(programme_statistics(known.programme).get("channel"), rtl=True))
        assert root.find(f"{SVG}title").text == "الأفكار حسب القناة"
        assert root.get("direction") == "rtl"


def _bars(root):
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-bar"]


def _pct(value: str) -> float:
    assert value.endswith("%")
    return float(value[:-1])


def test_bars_grow_from_the_inline_start(known):
    series = programme_statistics(known.programme).get("channel")
    ltr, rtl = _parse(charts.bar_chart(series, rtl=False)), _parse(charts.bar_chart(series, rtl=True))
    assert len(_bars(ltr)) == len(_bars(rtl)) == 3  # the two channels with no idea get no bar
    for bar in _bars(ltr):
        assert _pct(bar.get("x")) == 0
    for bar in _bars(rtl):
        assert _pct(bar.get("x")) + _pct(bar.get("width")) == pytest.approx(100)
    widths = [_pct(b.get("width")) for b in _bars(ltr)]
    assert widths == pytest.approx([100, 75, 25])  # 4 online, 3 workshop, 1 paper
    for text in rtl.iter(f"{SVG}text"):
        assert text.get("direction") == "rtl"
    labels = [t for t in rtl.iter(f"{SVG}text") if t.get("class") != "chart-value"]
    assert all(t.get("x") == "100%" and t.get("text-anchor") == "start" for t in labels)


def test_labels_are_escaped(known):
    known.axis1.title_ar = '<script>alert("x")</script> & co'
    known.axis1.save()
    svg = charts.bar_chart(programme_statistics(known.programme).get("axis"), rtl=True)
    assert "<script>" not in svg
    _parse(svg)


def _url(programme: Programme, language: str = "ar") -> str:
    with translation.override(language):
        return reverse("cocreation:statistics", args=[programme.collectivity.slug, programme.cycle])


def test_statistics_page_is_public_and_shows_charts_and_tables(client, known):
    response = client.get(_url(known.programme))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == len(programme_statistics(known.programme).series)
    assert html.count('class="table chart-data"') == html.count('role="img"')
    assert HIDDEN_TITLE not in html
    assert "100.000,00" in html  # Arabic number format


def test_statistics_page_in_french(client, known):
    html = client.get(_url(known.programme, "fr")).content.decode()
    assert "Idées par canal" in html and 'direction="ltr"' in html


def test_statistics_page_queries_are_bounded(client, known, citizen, django_assert_max_num_queries):
    url = _url(known.programme)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    client.force_login(citizen)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_unknown_programme_is_404(client, known):
    url = reverse("cocreation:statistics", args=[known.programme.collectivity.slug, "1999-2000"])
    assert client.get(url).status_code == 404
