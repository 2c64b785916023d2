"""The migration that gives a practice's structure titles in each language: existing titles go to the language of
their letters (Arabic, Tifinagh, else French), and the migration runs back and forth."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from remacto.practices.models import PracticeAxis, PracticeProject

BEFORE = [("practices", "0001_initial")]
AFTER = [("practices", "0002_structure_title_languages")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_existing_titles_move_to_the_language_of_their_letters(commune):
    old = migrate(BEFORE)
    practice = old.get_model("practices", "Practice").objects.create(
        collectivity_id=commune.pk, title="ممارسة", summary="ملخص", description="وصف", contact_name="نقطة الارتكاز"
    )
    axis_model = old.get_model("practices", "PracticeAxis")
    arabic = axis_model.objects.create(practice=practice, order=1, title="الرقمنة")
    french = axis_model.objects.create(practice=practice, order=2, title="Participation citoyenne")
    amazigh = axis_model.objects.create(practice=practice, order=3, title="ⴰⵙⵏⵓⵎⵏ")
    old.get_model("practices", "PracticeProject").objects.create(axis=arabic, order=1, title="Guichet numérique")
    migrate(AFTER)
    rows = {a.pk: a for a in PracticeAxis.objects.all()}
    assert (rows[arabic.pk].title_ar, rows[arabic.pk].title_fr) == ("الرقمنة", None)
    assert (rows[french.pk].title_fr, rows[french.pk].title_ar) == ("Participation citoyenne", None)
    assert rows[amazigh.pk].title_zgh == "ⴰⵙⵏⵓⵎⵏ"
    assert PracticeProject.objects.get().title_fr == "Guichet numérique"
    migrate(BEFORE)
    migrate(AFTER)
