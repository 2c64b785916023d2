"""The default signature thresholds (organic laws 111.14, 112.14 and 113.14), shared by the data migration that
creates them and by tests that empty the tables. Regions: 300 signatures under 1 million inhabitants, 400 from
1 to 3 million, 500 above, with at least 5 % of the required number in each prefecture or province. Communes:
100 under 35,000 inhabitants, 200 above, 400 with arrondissements; prefectures and provinces 300. The commune and
the prefecture and province figures are marked to be confirmed against the published texts.

The grace period after a petition's closing date during which paper lists collected in time may still be typed
(then a petition short of signatures lapses) is not in the texts read: 30 days on every row, marked to be
confirmed (``grace_to_confirm``)."""

GRACE_DAYS = 30

REGION = {
    "ar": "القانون التنظيمي رقم 111.14 المتعلق بالجهات، المواد 120 إلى 122",
    "fr": "Loi organique n° 111.14 relative aux régions, articles 120 à 122",
    "en": "Organic law 111.14 on regions, articles 120 to 122",
    "zgh": "ⴰⵣⵔⴼ ⴰⵏⵙⵙⵓⴷⵙ 111.14 ⵅⴼ ⵜⵉⵏⴰⴹⵉⵏ, ⵜⵉⵏⴰⵥⵉⵎⵉⵏ 120 ⴰⵔ 122",
}
PROVINCE = {
    "ar": "القانون التنظيمي رقم 112.14 المتعلق بالعمالات والأقاليم، المواد 114 إلى 116",
    "fr": "Loi organique n° 112.14 relative aux préfectures et provinces, articles 114 à 116",
    "en": "Organic law 112.14 on prefectures and provinces, articles 114 to 116",
    "zgh": "ⴰⵣⵔⴼ ⴰⵏⵙⵙⵓⴷⵙ 112.14 ⵅⴼ ⵜⵉⵎⴰⵍⴰⵜⵉⵏ ⴷ ⵉⵇⵍⵉⵎⵏ, ⵜⵉⵏⴰⵥⵉⵎⵉⵏ 114 ⴰⵔ 116",
}
COMMUNE = {
    "ar": "القانون التنظيمي رقم 113.14 المتعلق بالجماعات، المواد 121 إلى 125",
    "fr": "Loi organique n° 113.14 relative aux communes, articles 121 à 125",
    "en": "Organic law 113.14 on communes, articles 121 to 125",
    "zgh": "ⴰⵣⵔⴼ ⴰⵏⵙⵙⵓⴷⵙ 113.14 ⵅⴼ ⵜⵉⵖⵔⴰⵎⵉⵏ, ⵜⵉⵏⴰⵥⵉⵎⵉⵏ 121 ⴰⵔ 125",
}
# kind, from, below, with arrondissements, signatures, share (%), source, to be confirmed
DEFAULTS = [
    ("region", 0, 1_000_000, False, 300, 5, REGION, False),
    ("region", 1_000_000, 3_000_001, False, 400, 5, REGION, False),
    ("region", 3_000_001, None, False, 500, 5, REGION, False),
    ("prefecture_council", 0, None, False, 300, 0, PROVINCE, True),
    ("province_council", 0, None, False, 300, 0, PROVINCE, True),
    ("commune", 0, 35_000, False, 100, 0, COMMUNE, True),
    ("commune", 35_000, None, False, 200, 0, COMMUNE, True),
    ("commune", 0, None, True, 400, 0, COMMUNE, True),
]


def create(Threshold) -> None:
    """Create the default rows with the model class ``Threshold`` (the migration's historical one, or the real one)."""
    for kind, low, high, arrondissements, signatures, share, source, to_confirm in DEFAULTS:
        Threshold.objects.create(
            kind=kind,
            min_population=low,
            max_population=high,
            with_arrondissements=arrondissements,
            signatures=signatures,
            province_share=share,
            **{f"legal_source_{code}": text for code, text in source.items()},
            to_confirm=to_confirm,
        )
