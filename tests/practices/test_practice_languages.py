"""A practice's axes, principles and collectivity kind in the reader's language: the structure's titles keep every
language of the programme they come from (and go back into programmes with them), a title typed in one language
is stored as that language, and the pages show each in ar, fr, zgh or en with its own ``lang`` and ``dir``."""

import pytest
from django.utils import translation

from remacto.cocreation.models import Axis, Phase, Programme, Project
from remacto.core.text import language_of_script
from remacto.practices import services

from .conftest import VALUES

pytestmark = pytest.mark.django_db

AXIS = {"title_ar": "الرقمنة", "title_fr": "Digitalisation", "title_zgh": "ⴰⵙⵏⵓⵎⵏ"}
PROJECT = {"title_ar": "شباك رقمي", "title_fr": "Guichet numérique"}


@pytest.fixture
def from_programme(focal_point, commune, network_admin):
    """A published practice whose structure comes from a programme with titles in several languages."""
    programme = Programme.objects.create(collectivity=commune, cycle="2024-2025", title="ب", phase=Phase.DRAFTING)
    axis = Axis.objects.create(programme=programme, order=1, serves_digitalisation=True, **AXIS)
    Project.objects.create(programme=programme, axis=axis, budget=0, **PROJECT)
    practice = services.submit_practice(focal_point, commune, VALUES, source_programme=programme)
    return services.publish(network_admin, practice)


def test_the_structure_copied_from_a_programme_keeps_each_language(from_programme):
    axis = from_programme.axes.get()
    assert (axis.title_ar, axis.title_fr, axis.title_zgh, axis.title_en) == (*AXIS.values(), None)
    project = axis.projects.get()
    assert (project.title_ar, project.title_fr) == tuple(PROJECT.values())
    assert "guichet numerique" in from_programme.search_text and "شباك رقمي" in from_programme.search_text


@pytest.mark.parametrize(
    ("language", "axis", "project", "principle", "kind"),
    [
        ("ar", "الرقمنة", "شباك رقمي", "الرقمنة", "جماعة"),
        ("fr", "Digitalisation", "Guichet numérique", "Digitalisation", "Commune"),
        ("zgh", "ⴰⵙⵏⵓⵎⵏ", "شباك رقمي", "ⴰⵙⵏⵓⵎⵏ", "ⵜⴰⵊⵎⴰⵄⵜ"),
    ],
)
def test_the_practice_page_shows_axes_principles_and_kind_in_the_readers_language(
    client, from_programme, language, axis, project, principle, kind
):
    body = client.get(f"/{language}{from_programme.get_absolute_url()[3:]}").content.decode()
    direction = "ltr" if language == "fr" else "rtl" if language == "ar" else "ltr"
    assert f'<span lang="{language}" dir="{direction}">{axis}</span>' in body
    assert project in body  # the Amazigh reader gets the Arabic title of a project not written in Amazigh
    assert f'<span class="badge">{principle}</span>' in body
    assert kind in body


def test_a_typed_title_is_stored_in_the_language_of_its_letters(focal_point, commune):
    with translation.override("fr"):
        practice = services.submit_practice(
            focal_point,
            commune,
            VALUES,
            structure=services.parse_structure("المشاركة المواطنة\n- Budget participatif\nⴰⵙⵏⵓⵎⵏ"),
        )
    first, second = practice.axes.all()
    assert (first.title_ar, first.title_fr) == ("المشاركة المواطنة", None)
    assert first.projects.get().title_fr == "Budget participatif"
    assert (second.title_zgh, second.title_ar) == ("ⴰⵙⵏⵓⵎⵏ", None)
    assert [language_of_script(t) for t in ("نص", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "Texte")] == ["ar", "zgh", "fr"]
    assert language_of_script("Text", "en") == "en"


def test_typing_the_structure_again_keeps_the_translations_of_unchanged_titles(from_programme, focal_point):
    services.update_practice(
        focal_point, from_programme, VALUES, structure=services.parse_structure("الرقمنة\n- شباك رقمي\n- بوابة")
    )
    axis = from_programme.axes.get()
    assert (axis.title_fr, axis.title_zgh) == ("Digitalisation", "ⴰⵙⵏⵓⵎⵏ")
    assert [(p.title_ar, p.title_fr) for p in axis.projects.all()] == [
        ("شباك رقمي", "Guichet numérique"),
        ("بوابة", None),
    ]


def test_using_the_practice_as_a_template_copies_every_language(from_programme, other_focal_point, programme_at):
    programme = programme_at(Phase.AXES)
    services.use_as_template(other_focal_point, from_programme, programme)
    axis = programme.axes.get()
    assert (axis.title_ar, axis.title_fr, axis.title_zgh) == tuple(AXIS.values())
    drafting = programme_at(Phase.DRAFTING, "2028-2029")
    Axis.objects.create(programme=drafting, order=1, title_fr="Digitalisation")  # matched in another language
    services.use_as_template(other_focal_point, from_programme, drafting)
    project = drafting.projects.get()
    assert (project.title_ar, project.title_fr, project.axis.title_fr) == (*PROJECT.values(), "Digitalisation")
    assert drafting.axes.count() == 1
