"""Open data of an adopted programme's implementation: progress updates, spending lines and indicator values as
CSV or JSON, and the programme as an OGP Local action plan (commitments with milestones).

Public fields only (see :mod:`.selectors.opendata`): never the name or email of whoever posted an update, entered
a line or observed; the responsible unit's name is the administration's, not a person's. CSV cells go through
the co-creation exports' cell writer (bidi controls stripped, spreadsheet formulas made inert). Files are built
in the background (:mod:`.opendata_tasks`) into a stored file named after the data's fingerprint, so the downloads
page can give each one's size and date; a download whose file is not built yet is streamed directly.
"""

import json
import tempfile
from collections.abc import Callable, Iterator

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from remacto.cocreation import exports as cocreation_exports
from remacto.cocreation.models import Adoption, Principle, Programme, Project
from remacto.core.translation import translated

from .models import ActivityStatus
from .selectors import opendata as selectors

WHAT = ("updates", "spending", "indicators", "action-plan")
FORMATS = ("csv", "json")
FOLDER = "opendata/monitoring"
LANGUAGE = "ar"
"""Stored files are written in the platform's default language (project titles, status labels)."""

UPDATE_COLUMNS = [
    "project_id",
    "project_code",
    "project_order",
    "project_title",
    "reported_on",
    "progress",
    "narrative",
]
SPENDING_COLUMNS = [
    "project_id",
    "project_code",
    "project_order",
    "project_title",
    "kind",
    "amount_mad",
    "spent_on",
    "reference",
    "label",
]
INDICATOR_COLUMNS = [
    "project_id",
    "project_code",
    "project_order",
    "project_title",
    "indicator_id",
    "indicator",
    "unit",
    "baseline",
    "target",
    "measured_on",
    "value",
]
ACTION_PLAN_COLUMNS = [
    "commitment_id",
    "commitment_number",
    "commitment_title",
    "public_problem",
    "commitment_description",
    "lead_implementing_agency",
    "start_date",
    "end_date",
    "ogp_values",
    "budget_mad",
    "progress",
    "completion_level",
    "milestone_id",
    "milestone",
    "milestone_start_date",
    "milestone_end_date",
    "milestone_actual_start",
    "milestone_actual_end",
    "milestone_status",
]

# --- OGP Local mapping ----------------------------------------------------------------------------------------------

NOT_STARTED, LIMITED, SUBSTANTIAL, COMPLETE = "not_started", "limited", "substantial", "complete"
COMPLETION_LEVELS = (NOT_STARTED, LIMITED, SUBSTANTIAL, COMPLETE)

OGP_VALUES = {
    Principle.TRANSPARENCY: ("transparency", "public_accountability"),
    Principle.INFORMATION: ("access_to_information",),
    Principle.PARTICIPATION: ("civic_participation",),
    Principle.DIGITALISATION: ("technology_and_innovation",),
}
"""The four openness principles of a project as OGP values (transparency and accountability is both)."""


def completion_level(progress: int, status: str = "") -> str:
    """OGP's completion level from the physical progress: 0 % is not started, under 50 % limited, 50 % to 99 %
    substantial, 100 % (or a project marked completed) complete."""
    if status == Project.Status.COMPLETED or progress >= 100:
        return COMPLETE
    if progress <= 0:
        return NOT_STARTED
    return LIMITED if progress < 50 else SUBSTANTIAL


def ogp_values(project: Project) -> list[str]:
    """The OGP values a project serves, from its openness principles, without repeats."""
    values: list[str] = []
    for principle in project.principles:
        for value in OGP_VALUES.get(principle, ()):
            if value not in values:
                values.append(value)
    return values


def milestone(activity) -> dict:
    """An activity as a milestone: its planned dates, its real ones and its status, from its latest status
    record (prefetched as ``latest_statuses``); ``planned`` when none was recorded."""
    latest = (getattr(activity, "latest_statuses", None) or [None])[0]
    return {
        "milestone_id": activity.pk,
        "order": activity.order,
        "title": activity.title,
        "start_date": activity.starts_on,
        "end_date": activity.ends_on,
        "actual_start": latest.started_on if latest else None,
        "actual_end": latest.finished_on if latest else None,
        "status": latest.status if latest else ActivityStatus.Status.PLANNED.value,
    }


def commitment(project: Project) -> dict:
    """A project as an OGP Local commitment with its milestones."""
    progress = selectors.latest_progress(project)
    return {
        "commitment_id": project.pk,
        "number": selectors.project_code(project),
        "axis": translated(project.axis, "title").text,
        "title": translated(project, "title").text,
        "public_problem": project.problem,
        "description": project.solution,
        "lead_implementing_agency": project.responsible_unit,
        "start_date": project.starts_on,
        "end_date": project.ends_on,
        "ogp_values": ogp_values(project),
        "budget_mad": project.budget,
        "status": project.status,
        "progress": progress,
        "completion_level": completion_level(progress, project.status),
        "milestones": [milestone(activity) for activity in project.activities.all()],
    }


def action_plan(programme: Programme) -> dict:
    """The programme as an OGP Local action plan: metadata, then one commitment per public project."""
    collectivity = programme.collectivity
    try:
        adoption = programme.adoption
    except Adoption.DoesNotExist:
        adoption = None
    return {
        "format": "ogp-local-action-plan",
        "programme_id": programme.pk,
        "title": translated(programme, "title").text,
        "collectivity": {
            "slug": collectivity.slug,
            "name_ar": collectivity.name_ar,
            "name_fr": collectivity.name_fr,
            "ogp_local_member": collectivity.is_ogp_local,
        },
        "cycle": programme.cycle,
        "phase": programme.phase,
        "adoption_date": adoption.session_date if adoption else None,
        "deliberation_number": adoption.deliberation_number if adoption else "",
        "implementation_start": programme.implementation_start,
        "implementation_end": programme.implementation_end,
        "url": programme.get_absolute_url(),
        "commitments": [commitment(project) for project in selectors.action_plan_projects(programme)],
    }


def action_plan_rows(plan: dict) -> Iterator[dict]:
    """The action plan flattened for a spreadsheet: one row per milestone, the commitment repeated on each (one
    row with empty milestone columns for a commitment without milestones)."""
    for item in plan["commitments"]:
        base = {
            "commitment_id": item["commitment_id"],
            "commitment_number": item["number"],
            "commitment_title": item["title"],
            "public_problem": item["public_problem"],
            "commitment_description": item["description"],
            "lead_implementing_agency": item["lead_implementing_agency"],
            "start_date": item["start_date"],
            "end_date": item["end_date"],
            "ogp_values": item["ogp_values"],
            "budget_mad": item["budget_mad"],
            "progress": item["progress"],
            "completion_level": item["completion_level"],
        }
        empty = {column: None for column in ACTION_PLAN_COLUMNS if column.startswith("milestone")}
        if not item["milestones"]:
            yield {**base, **empty}
        for step in item["milestones"]:
            yield {
                **base,
                "milestone_id": step["milestone_id"],
                "milestone": step["title"],
                "milestone_start_date": step["start_date"],
                "milestone_end_date": step["end_date"],
                "milestone_actual_start": step["actual_start"],
                "milestone_actual_end": step["actual_end"],
                "milestone_status": step["status"],
            }


# --- Records --------------------------------------------------------------------------------------------------------


def _project(project: Project) -> dict:
    return {
        "project_id": project.pk,
        "project_code": selectors.project_code(project),
        "project_order": project.order,
        "project_title": translated(project, "title").text,
    }


def update_records(programme: Programme) -> Iterator[dict]:
    """Progress updates: project, date, progress and narrative (never who posted them)."""
    for update in selectors.iterate(selectors.updates(programme)):
        yield {
            **_project(update.project),
            "reported_on": update.reported_on,
            "progress": update.progress,
            "narrative": update.narrative,
        }


def spending_records(programme: Programme) -> Iterator[dict]:
    """Spending lines: project, kind (committed or paid), amount in MAD, date, reference and label."""
    for line in selectors.iterate(selectors.spending(programme)):
        yield {
            **_project(line.project),
            "kind": line.kind,
            "amount_mad": line.amount,
            "spent_on": line.spent_on,
            "reference": line.reference,
            "label": line.label,
        }


def indicator_records(programme: Programme) -> Iterator[dict]:
    """Indicator values with their indicator's unit, baseline and target."""
    for value in selectors.iterate(selectors.indicator_values(programme)):
        indicator = value.indicator
        yield {
            **_project(indicator.project),
            "indicator_id": indicator.pk,
            "indicator": indicator.name,
            "unit": indicator.unit,
            "baseline": indicator.baseline,
            "target": indicator.target,
            "measured_on": value.measured_on,
            "value": value.value,
        }


def records(programme: Programme, what: str) -> tuple[list[str], Iterator[dict]]:
    """The columns and records of the data set ``what``."""
    if what == "updates":
        return UPDATE_COLUMNS, update_records(programme)
    if what == "spending":
        return SPENDING_COLUMNS, spending_records(programme)
    if what == "indicators":
        return INDICATOR_COLUMNS, indicator_records(programme)
    return ACTION_PLAN_COLUMNS, action_plan_rows(action_plan(programme))


def chunks(programme: Programme, what: str, fmt: str) -> Iterator[str]:
    """The text of the file ``what`` in ``fmt``, piece by piece."""
    if what == "action-plan" and fmt == "json":
        yield json.dumps(action_plan(programme), ensure_ascii=False, cls=DjangoJSONEncoder, indent=1)
        return
    columns, rows = records(programme, what)
    if fmt == "csv":
        yield from cocreation_exports.csv_rows(columns, rows)
    else:
        yield from cocreation_exports.json_chunks(programme, what, rows)


# --- Stored files ---------------------------------------------------------------------------------------------------


def filename(programme: Programme, what: str, fmt: str) -> str:
    """The name a reader's browser saves the file under."""
    return f"{programme.collectivity.slug}-{programme.cycle}-{what}.{fmt}"


def storage_prefix(programme: Programme, what: str, fmt: str) -> str:
    return f"{programme.collectivity.slug}-{programme.cycle}-{programme.pk}-{what}-{fmt}-"


def storage_name(programme: Programme, what: str, fmt: str, fingerprint: str) -> str:
    """Where the file is stored: one name per version of the data (its fingerprint)."""
    return f"{FOLDER}/{storage_prefix(programme, what, fmt)}{fingerprint}.{fmt}"


def write(programme: Programme, what: str, fmt: str, name: str, progress: Callable[[int], None] | None = None) -> str:
    """Build and store the file ``name`` unless it exists; return its storage name."""
    if default_storage.exists(name):
        return name
    with tempfile.TemporaryFile() as handle, translation.override(LANGUAGE):
        for piece in chunks(programme, what, fmt):
            handle.write(piece.encode("utf-8"))
        if progress is not None:
            progress(90)
        handle.seek(0)
        saved = default_storage.save(name, File(handle))
    if saved != name:  # another worker wrote the same file meanwhile: keep one copy
        default_storage.delete(saved)
    if progress is not None:
        progress(100)
    return name
