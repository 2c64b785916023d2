"""One visibility rule: an idea or a project hidden by moderation is left out of every public page, export,
PDF, statistic and API answer; its own page shows only the moderation note (moderators still see it)."""

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from remacto.cocreation import pdf
from remacto.cocreation.models import Axis, Idea, Phase, Programme, Project, TriageDecision
from remacto.cocreation.statistics import programme_statistics
from remacto.participation import services as participation

pytestmark = pytest.mark.django_db

REASON = "محتوى مسيء"


@dataclass
class World:
    programme: Programme
    idea: Idea  # visible, accepted, source of both projects
    hidden_idea: Idea  # merged into ``idea``, source of ``project``
    project: Project
    hidden_project: Project


@pytest.fixture
def world(commune, moderator) -> World:
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.DRAFTING)
    axis = Axis.objects.create(programme=programme, order=1, title="المحور")

    def idea(title, status):
        return Idea.objects.create(
            programme=programme, axis=axis, title=title, problem="p", solution="s", status=status
        )

    visible, hidden = idea("VISIBLE-IDEA", Idea.Status.ACCEPTED), idea("HIDDEN-IDEA", Idea.Status.MERGED)
    TriageDecision.objects.create(idea=hidden, decision=Idea.Status.MERGED, reason="نفس الفكرة", merged_into=visible)
    project = Project.objects.create(programme=programme, axis=axis, title="VISIBLE-PROJECT", budget=Decimal(100))
    hidden_project = Project.objects.create(
        programme=programme, axis=axis, order=2, title="HIDDEN-PROJECT", budget=Decimal(7000)
    )
    project.source_ideas.set([visible, hidden])
    hidden_project.source_ideas.set([visible])
    for obj in (hidden, hidden_project):
        participation.hide(moderator, obj, REASON)
    return World(programme, visible, hidden, project, hidden_project)


def page(client, world, name, **kwargs) -> str:
    args = {"slug": world.programme.collectivity.slug, "cycle": world.programme.cycle, **kwargs}
    response = client.get(reverse(f"cocreation:{name}", kwargs=args))
    assert response.status_code == 200
    return response.content.decode()


def export(client, world, fmt, what) -> str:
    args = {"slug": world.programme.collectivity.slug, "cycle": world.programme.cycle}
    response = client.get(reverse(f"cocreation:export_{fmt}", kwargs=args), {"what": what})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def api(client, path: str) -> str:
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)


def pdf_text(world) -> str:
    ctx = pdf.context(world.programme)
    return " ".join(f"{p.title} {[i.title for i in p.source_ideas.all()]}" for p in ctx["projects"])


SURFACES = {
    "idea list page": lambda c, w: page(c, w, "ideas"),
    "idea page (projects, merged ideas)": lambda c, w: page(c, w, "idea", pk=w.idea.pk),
    "project list page": lambda c, w: page(c, w, "projects"),
    "project page (source ideas)": lambda c, w: page(c, w, "project", pk=w.project.pk),
    "programme page": lambda c, w: page(c, w, "programme"),
    "ideas CSV": lambda c, w: export(c, w, "csv", "ideas"),
    "ideas JSON": lambda c, w: export(c, w, "json", "ideas"),
    "projects CSV": lambda c, w: export(c, w, "csv", "projects"),
    "projects JSON": lambda c, w: export(c, w, "json", "projects"),
    "PDF": lambda c, w: pdf_text(w),
    "API idea list": lambda c, w: api(c, f"programmes/{w.programme.pk}/ideas"),
    "API idea (its projects)": lambda c, w: api(c, f"ideas/{w.idea.pk}"),
    "API project list": lambda c, w: api(c, f"programmes/{w.programme.pk}/projects"),
    "API project (its source ideas)": lambda c, w: api(c, f"projects/{w.project.pk}"),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_hidden_ideas_and_projects_appear_nowhere(client, world, surface):
    text = SURFACES[surface](client, world)
    assert "HIDDEN-IDEA" not in text and "HIDDEN-PROJECT" not in text
    ids = _ids(text).split()
    assert str(world.hidden_idea.pk) not in ids and str(world.hidden_project.pk) not in ids


def _ids(text: str) -> str:
    """Only the id lists of the JSON answers matter here (other numbers may equal a hidden id by chance)."""
    try:
        data = json.loads(text)
    except ValueError:  # CSV: the id column of the projects export
        rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        return " ".join(re.sub(r"\D+", " ", row.get("source_idea_ids") or "") for row in rows)
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source_idea_ids", "project_ids", "projects", "source_ideas") and isinstance(value, list):
                    found.extend(str(v.get("id") if isinstance(v, dict) else v) for v in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return " ".join(found)


def test_counts_and_totals_leave_hidden_content_out(client, world):
    stats = programme_statistics(world.programme)
    assert stats.ideas_total == 1
    response = client.get(reverse("cocreation:projects", args=[world.programme.collectivity.slug, "2026-2027"]))
    assert response.context["budget_total"] == Decimal(100)
    assert [p.title for p in response.context["projects"]] == ["VISIBLE-PROJECT"]
    assert [p.source_count for p in response.context["projects"]] == [1]
    response = client.get(reverse("cocreation:programme", args=[world.programme.collectivity.slug, "2026-2027"]))
    assert response.context["project_count"] == 1 and response.context["budget_total"] == Decimal(100)
    assert [axis.idea_count for axis in response.context["axes"]] == [1]


@pytest.mark.parametrize("kind", ["idea", "project"])
def test_a_hidden_page_shows_only_the_moderation_note(client, world, kind):
    obj = world.hidden_idea if kind == "idea" else world.hidden_project
    text = page(client, world, kind, pk=obj.pk)
    assert REASON in text and obj.title not in text
    assert client.get(f"/api/v1/{kind}s/{obj.pk}").status_code == 404


@pytest.mark.parametrize("kind", ["idea", "project"])
def test_moderators_still_see_hidden_content(client, world, moderator, kind):
    obj = world.hidden_idea if kind == "idea" else world.hidden_project
    client.force_login(moderator)
    text = page(client, world, kind, pk=obj.pk)
    assert REASON in text and obj.title in text
