"""The co-creation opinions become opinions of advisory bodies.

Forwards: one body per distinct (collectivity, body name) of the co-creation ``Opinion`` records (a standing
committee stays one; an advisory body is the youth or economic body of a region when its name says so, the
equity body otherwise), and per record a request on its programme (without a case: none was recorded) with its
opinion, keeping the date, the summary, the document and who recorded it. Records already carried over are
skipped, so running it again adds nothing.

Backwards: the requests carried over are removed (the co-creation records are still there), and every other
opinion given here on a programme is copied back to a co-creation ``Opinion`` (and marked as carried over) so
that no opinion is lost; bodies left with nothing (no request, member, meeting or description) are removed.
"""

from django.db import migrations

YOUTH_WORDS = ("شباب", "jeune", "youth", "ⵉⵏⴻⵍⵎⴰⴷⵏ")
ECONOMIC_WORDS = ("اقتصاد", "économ", "econom", "ⴰⴷⵎⵙⴰⵏ")


def body_kind(legacy_kind: str, name: str, collectivity_kind: str) -> str:
    if legacy_kind == "standing_committee":
        return "standing_committee"
    lowered = name.lower()
    if collectivity_kind == "region":
        if any(word in lowered for word in YOUTH_WORDS):
            return "youth"
        if any(word in lowered for word in ECONOMIC_WORDS):
            return "economic"
    return "equity"


def forwards(apps, schema_editor):
    LegacyOpinion = apps.get_model("cocreation", "Opinion")
    Body = apps.get_model("advisory", "Body")
    OpinionRequest = apps.get_model("advisory", "OpinionRequest")
    Opinion = apps.get_model("advisory", "Opinion")
    done = set(OpinionRequest.objects.exclude(legacy_opinion_id=None).values_list("legacy_opinion_id", flat=True))
    for legacy in LegacyOpinion.objects.select_related("programme__collectivity").order_by("id").iterator():
        if legacy.pk in done:
            continue
        collectivity = legacy.programme.collectivity
        name = legacy.body_name.strip() or legacy.body_name
        body, _created = Body.objects.get_or_create(
            collectivity=collectivity,
            name=name,
            defaults={"kind": body_kind(legacy.body_kind, name, collectivity.kind)},
        )
        request = OpinionRequest.objects.create(
            body=body,
            case=None,
            asked_by="council",
            subject_kind="programme",
            programme=legacy.programme,
            received_on=legacy.received_on,
            recorded_by_id=legacy.recorded_by_id,
            legacy_opinion_id=legacy.pk,
        )
        Opinion.objects.create(
            request=request,
            received_on=legacy.received_on,
            text=legacy.summary,
            document=legacy.document.name if legacy.document else "",
            recorded_by_id=legacy.recorded_by_id,
        )


def backwards(apps, schema_editor):
    LegacyOpinion = apps.get_model("cocreation", "Opinion")
    Body = apps.get_model("advisory", "Body")
    OpinionRequest = apps.get_model("advisory", "OpinionRequest")
    Opinion = apps.get_model("advisory", "Opinion")
    legacy_ids = set(LegacyOpinion.objects.values_list("id", flat=True))
    # Carried over from a co-creation record that still exists (they never have a case): that record keeps it.
    OpinionRequest.objects.filter(legacy_opinion_id__in=legacy_ids, case=None).delete()
    given_here = Opinion.objects.filter(request__programme__isnull=False, request__legacy_opinion_id=None)
    # A request made here keeps its case, vote and recommendations; its copy is marked so forwards skips it.
    for opinion in given_here.select_related("request__body").order_by("id"):
        request = opinion.request
        legacy = LegacyOpinion.objects.create(
            programme_id=request.programme_id,
            body_kind="standing_committee" if request.body.kind == "standing_committee" else "advisory_body",
            body_name=request.body.name,
            received_on=opinion.received_on,
            summary=_summary(opinion)[:4000],
            document=opinion.document.name if opinion.document else "",
            recorded_by_id=opinion.recorded_by_id,
        )
        request.legacy_opinion_id = legacy.pk
        request.save(update_fields=["legacy_opinion_id"])
    Body.objects.filter(requests=None, members=None, meetings=None, description="").delete()


def _summary(opinion) -> str:
    lines = [opinion.text, *(f"- {text}" for text in opinion.recommendations or [])]
    return "\n".join(lines)


class Migration(migrations.Migration):
    dependencies = [
        ("advisory", "0001_initial"),
        ("cocreation", "0003_idea_decision_not_recorded"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
