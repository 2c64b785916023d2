"""Content in the reader's language, or a fallback that says so."""

import pytest
from django.template import Context, Template
from django.utils import translation

from remacto.core.translation import fallback_chain, translated
from remacto.territories.models import Collectivity


def test_chain_starts_with_the_reader_language():
    assert fallback_chain("zgh") == ["zgh", "ar", "fr", "en"]
    assert fallback_chain("ar") == ["ar", "fr", "en"]


@pytest.mark.django_db
def test_fallback_is_detected_and_noted(reference):
    commune = Collectivity.objects.get(slug="ben-guerir")
    assert translated(commune, "name", "fr").text == "Ben Guerir"
    assert not translated(commune, "name", "fr").is_fallback
    commune.name_zgh = ""  # as for a member whose Tifinagh name is not given
    shown = translated(commune, "name", "zgh")
    assert shown.is_fallback and shown.language == "ar" and shown.direction == "rtl"
    with translation.override("zgh"):
        html = Template('{% load remacto %}{% tr c "name" as n %}{% fallback_note n %}').render(Context({"c": commune}))
    assert 'class="fallback-note"' in html


@pytest.mark.django_db
def test_no_note_when_the_text_exists(reference):
    commune = Collectivity.objects.get(slug="ben-guerir")
    with translation.override("fr"):
        html = Template('{% load remacto %}{% tr c "name" as n %}{% fallback_note n %}').render(Context({"c": commune}))
    assert html.strip() == ""
