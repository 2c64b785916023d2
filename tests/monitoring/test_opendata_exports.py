"""Open data of an implementation: the downloads page, the CSV and JSON files of updates, spending and indicator
values, and the OGP Local action plan. Public for adopted programmes only, without personal data, without hidden
observations or unpublished evaluations; CSV cells safe in a spreadsheet."""

import csv
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from remacto.cocreation.models import Phase
from remacto.monitoring import opendata, opendata_tasks
from remacto.monitoring.models import ProgressUpdate

from .opendata_fixtures import AUTHOR_EMAIL, AUTHOR_NAME, PERSONAL, history

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(implemented):
    return history(implemented)


def _url(programme, what=None, fmt=None) -> str:
    args = [programme.collectivity.slug, programme.cycle]
    if what is None:
        return reverse("monitoring:opendata", args=args)
    return reverse("monitoring:opendata_file", args=[*args, what, fmt])


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def _csv(client, programme, what) -> list[dict]:
    response = client.get(_url(programme, what, "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(_body(response).lstrip("\ufeff"))))


def _json(client, programme, what):
    response = client.get(_url(programme, what, "json"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return json.loads(_body(response))


def test_updates_spending_and_indicators_have_the_right_rows(client, known):
    programme = known.programme
    updates = _csv(client, programme, "updates")
    assert [(r["project_order"], r["reported_on"], r["progress"]) for r in updates] == [
        ("1", "2026-02-01", "10"),
        ("1", "2026-03-01", "40"),
        ("2", "2026-02-01", "5"),
    ]
    assert set(updates[0]) == set(opendata.UPDATE_COLUMNS)
    assert [r["project_code"] for r in updates] == ["1.1", "1.1", "1.2"]  # axis order and order in the axis
    spending = _json(client, programme, "spending")
    assert spending["count"] == 3 and spending["programme"]["cycle"] == programme.cycle
    assert [(i["kind"], i["amount_mad"], i["reference"]) for i in spending["items"]] == [
        ("committed", "80000.00", "ENG-2026-001"),
        ("paid", "30000.50", "OP-2026-001"),
        ("paid", "1000.00", "OP-2026-002"),
    ]
    [value, *_] = _csv(client, programme, "indicators")
    assert (value["indicator"], value["unit"], value["baseline"], value["target"], value["value"]) == (
        "عدد الزوار",
        "زائر",
        "0.00",
        "1000.00",
        "400.00",
    )


def test_no_personal_data_and_nothing_hidden_in_any_file_or_the_page(client, known):
    bodies = [_body(client.get(_url(known.programme)))]
    for what in opendata.WHAT:
        for fmt in opendata.FORMATS:
            bodies.append(_body(client.get(_url(known.programme, what, fmt))))
    for body in bodies:
        for secret in PERSONAL:
            assert secret not in body
    assert "مصلحة الشراكة" in bodies[-1]  # the responsible unit, an administration, is published


def test_csv_cells_cannot_run_as_formulas(client, known):
    [committed] = [r for r in _csv(client, known.programme, "spending") if r["kind"] == "committed"]
    assert committed["label"] == '\'=HYPERLINK("http://evil")'


def test_the_page_lists_each_file_with_rows_date_and_size(client, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = client.get(_url(known.programme))
    assert response.status_code == 200
    page = response.content.decode()
    for what in opendata.WHAT:
        for fmt in opendata.FORMATS:
            assert _url(known.programme, what, fmt) in page
    assert "2026-03-12" in page  # the latest spending date
    assert "bytes" in page or "KB" in page or "بايت" in page  # the built files' sizes
    stored = default_storage.listdir(opendata.FOLDER)[1]
    assert len(stored) == len(opendata.WHAT) * len(opendata.FORMATS)  # every file built once, sized on the page


def test_new_data_builds_a_new_file_and_drops_the_old_one(client, known):
    client.get(_url(known.programme, "updates", "csv"))
    [old] = default_storage.listdir(opendata.FOLDER)[1]
    ProgressUpdate.objects.create(project=known.second, reported_on="2026-04-01", progress=9, narrative="جديد")
    rows = _csv(client, known.programme, "updates")
    assert len(rows) == 4
    files = default_storage.listdir(opendata.FOLDER)[1]
    assert old not in files and len([f for f in files if "-updates-csv-" in f]) == 1


def test_a_file_not_built_yet_is_streamed(client, known, monkeypatch):
    monkeypatch.setattr(opendata_tasks, "start", lambda *args: False)
    response = client.get(_url(known.programme, "updates", "json"))
    assert response.streaming and json.loads(_body(response))["count"] == 3


def test_hidden_projects_are_left_out(client, known):
    known.second.is_hidden = True
    known.second.save()
    assert {r["project_id"] for r in _csv(client, known.programme, "updates")} == {str(known.first.pk)}
    assert [c["commitment_id"] for c in _json(client, known.programme, "action-plan")["commitments"]] == [
        known.first.pk
    ]


@pytest.mark.parametrize("phase", [Phase.DRAFTING, Phase.ADOPTION])
def test_a_programme_not_adopted_has_no_open_data(client, known, phase):
    known.programme.phase = phase
    known.programme.save()
    assert client.get(_url(known.programme)).status_code == 404
    assert client.get(_url(known.programme, "updates", "csv")).status_code == 404


@pytest.mark.parametrize("what,fmt", [("ballots", "csv"), ("updates", "xlsx"), ("action-plan", "pdf")])
def test_unknown_files_are_404(client, known, what, fmt):
    assert client.get(_url(known.programme, what, fmt)).status_code == 404


def test_the_action_plan_follows_the_ogp_local_template(client, known):
    known.first.serves_transparency = True
    known.first.save()
    plan = _json(client, known.programme, "action-plan")
    assert plan["format"] == "ogp-local-action-plan"
    assert plan["cycle"] == "2026-2027" and plan["adoption_date"] == "2025-12-01"
    assert plan["collectivity"]["slug"] == known.programme.collectivity.slug
    first = plan["commitments"][0]
    assert first["lead_implementing_agency"] == "مصلحة الشراكة"
    assert (first["start_date"], first["end_date"]) == ("2026-01-01", "2027-06-30")
    assert (first["progress"], first["completion_level"]) == (40, "limited")
    assert first["ogp_values"] == ["transparency", "public_accountability"]
    assert [(m["title"], m["status"], m["actual_end"]) for m in first["milestones"]] == [
        ("دراسة", "done", "2026-06-20"),
        ("إنجاز", "planned", None),
    ]
    rows = _csv(client, known.programme, "action-plan")
    assert len(rows) == 4 and rows[0]["milestone_status"] == "done" and rows[0]["completion_level"] == "limited"
    assert AUTHOR_NAME not in json.dumps(plan, ensure_ascii=False) and AUTHOR_EMAIL not in json.dumps(plan)


def test_the_action_plan_reads_a_bounded_number_of_queries(known, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        plan = opendata.action_plan(known.programme)
    assert len(plan["commitments"]) == 2
