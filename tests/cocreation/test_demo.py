"""The demo reproduces Ben Guerir's 2023 cycle from the shipped scenario, and loading it twice changes nothing."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cocreation.demo import DATA, load_demo
from remacto.cocreation.models import Idea, Meeting, Phase, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference):
    load_accounts()
    return load_demo()


def test_ben_guerir_cycle(demo):
    scenario = json.loads(DATA.read_text(encoding="utf-8"))
    programme = Programme.objects.get(collectivity__slug="ben-guerir", cycle="2024-2025")
    assert programme.phase == Phase.ADOPTION
    assert [a.title_ar for a in programme.axes.order_by("order")] == [a["name_ar"] for a in scenario["axes"]]
    projects = programme.projects.all()
    assert projects.count() == 6
    assert sum(p.budget for p in projects) == scenario["cycle"]["total_budget_mad"] == 260000
    assert sum(p.activities.count() for p in projects) == sum(len(p["activities"]) for p in scenario["projects"])
    assert {p.ends_on for p in projects} == {datetime.date(2025, 12, 31)}
    ideas = programme.ideas.all()
    assert ideas.filter(channel="workshop").count() == 14 and ideas.filter(channel="online").count() == 9
    assert all(i.is_sample for i in ideas) and not ideas.exclude(status=Idea.Status.UNRECORDED).exists()
    workshop = Meeting.objects.get(programme=programme, kind=Meeting.Kind.WORKSHOP)
    assert workshop.starts_at.date() == datetime.date(2023, 4, 13) and workshop.ideas.count() == 14
    committee_dates = sorted(m.starts_at.date() for m in programme.meetings.filter(kind=Meeting.Kind.COMMITTEE))
    assert committee_dates == [datetime.date(2023, 5, 11), datetime.date(2023, 6, 5), datetime.date(2023, 7, 4)]
    assert programme.phase_changes.count() == Phase.order(Phase.ADOPTION)


def test_source_spelling_slips_stay_out_of_pages(demo):
    texts = " ".join(Meeting.objects.values_list("title_ar", flat=True))
    assert "الصادقة" not in texts and "المصادقة" in texts
    from remacto.cocreation.models import Activity

    groups = " ".join(Activity.objects.values_list("target_groups", flat=True))
    assert "اهيئات" not in groups


def test_open_cycle_accepts_ideas_and_loading_again_changes_nothing(demo):
    from remacto.cocreation.services.ideas import collection_is_open

    open_cycle = Programme.objects.get(cycle="2026-2027")
    assert collection_is_open(open_cycle)
    counts = (Programme.objects.count(), Meeting.objects.count(), Idea.objects.count())
    load_demo()
    assert (Programme.objects.count(), Meeting.objects.count(), Idea.objects.count()) == counts


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            {
                "awaiting": "En attente de tri",
                "unrecorded": "Décision non enregistrée",
                "no_committee": "pas encore été constitué",
                "committee": "Le comité de suivi s’est réuni 3 fois, la première fois le 11 mai 2023",
                "no_axis": "23 idées n’ont pas d’axe enregistré",
                "attendance": "Présences aux réunions et ateliers : non enregistrées",
                "source": "ne donne pas le nombre de participants",
                "idea": "La décision du comité sur cette idée n’est pas enregistrée",
            },
        ),
        (
            "ar",
            {
                "awaiting": "في انتظار الفرز",
                "unrecorded": "القرار غير مسجَّل",
                "no_committee": "لم تُشكَّل لجنة التتبع بعد",
                "committee": "اجتمعت لجنة التتبع 3 مرات، أولاها في 11 ماي 2023",
                "no_axis": "23 فكرة بدون محور مسجَّل",
                "attendance": "الحضور في اللقاءات والورشات: غير مسجَّل",
                "source": "لا يذكر المصدر أعضاءها",
                "idea": "قرار اللجنة بشأن هذه الفكرة غير مسجَّل",
            },
        ),
    ],
)
def test_past_cycle_says_what_its_source_does_not_give(client, demo, language, words):
    base = f"/{language}/members/ben-guerir/programme/2024-2025/"
    page = _text(client, base)
    assert words["committee"] in page and words["no_committee"] not in page
    assert words["no_axis"] in page and words["source"] in page
    statistics = _text(client, base + "statistics/")
    assert f"{words['unrecorded']} 23 (100" in statistics and f"{words['awaiting']} 0 (0" in statistics
    assert words["attendance"] in statistics
    idea = Idea.objects.filter(programme__cycle="2024-2025").first()
    assert words["idea"] in _text(client, f"{base}ideas/{idea.pk}/")
    ideas = client.get(base + "ideas/").content.decode()
    assert "status-submitted" not in ideas and "badge status-unrecorded" in ideas


def test_demo_meetings_start_at_plausible_hours(demo):
    for meeting in Meeting.objects.exclude(starts_at=None):
        local = timezone.localtime(meeting.starts_at)
        assert 8 <= local.hour <= 20 and local.minute == 0, (meeting, local)


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_demo_people_carry_no_label_in_another_language(client, demo, language):
    page = client.get(f"/{language}/members/ben-guerir/").content.decode()
    assert "يوسف" in page
    for english_label in ("(focal point)", "(committee)", "(network team)", "(citizen)"):
        assert english_label not in page
