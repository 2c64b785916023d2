"""The public member directory and spaces: filters, Arabic-aware search, bad input, query counts."""

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.territories import selectors
from remacto.territories.models import Membership

pytestmark = pytest.mark.django_db


def _slugs(**filters):
    return set(selectors.directory(**filters).values_list("slug", flat=True))


def test_directory_lists_every_member(reference, client):
    response = client.get("/ar/members/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Membership.objects.count() == 88


def test_search_ignores_hamza_alef_and_ta_marbuta(reference):
    assert "oulad-teima" in _slugs(q="اولاد تايمه")
    assert "ait-melloul" in _slugs(q="ايت ملول")
    assert "inezgane" in _slugs(q="انزكان")


def test_search_in_french_ignores_accents_and_case(reference):
    assert _slugs(q="TETOUAN") >= {"tetouan", "province-tetouan"}
    assert _slugs(q="kenitra") == {"region-rabat-sale-kenitra"}


def test_filters_combine(reference):
    assert _slugs(region="07", kind="commune") == {
        "ben-guerir",
        "essaouira",
        "marrakech",
        "saada",
        "safi",
        "tahannaout",
    }
    unknown_cohort = _slugs(cohort="none")
    assert len(unknown_cohort) == 23 and "martil" in unknown_cohort
    assert len(_slugs(cohort="2022")) == 65


@pytest.mark.parametrize("q", ["اقليم", "إقليم", "الإقليمي", "province", "Provinces"])
def test_province_words_list_the_provincial_councils(reference, q):
    assert _slugs(q=q) == _slugs(kind="province_council") and len(_slugs(q=q)) == 8


@pytest.mark.parametrize("q", ["جماعة", "الجماعة", "commune", "Communes"])
def test_commune_words_list_the_communes(reference, q):
    assert _slugs(q=q) == _slugs(kind="commune") and len(_slugs(q=q)) == 69


def test_council_words_list_every_council_and_combine(reference):
    councils = _slugs(kind="region") | _slugs(kind="province_council") | _slugs(kind="prefecture_council")
    assert _slugs(q="مجلس") == _slugs(q="conseil") == councils and len(councils) == 19
    assert _slugs(q="مجلس جهة") == _slugs(kind="region")
    assert _slugs(q="المجلس الإقليمي تطوان") == {"province-tetouan"}
    assert _slugs(q="جماعة تطوان") == {"tetouan"}


@pytest.mark.parametrize("q", ["Benguerir", "benguerir", "بنجرير", "ابنجرير", "بن جرير", "Ben Guerir", "جماعة بنجرير"])
def test_names_written_together_or_apart_are_found(reference, q):
    assert _slugs(q=q) == {"ben-guerir"}


@pytest.mark.parametrize(("language", "empty"), [("fr", "Aucun membre"), ("ar", "يطابق بحثك")])
def test_search_with_no_result_says_so_once(reference, client, language, empty):
    with translation.override(language):
        response = client.get(f"/{language}/members/", {"q": "zzzz"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(empty) == 1
    assert 'class="result-count"' not in body


def test_over_long_search_gets_a_clear_message_and_the_list(reference, client):
    response = client.get("/ar/members/", {"q": "ب" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert response.context["page"].paginator.count == 88


def test_bad_page_numbers_never_fail(reference, client):
    for page in ("abc", "-3", "0", "99999", "1.5"):
        response = client.get("/ar/members/", {"page": page})
        assert response.status_code == 200


def test_unknown_filter_values_are_ignored_with_a_message(reference, client):
    response = client.get("/ar/members/", {"region": "99", "kind": "planet", "cohort": "1999"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"region", "kind", "cohort"}
    assert response.context["page"].paginator.count == 88


def test_htmx_request_gets_only_the_results(reference, client):
    response = client.get("/ar/members/", {"q": "مراكش"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "marrakech" in body


def test_directory_page_uses_a_bounded_number_of_queries(reference, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/ar/members/")


def test_space_page(reference, client, focal_point, commune):
    focal_point.display_name = "Youssef"
    focal_point.save()
    response = client.get(reverse("territories:space", kwargs={"slug": commune.slug}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "ابن جرير" in body and "Youssef" in body


def test_space_page_queries_are_bounded(reference, client, focal_point, commune, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(f"/ar/members/{commune.slug}/")


def test_unknown_slug_is_a_404_in_the_reader_language(reference, client):
    response = client.get("/fr/members/no-such-place/")
    assert response.status_code == 404
    assert 'lang="fr"' in response.content.decode()


def test_home_page_counts_and_regions(reference, client):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert response.context["counts"]["total"] == 88
    assert len(response.context["regions"]) == 12


def test_charter_page_in_each_language(reference, client):
    assert "التزامات أعضاء الشبكة" in client.get("/ar/charter/").content.decode()
    assert "Engagements des membres" in client.get("/fr/charter/").content.decode()
    zgh = client.get("/zgh/charter/").content.decode()
    assert 'class="fallback-note"' in zgh and 'dir="rtl"' in zgh


def test_space_links_discussions_and_tools_per_role(reference, client, moderator, citizen, focal_point, commune):
    page = f"/ar/members/{commune.slug}/"
    public = client.get(page).content.decode()
    assert f"/members/{commune.slug}/discussions/" in public and f"/members/{commune.slug}/moderation/log/" in public
    client.force_login(moderator)
    body = client.get(page).content.decode()
    assert f'/members/{commune.slug}/moderation/"' in body and "/programme/new/" not in body
    client.force_login(focal_point)
    assert "/programme/new/" in client.get(page).content.decode()
    client.force_login(citizen)
    assert f'/members/{commune.slug}/moderation/"' not in client.get(page).content.decode()
