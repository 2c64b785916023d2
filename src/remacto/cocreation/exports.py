"""Open-data exports of a programme: its ideas and its projects, as CSV (for spreadsheets) or JSON.

Public fields only: never an author's name, email or profile, never a hidden idea or project. Rows are read
in chunks from the database and written out one by one, so ten thousand ideas never sit in memory at once.
"""

import csv
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch

from remacto.core.bidi import strip_bidi
from remacto.core.translation import translated

from .models import Idea, Programme

CHUNK = 1000
WHAT = ("ideas", "projects")

IDEA_COLUMNS = [
    "id",
    "axis_id",
    "axis",
    "title",
    "problem",
    "solution",
    "expected_impact",
    "channel",
    "channel_label",
    "workshop_id",
    "workshop",
    "status",
    "status_label",
    "decision",
    "reason",
    "merged_into",
    "support_count",
    "comment_count",
    "created",
]

PROJECT_COLUMNS = [
    "id",
    "axis_id",
    "axis",
    "order",
    "title",
    "problem",
    "solution",
    "principles",
    "budget_mad",
    "funding_source",
    "result_trust",
    "result_civil_society",
    "result_services",
    "responsible_unit",
    "starts_on",
    "ends_on",
    "status",
    "status_label",
    "progress",
    "support_count",
    "comment_count",
    "activities",
    "indicators",
    "source_idea_ids",
]


def _title(obj) -> str:
    return translated(obj, "title").text if obj is not None else ""


def programme_header(programme: Programme) -> dict:
    """What the JSON export says about the programme itself."""
    return {
        "id": programme.pk,
        "collectivity": programme.collectivity.slug,
        "cycle": programme.cycle,
        "title": _title(programme),
        "phase": programme.phase,
        "url": programme.get_absolute_url(),
    }


def idea_records(programme: Programme) -> Iterator[dict]:
    """The programme's visible ideas, oldest first, as dictionaries of public fields."""
    ideas = programme.ideas.visible().select_related("axis", "workshop", "decision").order_by("created_at", "id")
    for idea in ideas.iterator(chunk_size=CHUNK):
        decision = getattr(idea, "decision", None)
        yield {
            "id": idea.pk,
            "axis_id": idea.axis_id,
            "axis": _title(idea.axis),
            "title": idea.title,
            "problem": idea.problem,
            "solution": idea.solution,
            "expected_impact": idea.expected_impact,
            "channel": idea.channel,
            "channel_label": str(idea.get_channel_display()),
            "workshop_id": idea.workshop_id,
            "workshop": _title(idea.workshop),
            "status": idea.status,
            "status_label": str(idea.get_status_display()),
            "decision": decision.decision if decision else "",
            "reason": decision.reason if decision else "",
            "merged_into": decision.merged_into_id if decision else None,
            "support_count": idea.support_count,
            "comment_count": idea.comment_count,
            "created": idea.created_at.date(),
        }


def project_records(programme: Programme) -> Iterator[dict]:
    """The programme's visible projects in axis order, with activities, indicators and source ideas."""
    projects = (
        programme.projects.visible()
        .select_related("axis")
        .prefetch_related(
            "activities",
            "indicators",
            Prefetch("source_ideas", queryset=Idea.objects.visible().only("id").order_by("id")),
        )
        .order_by("axis__order", "order", "id")
    )
    for project in projects.iterator(chunk_size=CHUNK):
        yield {
            "id": project.pk,
            "axis_id": project.axis_id,
            "axis": _title(project.axis),
            "order": project.order,
            "title": _title(project),
            "problem": project.problem,
            "solution": project.solution,
            "principles": [str(p.value) for p in project.principles],
            "budget_mad": project.budget,
            "funding_source": project.funding_source,
            "result_trust": project.result_trust,
            "result_civil_society": project.result_civil_society,
            "result_services": project.result_services,
            "responsible_unit": project.responsible_unit,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "status": project.status,
            "status_label": str(project.get_status_display()),
            "progress": project.progress,
            "support_count": project.support_count,
            "comment_count": project.comment_count,
            "activities": [
                {
                    "order": a.order,
                    "title": a.title,
                    "target_groups": a.target_groups,
                    "starts_on": a.starts_on,
                    "ends_on": a.ends_on,
                }
                for a in project.activities.all()
            ],
            "indicators": [
                {"name": i.name, "unit": i.unit, "baseline": i.baseline, "target": i.target}
                for i in project.indicators.all()
            ],
            "source_idea_ids": [idea.pk for idea in project.source_ideas.all()],
        }


def records(programme: Programme, what: str) -> tuple[list[str], Iterator[dict]]:
    """The columns and the records of ``what`` (``ideas`` or ``projects``)."""
    if what == "projects":
        return PROJECT_COLUMNS, project_records(programme)
    return IDEA_COLUMNS, idea_records(programme)


class _Echo:
    """A file-like object whose ``write`` hands the line back, for streaming ``csv.writer`` output."""

    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    """A CSV cell: lists flattened, bidi controls stripped (a cell has no markup to isolate them, and a
    spreadsheet shows them reversing the cell), text that a spreadsheet would run as a formula made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            text = " | ".join(" · ".join(str(v) for v in item.values() if v not in (None, "")) for item in value)
        else:
            text = " ".join(str(v) for v in value)
    else:
        text = str(value)
    text = strip_bidi(text)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_rows(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """CSV lines (UTF-8 byte-order mark first, so spreadsheets read Arabic correctly), one record at a time."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row[column]) for column in columns])


def json_chunks(programme: Programme, what: str, rows: Iterable[dict]) -> Iterator[str]:
    """A JSON document ``{"programme": …, "what": …, "items": […], "count": n}`` written item by item."""
    header = json.dumps(programme_header(programme), ensure_ascii=False, cls=DjangoJSONEncoder)
    yield f'{{"programme": {header}, "what": "{what}", "items": ['
    count = 0
    for row in rows:
        yield ("," if count else "") + json.dumps(row, ensure_ascii=False, cls=DjangoJSONEncoder)
        count += 1
    yield f'], "count": {count}}}'
