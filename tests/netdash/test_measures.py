"""One measure at a time: the rankings' order, each measure's chart and level, and the filter form's links."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from remacto.netdash import charts, selectors
from remacto.netdash.forms import FilterForm
from remacto.netdash.models import MemberFigures
from remacto.territories.models import Region


@pytest.fixture
def two_ranked(computed, commune, other_commune):
    """Zagora ahead of Ben Guerir on answers and phase, and adopted earlier; every other member has no figure."""
    MemberFigures.objects.filter(collectivity=other_commune).update(
        answered_share=Decimal("90.0"), adoption_date=datetime.date(2024, 1, 2), phase="evaluation", phase_order=99
    )
    return [commune.slug, other_commune.slug]


def slugs(qs) -> list[str]:
    return [row.collectivity.slug for row in qs]


def test_a_ranking_puts_the_highest_first_and_missing_figures_last(two_ranked):
    ben_guerir, zagora = two_ranked
    ranked = slugs(selectors.ranking(selectors.Filters(), "answered_share"))
    assert ranked[:2] == [zagora, ben_guerir]
    assert ranked[2:] and all(
        row.answered_share is None for row in selectors.ranking(selectors.Filters(), "answered_share")[2:]
    )
    assert slugs(selectors.ranking(selectors.Filters(), "phase"))[:2] == [zagora, ben_guerir]


def test_the_adoption_ranking_puts_the_earliest_first(two_ranked):
    ben_guerir, zagora = two_ranked
    assert slugs(selectors.ranking(selectors.Filters(), "adoption_date"))[:2] == [zagora, ben_guerir]


def test_a_ranking_keeps_the_filters_and_ignores_the_tables_sorting(two_ranked, commune):
    filters = selectors.Filters(region=commune.region.code, sort="name", descending=False)
    ranked = slugs(selectors.ranking(filters, "answered_share"))
    assert ranked[0] == commune.slug
    assert set(ranked) == set(slugs(selectors.members(filters)))


@pytest.mark.parametrize("measure", selectors.CHOOSABLE)
def test_each_measure_has_its_chart(computed, commune, measure):
    level, series = charts.for_measure(measure, selectors.Filters())
    assert series.rows
    if measure in selectors.MEASURES:
        assert level == "region" and series.id == f"netdash-{measure}"
        level, _series = charts.for_measure(measure, selectors.Filters(region=commune.region.code))
        assert level == "province"
    else:
        assert level == "" and series.id in ("netdash-phase", "netdash-adoption")


def form(data: dict, *, staff: bool = False, sorting: bool = True) -> FilterForm:
    return FilterForm(data, regions=list(Region.objects.all()), staff=staff, sorting=sorting)


def test_links_are_built_from_the_checked_values(reference):
    filters = form({"region": "07", "cohort": "2026", "order": "desc", "measure": "", "junk": "<x>"})
    assert filters.is_valid()
    assert filters.cleaned_data["measure"] == selectors.DEFAULT_MEASURE
    assert filters.query() == "region=07&cohort=2026&order=desc&measure=ideas_per_1000"
    assert filters.query(measure="phase").endswith("&measure=phase")
    assert filters.csv_query() == "region=07&cohort=2026&order=desc"


def test_the_measures_page_hides_the_sorting_but_keeps_it(reference):
    measures = form({"sort": "women_share"}, sorting=False)
    assert measures.is_valid()
    assert [f.name for f in measures.shown()] == ["region", "kind", "cohort", "ogp"]
    assert [f.name for f in measures.kept()] == ["sort", "order", "measure"]
    table = form({}, staff=True)
    assert [f.name for f in table.shown()] == ["region", "kind", "cohort", "ogp", "stalled", "sort", "order"]
    assert [f.name for f in table.kept()] == ["measure"]


def test_the_folded_filter_box_says_the_filters_in_use(reference):
    with translation.override("fr"):
        filters = form({"region": "07", "kind": "commune", "cohort": "2026", "ogp": "yes"})
        assert filters.is_valid()
        assert filters.active() == ["Marrakech-Safi", "Commune", "Année de la cohorte : 2026", "OGP Local : Oui"]
        nothing = form({})
        assert nothing.is_valid() and nothing.active() == []


@pytest.mark.parametrize("measure", ["password", "population", "last_moved_on", "name"])
def test_a_measure_not_offered_is_refused_in_the_readers_language(client, computed, measure):
    response = client.get("/fr/network/dashboard/", {"measure": measure, "kind": "commune"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-measure">Mesure : Sélectionnez un choix valide.' in html
    assert "Certains filtres ne sont pas valides" in html and "chart-svg" not in html
