"""Loading the reference data shipped in ``data/``: regions, provinces, members and the charter.

Besides the 88 named members, every regional council and every prefectural or provincial council is loaded as a
collectivity without membership, so that a council can apply to join on a fresh install (communes are too many to
ship: an applicant names its commune). Idempotent: running it again updates rows in place (matched by code or
slug), never deletes anything and never renames a council a network admin has edited.
"""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import Charter, Collectivity, Membership, Province, Region
from .services import without_commune_word

DATA_DIR = Path(__file__).resolve().parent / "data"

# Spelling slips of the source documents, corrected for display (see data/PROVENANCE.md).
ARABIC_CORRECTIONS = {
    "تاحنات": "تحناوت",
    "الذشيرة الجهادية": "الدشيرة الجهادية",
    "أولاد تايممة": "أولاد تايمة",
    "تارجاست": "ترجيست",
    "اسفي": "آسفي",
}
OGP_LOCAL = {
    ("commune", "Tétouan"),
    ("commune", "Agadir"),
    ("region", "01"),
    ("region", "05"),
    ("region", "09"),
    ("region", "02"),
    ("region", "08"),
    ("region", "11"),
}
CHARTER_VERSION = "2022"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _without_region_word(name_ar: str) -> str:
    return name_ar.removeprefix("جهة ").strip()


def _commune_name_ar(raw: str) -> str:
    name = without_commune_word(raw.strip())
    return ARABIC_CORRECTIONS.get(name, name)


def _member_identity(row, regions, provinces, blank_counter) -> tuple[str, dict[str, str]]:
    """Slug and names (ar, fr, en, zgh) of one member row."""
    kind = row["kind"]
    if kind == Collectivity.Kind.REGION:
        region = regions[row["region_code"]]
        return f"region-{slugify(region.name_fr)}", {
            "ar": _without_region_word(region.name_ar),
            "fr": region.name_fr,
            "en": region.name_en,
            "zgh": region.name_zgh,
        }
    if kind in (Collectivity.Kind.PROVINCE_COUNCIL, Collectivity.Kind.PREFECTURE_COUNCIL):
        province = provinces[row["province_code"]]
        prefix = "province" if kind == Collectivity.Kind.PROVINCE_COUNCIL else "prefecture"
        return f"{prefix}-{slugify(province.name_fr)}", {
            "ar": province.name_ar,
            "fr": province.name_fr,
            "en": province.name_fr,
            "zgh": province.name_zgh,
        }
    name_fr = row["name_fr"].strip()
    if name_fr:
        slug = slugify(name_fr)
    else:
        blank_counter[row["province_code"]] = blank_counter.get(row["province_code"], 0) + 1
        slug = f"commune-{row['province_code']}-{blank_counter[row['province_code']]}"
    return slug, {"ar": _commune_name_ar(row["name_ar"]), "fr": name_fr, "en": name_fr, "zgh": row["name_zgh"]}


def _load_charter() -> Charter:
    bodies = {lang: (DATA_DIR / f"charter_{lang}.md").read_text(encoding="utf-8") for lang in ("ar", "fr", "en")}
    charter, _ = Charter.objects.update_or_create(
        version=CHARTER_VERSION,
        defaults={
            "title_ar": "ميثاق الشبكة المغربية للجماعات الترابية المنفتحة",
            "title_fr": "Charte du Réseau Marocain des Collectivités Territoriales Ouvertes",
            "title_en": "Charter of the Moroccan Network of Open Territorial Collectivities",
            "body_ar": bodies["ar"],
            "body_fr": bodies["fr"],
            "body_en": bodies["en"],
            "is_current": True,
        },
    )
    return charter


@transaction.atomic
def load_reference() -> dict[str, int]:
    """Load or refresh all reference data; returns the row counts per table."""
    regions = {}
    for row in _rows("regions.csv"):
        regions[row["code"]], _ = Region.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_ar": row["name_ar"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "name_zgh": row["name_zgh"],
                "seat_fr": row["seat_fr"],
                "seat_en": row["seat_fr"],
                "population_2024": int(row["population_2024"] or 0) or None,
            },
        )
    provinces = {}
    for row in _rows("provinces.csv"):
        provinces[row["code"]], _ = Province.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": row["kind"],
                "name_ar": row["name_ar"],
                "name_fr": row["name_fr"],
                "name_en": row["name_fr"],
                "name_zgh": row["name_zgh"],
                "region": regions[row["region_code"]],
                "population_2024": int(row["population_2024"] or 0) or None,
            },
        )
    charter = _load_charter()
    blank_counter: dict[str, int] = {}
    region_councils = {}
    members = []
    for row in _rows("remacto_members.csv"):
        slug, names = _member_identity(row, regions, provinces, blank_counter)
        ogp_key = row["region_code"] if row["kind"] == "region" else row["name_fr"]
        collectivity, _ = Collectivity.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": row["kind"],
                "name_ar": names["ar"],
                "name_fr": names["fr"],
                "name_en": names["en"],
                "name_zgh": names["zgh"],
                "region": regions[row["region_code"]],
                "province": provinces.get(row["province_code"]) if row["kind"] != "region" else None,
                "is_ogp_local": (row["kind"], ogp_key) in OGP_LOCAL,
            },
        )
        Membership.objects.update_or_create(
            collectivity=collectivity,
            defaults={
                "cohort_year": int(row["cohort_year"]) if row["cohort_year"] else None,
                "charter": charter,
                "source": row["source"],
            },
        )
        if row["kind"] == "region":
            region_councils[row["region_code"]] = collectivity
        members.append(collectivity)
    councils = _load_other_councils(regions, provinces, region_councils)
    for collectivity in members + councils:
        parent = None if collectivity.kind == "region" else region_councils.get(collectivity.region.code)
        if collectivity.parent_id != (parent.pk if parent else None):
            collectivity.parent = parent
            collectivity.save(update_fields=["parent", "search_text"])
    return {
        "regions": Region.objects.count(),
        "provinces": Province.objects.count(),
        "members": Membership.objects.count(),
        "other councils": Collectivity.objects.filter(membership__isnull=True).exclude(kind="commune").count(),
    }


def _load_other_councils(regions, provinces, region_councils) -> list[Collectivity]:
    """Create the regional and provincial councils that are not members yet (left as they are when present)."""
    created = []
    for code, region in regions.items():
        if code in region_councils or Collectivity.objects.filter(kind="region", region=region).exists():
            continue
        identity = _member_identity({"kind": "region", "region_code": code}, regions, provinces, {})
        created.append(_council(identity, "region", region, None, ("region", code) in OGP_LOCAL))
        region_councils[code] = created[-1]
    taken = set(
        Collectivity.objects.filter(kind__in=["province_council", "prefecture_council"]).values_list(
            "province_id", flat=True
        )
    )
    for code, province in provinces.items():
        if province.pk in taken:
            continue
        kind = "prefecture_council" if province.kind == Province.Kind.PREFECTURE else "province_council"
        identity = _member_identity({"kind": kind, "province_code": code}, regions, provinces, {})
        created.append(_council(identity, kind, province.region, province, False))
    return created


def _council(identity, kind: str, region: Region, province: Province | None, ogp: bool) -> Collectivity:
    slug, names = identity
    return Collectivity.objects.create(
        slug=slug,
        kind=kind,
        name_ar=names["ar"],
        name_fr=names["fr"],
        name_en=names["en"],
        name_zgh=names["zgh"],
        region=region,
        province=province,
        is_ogp_local=ogp,
    )
