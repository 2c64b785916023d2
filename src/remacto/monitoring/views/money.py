"""Money pages: the public programme dashboard, and the staff's spending lines (list, entry, import, export)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.cocreation import charts, imports
from remacto.cocreation.exports import csv_rows
from remacto.cocreation.statistics import Row, Series
from remacto.cocreation.views.common import programme_context
from remacto.core import pagecache
from remacto.core.formatting import format_mad
from remacto.core.forms import apply_service_errors
from remacto.core.pagination import paginate, querystring_without_page
from remacto.core.translation import translated

from .. import report
from ..forms.money import SpendingFilterForm, SpendingImportForm, SpendingLineForm
from ..models import SpendingImport
from ..selectors import money as selectors
from ..services import alerts, spending


def _adopted(request, slug: str, cycle: str, active: str = "monitoring") -> dict:
    ctx = programme_context(request, slug, cycle, active)
    if not ctx["programme"].is_adopted:
        raise Http404
    return ctx


def _staff(request, slug: str, cycle: str) -> dict:
    ctx = _adopted(request, slug, cycle)
    if not request.user.has_perm(spending.PERM, ctx["programme"].collectivity):
        raise PermissionDenied
    return ctx


def _axis_chart(board: selectors.Dashboard, rtl: bool) -> tuple[Series, str]:
    rows = []
    for axis, money in board.axes:
        title = translated(axis, "title")
        lang = title.language if title.is_fallback else ""
        rows.append(
            Row(
                f"{axis.pk}-budget",
                _("%(axis)s: budget") % {"axis": title},
                money.budget,
                format_mad(money.budget),
                lang=lang,
            )
        )
        rows.append(
            Row(f"{axis.pk}-paid", _("%(axis)s: paid") % {"axis": title}, money.paid, format_mad(money.paid), lang=lang)
        )
    series = Series(
        "axes-money",
        _("Budget and amounts paid by axis"),
        _("Budgets of the projects of each axis and the amounts paid for them, from the spending lines recorded."),
        rows,
        unit="mad",
        value_header=_("Amount (MAD)"),
    )
    return series, charts.bar_chart(series, rtl=rtl)


@require_safe
def dashboard(request, slug: str, cycle: str):
    """The public programme dashboard: execution rate, money by axis, projects, late activities, open alerts.

    Everything under the links is the same for every visitor in a language: it is rendered once and kept in the
    cache until the next write (or the next day), signed-in visitors included."""
    ctx = _adopted(request, slug, cycle)
    programme = ctx["programme"]
    today = timezone.localdate()
    key = f"monitoring:dashboard-html:{programme.pk}:{today.isoformat()}:{get_language()}"
    body = pagecache.remember(key, lambda: _dashboard_body(programme, today), settings.DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "monitoring/money_dashboard.html",
        {
            **ctx,
            "active": "monitoring",
            "body": body,
            "can_record_spending": request.user.has_perm(spending.PERM, programme.collectivity),
            "can_handle_alerts": request.user.has_perm(alerts.HANDLE, programme.collectivity),
            "report_languages": report.LANGUAGES,
        },
    )


def _dashboard_body(programme, today) -> str:
    """The dashboard's figures, chart and tables in the active language (the same for every visitor)."""
    board = selectors.cached_dashboard(programme, today)
    series, svg = _axis_chart(board, get_language_bidi())
    context = {
        "programme": programme,
        "board": board,
        "series": series,
        "chart": svg,
        "has_spending": any(m.committed or m.paid for _axis, m in board.axes),
    }
    return render_to_string("monitoring/_dashboard_body.html", context)


def _filters(request, programme):
    projects = list(programme.projects.select_related("axis").order_by("axis__order", "order", "id"))
    form = SpendingFilterForm(request.GET or None, projects=projects)
    values = form.cleaned_data if form.is_valid() else {}
    return form, projects, values


def _spending_page(request, ctx: dict, line_form=None, import_form=None, status: int = 200):
    programme = ctx["programme"]
    filter_form, _projects, values = _filters(request, programme)
    lines = selectors.spending_lines(
        programme,
        q=values.get("q") or "",
        project=values.get("project") or "",
        kind=values.get("kind") or "",
        since=values.get("since"),
        until=values.get("until"),
    )
    page = paginate(request, lines, per_page=50)
    return render(
        request,
        "monitoring/money_spending.html",
        {
            **ctx,
            "line_form": line_form or SpendingLineForm(programme=programme, prefix="line"),
            "import_form": import_form or SpendingImportForm(),
            "filter_form": filter_form,
            "page": page,
            "querystring": querystring_without_page(request),
            "columns": spending.COLUMNS,
            "kind_names": spending.KIND_NAMES,
            "max_rows": spending.MAX_IMPORT_ROWS,
            "jobs": programme.spending_imports.order_by("-created_at", "-id")[:5],
            "total": selectors.programme_money(programme),
        },
        status=status,
    )


@login_required
def spending_lines(request, slug: str, cycle: str):
    """The staff page: lines with search, filters and pages; a line typed by hand; the import form."""
    ctx = _staff(request, slug, cycle)
    line_form = SpendingLineForm(request.POST or None, programme=ctx["programme"], prefix="line")
    if request.method == "POST" and line_form.is_valid():
        data = line_form.cleaned_data
        try:
            spending.record_spending(request.user, data["project"], data)
        except ValidationError as exc:
            apply_service_errors(line_form, exc)
        else:
            messages.success(request, _("The spending line is recorded."))
            return redirect("monitoring:spending", slug=slug, cycle=cycle)
    return _spending_page(request, ctx, line_form=line_form, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def spending_import(request, slug: str, cycle: str):
    """Upload a file of lines: checked (size, type), kept, and imported in the background."""
    ctx = _staff(request, slug, cycle)
    form = SpendingImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = spending.start_import(request.user, ctx["programme"], form.cleaned_data["file"], get_language() or "")
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("monitoring:spending_import_status", slug=slug, cycle=cycle, job=job.pk)
    return _spending_page(request, ctx, import_form=form, status=400)


@login_required
def spending_import_status(request, slug: str, cycle: str, job: int):
    """The import's progress (polled by htmx while it runs) and its report."""
    ctx = _staff(request, slug, cycle)
    job = get_object_or_404(SpendingImport, pk=job, programme=ctx["programme"])
    context = {**ctx, "job": job}
    if request.htmx:
        return render(request, "monitoring/money_import_progress.html", context)
    return render(request, "monitoring/money_import_status.html", context)


@login_required
@require_safe
def spending_template(request, slug: str, cycle: str):
    """The CSV template of the import, its header in the reader's language."""
    _staff(request, slug, cycle)
    response = HttpResponse(
        imports.template_csv(get_language() or "en", spending.COLUMNS), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="spending-template.csv"'
    return response


EXPORT_COLUMNS = ["project_code", "project", "kind", "amount", "date", "reference", "label", "imported_from"]


@login_required
@require_safe
def spending_export(request, slug: str, cycle: str):
    """Every line of the programme (with the list's filters) as CSV, streamed."""
    ctx = _staff(request, slug, cycle)
    _form, _projects, values = _filters(request, ctx["programme"])
    lines = selectors.spending_lines(
        ctx["programme"],
        q=values.get("q") or "",
        project=values.get("project") or "",
        kind=values.get("kind") or "",
        since=values.get("since"),
        until=values.get("until"),
    )

    def records():
        for line in lines.iterator(chunk_size=2000):
            yield {
                "project_code": spending.project_code(line.project),
                "project": line.project.title,
                "kind": line.kind,
                "amount": f"{line.amount:.2f}",
                "date": line.spent_on.isoformat(),
                "reference": line.reference,
                "label": line.label,
                "imported_from": line.source.name if line.source else "",
            }

    response = StreamingHttpResponse(csv_rows(EXPORT_COLUMNS, records()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spending-{ctx["programme"].cycle}.csv"'
    return response
