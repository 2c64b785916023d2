"""Four languages: prefixes, direction, the switcher keeping the page, error pages in the reader's language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("zgh", "ltr"), ("en", "ltr")])
def test_each_language_sets_lang_and_dir(reference, client, lang, direction):
    body = client.get(f"/{lang}/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body


def test_root_redirects_to_arabic_by_default(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/ar/"


def test_root_follows_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response["Location"] == "/fr/"


def test_switcher_keeps_the_current_page_and_query(reference, client):
    body = client.get("/ar/members/", {"region": "07"}).content.decode()
    assert 'href="/fr/members/?region=07"' in body
    assert 'href="/zgh/members/?region=07"' in body


def test_unknown_language_prefix_is_a_404_page(client):
    response = client.get("/xx/members/")
    assert response.status_code == 404
    assert "<html" in response.content.decode()


def test_arabic_pages_have_no_untranslated_navigation(reference, client):
    body = client.get("/ar/").content.decode()
    for english in (">Members<", ">Charter<", ">Sign in<", "Skip to content"):
        assert english not in body


def test_amazigh_navigation_and_home_are_in_tifinagh(reference, client):
    body = client.get("/zgh/").content.decode()
    for english in (">Home<", ">Members<", ">Charter<", "Four openness principles"):
        assert english not in body
    assert any("\u2d30" <= ch <= "\u2d7f" for ch in body)


def test_security_headers(client):
    response = client.get("/ar/charter/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_server_error_page_in_the_reader_language(client, settings, monkeypatch):
    from remacto.territories import views

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", boom)
    from django.test import Client

    raising = Client(raise_request_exception=False)
    settings.DEBUG = False
    response = raising.get("/fr/charter/")
    assert response.status_code == 500
    assert 'lang="fr"' in response.content.decode()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_one_word_for_sign_up_in_the_menu_and_on_the_page(client, db, language):
    import re

    page = client.get(f"/{language}/accounts/signup/").content.decode()
    menu = re.search(rf'<a class="button small" href="/{language}/accounts/signup/">([^<]+)</a>', page).group(1)
    heading = re.search(r"<h1>\s*([^<]+?)\s*</h1>", page).group(1)
    assert menu == heading, (menu, heading)
