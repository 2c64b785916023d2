"""The data migration that makes the co-creation opinions opinions of advisory bodies, run backwards and forwards
with existing records: every field is kept, nothing is lost either way, and running it again adds nothing."""

import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from remacto.advisory.models import Body, BodyKind, Opinion, OpinionRequest
from remacto.advisory.services import opinions
from remacto.cocreation.models import Opinion as LegacyOpinion
from remacto.cocreation.models import Phase, Programme

from .conftest import TODAY, opinion_values, request_values

BEFORE = [("advisory", "0001_initial")]
AFTER = [("advisory", "0002_cocreation_opinions")]
migration = importlib.import_module("remacto.advisory.migrations.0002_cocreation_opinions")

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.fixture
def at_0001(reference):
    migrate(BEFORE)
    yield
    migrate(AFTER)


def _legacy(programme, kind, name, day, **extra):
    return LegacyOpinion.objects.create(
        programme=programme, body_kind=kind, body_name=name, received_on=datetime.date(2026, 9, day), **extra
    )


def test_forwards_backwards_and_forwards_again(at_0001, commune, region, secretariat):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.ADOPTION)
    regional = Programme.objects.create(collectivity=region, cycle="2026-2027", title="برنامج جهوي", phase="adoption")
    first = _legacy(programme, "advisory_body", "هيئة المساواة", 1, summary="رأي إيجابي", recorded_by=secretariat)
    first.document.save("opinion.pdf", ContentFile(b"%PDF-1.4 legacy"), save=True)
    _legacy(programme, "advisory_body", "هيئة المساواة", 5, summary="رأي ثان")
    _legacy(programme, "standing_committee", "لجنة الميزانية", 7, summary="ملاحظات اللجنة")
    _legacy(
        regional,
        "advisory_body",
        "الهيئة الاستشارية المختصة بدراسة القضايا المتعلقة باهتمامات الشباب",
        9,
        summary="رأي الشباب",
    )

    migrate(AFTER)

    assert Body.objects.count() == 3
    kinds = dict(Body.objects.values_list("name", "kind"))
    assert kinds["هيئة المساواة"] == BodyKind.EQUITY
    assert kinds["لجنة الميزانية"] == BodyKind.STANDING_COMMITTEE
    assert kinds["الهيئة الاستشارية المختصة بدراسة القضايا المتعلقة باهتمامات الشباب"] == BodyKind.YOUTH
    assert OpinionRequest.objects.count() == Opinion.objects.count() == 4
    carried = Opinion.objects.select_related("request__body").get(request__legacy_opinion_id=first.pk)
    assert carried.received_on == first.received_on and carried.text == "رأي إيجابي"
    assert carried.document.name == first.document.name and carried.recorded_by == secretariat
    assert carried.request.programme == programme and carried.request.case is None
    assert carried.request.recorded_by == secretariat and carried.request.body.collectivity == commune

    migration.forwards(global_apps, None)  # again: nothing added
    assert OpinionRequest.objects.count() == 4

    # An opinion given through the new procedure before going back.
    body = Body.objects.get(name="هيئة المساواة")
    programme.phase = Phase.CONSULTATION
    programme.save()
    asked = opinions.request_opinion(secretariat, body, request_values(programme), today=TODAY)
    opinions.give_opinion(secretariat, asked, opinion_values(), today=TODAY)

    migrate(BEFORE)

    assert LegacyOpinion.objects.count() == 5  # the four records, and the new opinion copied back
    copy = LegacyOpinion.objects.get(received_on=datetime.date(2026, 11, 12))
    assert copy.body_name == "هيئة المساواة" and copy.body_kind == "advisory_body"
    assert copy.summary.startswith("رأي إيجابي مع توصيات") and "- إشراك الشباب" in copy.summary
    assert list(OpinionRequest.objects.values_list("pk", flat=True)) == [asked.pk]  # kept, with its case and vote
    assert OpinionRequest.objects.get().legacy_opinion_id == copy.pk
    assert list(Body.objects.values_list("name", flat=True)) == ["هيئة المساواة"]  # the others had nothing left
    assert LegacyOpinion.objects.get(pk=first.pk).document.name == first.document.name

    migrate(AFTER)

    assert OpinionRequest.objects.count() == 5 and Opinion.objects.count() == 5  # the copy is not carried twice
    assert Opinion.objects.get(request=asked).votes_for == 9
