"""The network dashboard (public, with a network admins' version), its CSV file, and the admins' request to
compute the figures again with its progress. Pages read only the precomputed table (``selectors``)."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.cocreation.exports import csv_rows
from remacto.core import pagecache
from remacto.core.pagination import paginate
from remacto.territories.models import Region

from . import charts, selectors, services
from .forms import MEASURE_LABELS, SORT_LABELS, FilterForm

PAGE_SIZE = 25
CSV_COLUMNS = [
    "member",
    "name_ar",
    "name_fr",
    "region",
    "province",
    "kind",
    "cohort_year",
    "ogp_local",
    "population",
    "cycle",
    "phase",
    "adoption_date",
    "ideas",
    "ideas_per_1000",
    "ideas_answered",
    "answered_share",
    "budget",
    "paid",
    "execution_rate",
    "cases_due",
    "cases_on_time",
    "on_time_share",
    "attendees_women",
    "attendees_men",
    "women_share",
    "attendees_under_30",
    "attendees_aged",
    "under_30_share",
    "computed_at",
]
STAFF_COLUMNS = ["last_moved_on", "stalled"]


def _form(request, *, sorting: bool = True) -> tuple[FilterForm, bool]:
    staff = request.user.has_perm("netdash.view_staff")
    form = FilterForm(request.GET, regions=list(Region.objects.all()), staff=staff, sorting=sorting)
    return form, staff


@require_safe
def dashboard(request):
    """One measure at a time (chosen by links that keep the filters): its chart over the roll-up, the same figures
    in a table, and the members ranked on it."""
    return _page(request, "measures", _measure_body)


@require_safe
def members(request):
    """Every figure of the members, sortable, 25 a page."""
    return _page(request, "members", _members_body)


def _page(request, kind: str, body: Callable[..., str]):
    form, staff = _form(request, sorting=kind == "members")
    ctx = {
        "form": form,
        "staff": staff,
        "computation": selectors.latest_computation(),
        "computing": services.computing() if staff else None,
    }
    if not form.is_valid():
        return render(request, "netdash/dashboard.html", ctx, status=400)
    computed = ctx["computation"].pk if ctx["computation"] else 0
    # The figures change only when a computation finishes: the body is kept per computation, language, version,
    # page kind, filters and page number (the same for every visitor of that version).
    page = request.GET.get("page", "")
    page = page if page.isdigit() and len(page) < 7 else ""
    wanted = hashlib.sha256(repr([sorted(form.cleaned_data.items()), page]).encode()).hexdigest()[:32]
    key = f"netdash:{kind}:{computed}:{get_language()}:{int(staff)}:{wanted}"
    html = pagecache.remember(key, lambda: body(request, form, staff=staff), settings.DASHBOARD_CACHE_SECONDS)
    return render(request, "netdash/dashboard.html", ctx | {"body": html})


def _measure_body(request, form: FilterForm, *, staff: bool) -> str:
    """The filters, the measure chooser, the chosen measure's chart and table, and the members ranked on it."""
    filters, measure = form.filters(), form.cleaned_data["measure"]
    level, series = charts.for_measure(measure, filters)
    page = paginate(request, selectors.ranking(filters, measure, language=get_language()), PAGE_SIZE)
    context = {
        "form": form,
        "staff": staff,
        "measure": measure,
        "choices": [(m, MEASURE_LABELS[m], form.query(measure=m)) for m in selectors.CHOOSABLE],
        "level": level,
        "series": series,
        "svg": charts.draw(series, rtl=get_language_bidi()),
        "page": page,
        "value_header": SORT_LABELS[measure],
        "rows": [(page.start_index() + n, row, getattr(row, measure)) for n, row in enumerate(page.object_list)],
        "query": form.query(),
    }
    return render_to_string("netdash/_measure.html", context, request=request)


def _members_body(request, form: FilterForm, *, staff: bool) -> str:
    """The filters and the member table with every measure."""
    page = paginate(request, selectors.members(form.filters(), language=get_language()), PAGE_SIZE)
    rows = [(row, [(m, getattr(row, m)) for m in selectors.CHOOSABLE]) for row in page.object_list]
    context = {"form": form, "staff": staff, "page": page, "rows": rows, "query": form.query()}
    return render_to_string("netdash/_members.html", context, request=request)


def _record(row, staff: bool) -> dict:
    """One member's CSV row: its names and places, then the figures as stored (the columns named like fields)."""
    member = row.collectivity
    record = {column: getattr(row, column, None) for column in CSV_COLUMNS}
    record |= {
        "member": member.slug,
        "name_ar": member.name_ar,
        "name_fr": member.name_fr,
        "region": row.region.code,
        "province": row.province.code if row.province else "",
        "ogp_local": row.is_ogp_local,
    }
    if staff:
        record |= {"last_moved_on": row.last_moved_on, "stalled": row.is_stalled}
    return record


@require_safe
def dashboard_csv(request):
    """The figures of the members matching the filters, one row per member (network admins get two more columns)."""
    form, staff = _form(request)
    if not form.is_valid():
        return render(request, "netdash/dashboard.html", {"form": form, "staff": staff}, status=400)
    rows = selectors.members(form.filters(), language=get_language()).iterator(chunk_size=500)
    columns = CSV_COLUMNS + (STAFF_COLUMNS if staff else [])
    records = (_record(row, staff) for row in rows)
    response = StreamingHttpResponse(csv_rows(columns, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network-dashboard.csv"'
    return response


@require_POST
def refresh(request):
    """A network admin asks for the figures to be computed now; back to the dashboard, which shows the progress."""
    started = services.refresh(request.user)
    if started:
        messages.success(request, _("The figures are being computed again."))
    else:
        messages.info(request, _("The figures are already being computed."))
    return redirect("netdash:dashboard")


@require_safe
def status(request):
    """The progress of the computation (polled by the page while it runs)."""
    if not request.user.has_perm("netdash.view_staff"):
        raise PermissionDenied
    ctx = {"staff": True, "computation": selectors.latest_computation(), "computing": services.computing()}
    return render(request, "netdash/_freshness.html", ctx)
