"""The programme's final report as a PDF in Arabic and in French, rendered by WeasyPrint as the programme PDF is
(:mod:`remacto.cocreation.pdf`: the same embedded fonts, nothing fetched but them).

It shows the programme, its financial execution (budget, committed and paid per project and axis), physical
progress (latest update per project), indicators (latest value against target) and the published co-evaluation
results, with the charts of the pages (the same series) drawn as HTML bars (:func:`remacto.cocreation.pdf.bars`):
WeasyPrint shapes and orders Arabic in HTML text, not in SVG text.

The PDF is rendered from ``monitoring/report_pdf.html`` and stored (:class:`remacto.core.outputs.StoredPdf`) under
a name made of the programme, the language and a digest of the rendered HTML: when anything it shows changes
(spending, a progress update, an indicator value, a published evaluation, a title), the name changes and older
files of the language are deleted once the new one is written. Only published evaluation results appear
(:func:`remacto.monitoring.selectors.evaluations.published`): the report is public.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from remacto.cocreation.models import Indicator, Programme, Project
from remacto.cocreation.pdf import bars, fonts, text_direction, write_pdf
from remacto.cocreation.statistics import Row, Series
from remacto.core.formatting import format_mad, format_number
from remacto.core.outputs import StoredPdf

from .models import IndicatorValue, ProgressUpdate, SpendingLine
from .selectors import evaluations as evaluation_selectors

LANGUAGES = ("ar", "fr")
ZERO = Decimal(0)


def spending_by_project(programme: Programme) -> dict[int, dict[str, Decimal]]:
    """Committed and paid amounts per project of the programme (one grouped query)."""
    totals: dict[int, dict[str, Decimal]] = defaultdict(lambda: {"committed": ZERO, "paid": ZERO})
    rows = (
        SpendingLine.objects.filter(project__programme=programme)
        .order_by()
        .values("project", "kind")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        totals[row["project"]][row["kind"]] = row["total"] or ZERO
    return totals


def _rated_paid(projects) -> Decimal:
    """What is paid on ``projects`` that have a budget: spending on a project whose budget is still to be estimated
    is shown in the totals but left out of the paid share (it has no budget to compare with)."""
    return sum((p.paid for p in projects if not p.budget_to_estimate), ZERO)


def _share(part: Decimal, whole: Decimal | None) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).to_integral_value())


def _projects(programme: Programme) -> list[Project]:
    latest = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-reported_on", "-id")
    projects = list(
        Project.objects.visible()
        .filter(programme=programme)
        .select_related("axis")
        .annotate(
            latest_progress=Subquery(latest.values("progress")[:1]),
            latest_reported_on=Subquery(latest.values("reported_on")[:1]),
        )
        .order_by("axis__order", "order", "id")
    )
    spending = spending_by_project(programme)
    for project in projects:
        money = spending.get(project.pk, {"committed": ZERO, "paid": ZERO})
        project.committed, project.paid = money["committed"], money["paid"]
        project.paid_share = _share(project.paid, project.budget)
        project.dir = text_direction(project.title)
    return projects


def _axes(projects: list[Project]) -> list[dict]:
    axes: dict[int, dict] = {}
    for project in projects:
        axis = axes.setdefault(
            project.axis_id,
            {"axis": project.axis, "budget": ZERO, "committed": ZERO, "paid": ZERO, "dir": "", "projects": []},
        )
        axis["budget"] += project.budget or ZERO
        axis["committed"] += project.committed
        axis["paid"] += project.paid
        axis["projects"].append(project)
    for axis in axes.values():
        axis["paid_share"] = _share(_rated_paid(axis.pop("projects")), axis["budget"])
        axis["dir"] = text_direction(axis["axis"].title)
    return list(axes.values())


def _indicators(projects: list[Project]) -> list[Indicator]:
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-id")
    indicators = list(
        Indicator.objects.filter(project__in=[p.pk for p in projects])
        .select_related("project")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        .order_by("project__axis__order", "project__order", "project_id", "id")
    )
    for indicator in indicators:
        indicator.dir = text_direction(indicator.name)
        indicator.project_dir = text_direction(indicator.project.title)
    return indicators


def _charts(projects: list[Project], axes: list[dict]) -> list[dict]:
    """Budget and paid amounts per axis, and each project's physical progress (bars are drawn relative to the
    longest one: the budget bars, and a last bar at 100 %, keep the scales honest)."""
    money_rows = []
    for axis in axes:
        pk, title = axis["axis"].pk, axis["axis"].title
        money_rows.append(
            Row(
                key=f"axis-{pk}-budget",
                label=f"{title}: {_('Budget')}",
                value=axis["budget"],
                display=format_mad(axis["budget"]),
            )
        )
        money_rows.append(
            Row(
                key=f"axis-{pk}-paid",
                label=f"{title}: {_('Paid')}",
                value=axis["paid"],
                display=format_mad(axis["paid"]),
            )
        )
    execution = Series(
        id="report-execution",
        title=_("Budget and amounts paid by axis"),
        description=_("Each axis's budget beside what has been paid."),
        rows=money_rows,
        value_header=_("Amount"),
    )
    progress_rows = [
        Row(
            key=f"project-{project.pk}",
            label=project.title,
            value=project.latest_progress or 0,
            display=f"{format_number(project.latest_progress or 0)}%",
        )
        for project in projects
    ]
    progress_rows.append(Row(key="scale", label=_("Project completed"), value=100, display="100%"))
    progress = Series(
        id="report-progress",
        title=_("Physical progress by project"),
        description=_("Latest progress update of each project."),
        rows=progress_rows,
        value_header=_("Progress"),
    )
    return [{"series": s, "bars": bars(s.rows)} for s in (execution, progress)]


def context(programme: Programme) -> dict:
    """Everything the report shows, in a bounded number of queries."""
    projects = _projects(programme)
    axes = _axes(projects)
    evaluations = list(evaluation_selectors.published(programme))
    results = evaluation_selectors.results_for(evaluations)
    evaluated = []
    for evaluation in evaluations:
        result = results[evaluation.pk]
        evaluated.append(
            {
                "evaluation": evaluation,
                "title": evaluation.project.title if evaluation.project else programme.title,
                "dir": text_direction(evaluation.project.title if evaluation.project else programme.title),
                "summary_dir": text_direction(evaluation.summary),
                "results": result,
                "charts": [
                    {"series": s, "bars": bars(s.rows)}
                    for s in evaluation_selectors.series(result, prefix="report-evaluation")
                ],
            }
        )
    budget = sum((p.budget or ZERO for p in projects), ZERO)
    committed = sum((p.committed for p in projects), ZERO)
    paid = sum((p.paid for p in projects), ZERO)
    return {
        "programme": programme,
        "projects": projects,
        "axes": axes,
        "totals": {
            "budget": budget,
            "committed": committed,
            "paid": paid,
            "paid_share": _share(_rated_paid(projects), budget),
        },
        "indicators": _indicators(projects),
        "charts": _charts(projects, axes),
        "evaluations": evaluated,
        "fonts": fonts(),
    }


def render_html(programme: Programme, language: str) -> str:
    with translation.override(language):
        rtl = translation.get_language_bidi()
        return render_to_string(
            "monitoring/report_pdf.html", {**context(programme), "LANGUAGE_CODE": language, "rtl": rtl}
        )


def stored(programme: Programme, language: str) -> StoredPdf:
    """Where the report's versions in ``language`` are stored."""
    return StoredPdf(
        f"monitoring/reports/{programme.pk}", f"report-{programme.collectivity.slug}-{programme.cycle}-{language}-"
    )


def current_name(programme: Programme, language: str) -> str:
    """Where the report as it is now is (or will be) stored."""
    return stored(programme, language).name(render_html(programme, language))


def render(programme: Programme, language: str, html: str | None = None) -> str:
    """Render and store the report in ``language`` unless it exists; return its storage name."""
    html = html if html is not None else render_html(programme, language)
    return stored(programme, language).store(html, write_pdf)


def filename(programme: Programme, language: str) -> str:
    """The name a reader's browser saves the PDF under."""
    return f"report-{programme.collectivity.slug}-{programme.cycle}-{language}.pdf"
