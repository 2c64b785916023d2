"""The library's search folds spellings as the member directory does: hamza seats and alef forms, ta marbuta and
ha, diacritics, French accents and case; and its filters by axis, principle, kind and member."""

import pytest

from remacto.practices import selectors, services
from remacto.territories.models import Collectivity

from .conftest import VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(focal_point, other_focal_point, commune, other_commune, network_admin):
    arabic = services.submit_practice(
        focal_point,
        commune,
        VALUES,
        structure=services.parse_structure("المشاركة المواطنة\n- دليل العرائض"),
    )
    french = services.submit_practice(
        other_focal_point,
        other_commune,
        {
            **VALUES,
            "title": "Budget participatif à l'école",
            "summary": "Les élèves votent pour des projets.",
            "description": "Une **consultation** des élèves.",
            "serves_digitalisation": False,
            "serves_participation": True,
        },
        structure=services.parse_structure("Démocratie participative\n- Vote des élèves"),
    )
    for practice in (arabic, french):
        services.publish(network_admin, practice)
    return arabic, french


def found(**filters) -> list[str]:
    return list(selectors.search(selectors.published(), **filters).values_list("title", flat=True))


@pytest.mark.parametrize(
    "q",
    [
        "الإدارة الرقمية",  # as written
        "الادارة الرقميه",  # bare alef, ha for ta marbuta
        "الأدارة",  # another hamza seat
        "الإِدَارَة",  # with diacritics
        "المساطر الرقمية",  # words in any order
        "العرائض",  # a project of its structure
        "العرايض",  # ya for hamza on ya
    ],
)
def test_arabic_spelling_variants_find_the_practice(library, q):
    assert found(q=q) == ["الإدارة الرقمية وتبسيط المساطر"]


@pytest.mark.parametrize("q", ["ecole", "ÉCOLE", "eleves", "democratie participative", "Budget Participatif"])
def test_french_accents_and_case_are_ignored(library, q):
    assert found(q=q) == ["Budget participatif à l'école"]


def test_no_match_and_filters(library):
    assert found(q="الميزانية الرقمية غير موجودة") == []
    assert found(axis="المشاركه") == ["الإدارة الرقمية وتبسيط المساطر"]
    assert found(axis="democratie") == ["Budget participatif à l'école"]
    assert found(principle="digitalisation") == ["الإدارة الرقمية وتبسيط المساطر"]
    assert found(principle="citizen_participation") == ["Budget participatif à l'école"]
    assert found(principle="unknown") == []
    assert found(member="zagora") == ["Budget participatif à l'école"]
    assert sorted(found(kind=Collectivity.Kind.COMMUNE)) == sorted(p.title for p in library)
    assert found(kind=Collectivity.Kind.REGION) == []


def test_only_published_practices_are_found(library, focal_point, commune):
    services.submit_practice(focal_point, commune, {**VALUES, "title": "الإدارة الرقمية: مسودة"})
    assert found(q="الادارة") == ["الإدارة الرقمية وتبسيط المساطر"]
