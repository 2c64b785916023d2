"""Reference data: every row of the shipped CSV files, loaded idempotently, with display corrections."""

import csv

import pytest

from remacto.accounts.models import Role
from remacto.territories.models import Charter, Collectivity, Membership, Province, Region
from remacto.territories.reference import DATA_DIR, load_reference

pytestmark = pytest.mark.django_db


def _csv_rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_row_is_loaded(reference):
    assert Region.objects.count() == len(_csv_rows("regions.csv")) == 12
    assert Province.objects.count() == len(_csv_rows("provinces.csv")) == 75
    members = _csv_rows("remacto_members.csv")
    assert Membership.objects.count() == len(members) == 88
    by_kind = {k: sum(1 for r in members if r["kind"] == k) for k in ("region", "province_council", "commune")}
    for kind, n in by_kind.items():
        assert Collectivity.objects.filter(kind=kind, membership__isnull=False).count() == n


def test_codes_keep_leading_zeros(reference):
    assert Region.objects.filter(code="01").exists()
    assert Province.objects.get(code="051").name_fr == "Al Hoceïma"


def test_loading_twice_changes_nothing_and_keeps_roles(reference, focal_point, commune):
    before = (Collectivity.objects.count(), Membership.objects.count(), Province.objects.count())
    load_reference()
    assert (Collectivity.objects.count(), Membership.objects.count(), Province.objects.count()) == before
    assert Role.objects.filter(user=focal_point, collectivity=commune).exists()
    assert Charter.objects.filter(is_current=True).count() == 1


def test_spelling_slips_are_corrected_and_prefixes_dropped(reference):
    names = set(Collectivity.objects.values_list("name_ar", flat=True))
    assert "أولاد تايمة" in names and "أولاد تايممة" not in names
    assert "تحناوت" in names and "تاحنات" not in names
    assert not any(n.startswith("جماعة ") for n in names)


def test_hierarchy_and_councils(reference):
    commune = Collectivity.objects.get(slug="ben-guerir")
    assert commune.region.code == "07"
    assert commune.parent.kind == Collectivity.Kind.REGION
    assert commune.parent.region_id == commune.region_id
    council = Collectivity.objects.get(slug="province-zagora")
    assert council.kind == Collectivity.Kind.PROVINCE_COUNCIL and council.province.code
    assert Collectivity.objects.get(slug="zagora").kind == Collectivity.Kind.COMMUNE


def test_unnamed_commune_gets_a_stable_slug(reference):
    unnamed = Collectivity.objects.get(name_ar="عيادة")
    assert unnamed.slug == "commune-331-1"
    load_reference()
    assert Collectivity.objects.get(name_ar="عيادة").pk == unnamed.pk


def test_ogp_local_members_are_flagged(reference):
    flagged = set(Collectivity.objects.filter(is_ogp_local=True).values_list("slug", flat=True))
    assert {"tetouan", "agadir", "region-tanger-tetouan-al-hoceima"} <= flagged
    assert "ben-guerir" not in flagged


def test_every_council_is_listed_so_that_it_can_apply(reference):
    """Regional, prefectural and provincial councils that are not members are loaded without membership, once."""
    assert Collectivity.objects.filter(kind="region").count() == 12
    councils = Collectivity.objects.filter(kind__in=["province_council", "prefecture_council"])
    assert councils.count() == Province.objects.count() == 75
    assert councils.values("province").distinct().count() == 75
    for council in councils.filter(membership__isnull=True).select_related("province", "parent"):
        expected = "prefecture_council" if council.province.kind == "prefecture" else "province_council"
        assert council.kind == expected
        assert council.parent.kind == "region" and council.parent.region_id == council.province.region_id
    assert not Collectivity.objects.filter(kind="commune", membership__isnull=True).exists()


def test_a_renamed_council_is_left_as_edited(reference):
    council = Collectivity.objects.filter(kind="province_council", membership__isnull=True).first()
    council.name_ar = "اسم صححه فريق الشبكة"
    council.save()
    load_reference()
    council.refresh_from_db()
    assert council.name_ar == "اسم صححه فريق الشبكة"
