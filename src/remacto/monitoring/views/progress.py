"""Progress pages: the public follow-up page of an adopted project (header, activities, charts, timeline), the
photos and documents of its updates, posting an update (staff) and the project's staff (focal point)."""

import posixpath
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.cocreation.charts import bar_chart
from remacto.cocreation.statistics import Row, Series
from remacto.core import media
from remacto.core.formatting import format_mad, format_number
from remacto.core.forms import apply_service_errors

from .. import charts
from ..models import ProjectAssignment, UpdateDocument, UpdatePhoto
from ..progress_forms import (
    ActivityChangeFormSet,
    AssignForm,
    IndicatorMeasureFormSet,
    UpdateForm,
    activity_changes,
    indicator_values,
)
from ..selectors import evaluations as evaluation_selectors
from ..selectors import money as money_selectors
from ..selectors import observations as observation_selectors
from ..selectors import progress as selectors
from ..services import assignments
from ..services import progress as service

PER_PAGE = 10


def _public_project(request, slug: str, project: int):
    item = selectors.followed_project(slug, project)
    if not selectors.is_public(item, request.user):
        raise Http404
    return item


def _progress_chart(project, rtl: bool):
    points = [charts.Point(day, value, f"{value}%") for day, value in selectors.progress_series(project)]
    if not points:
        return None, points
    chart = charts.step_chart(
        points,
        chart_id="chart-progress",
        title=_("Physical progress over time"),
        description=_("Physical progress (%) reported in each update, from 0 to 100."),
        rtl=rtl,
        high=100,
        axis_display=lambda value: f"{format_number(value)}%",
    )
    return chart, points


def _money_chart(money: money_selectors.Money, rtl: bool):
    """The project's budget, committed and paid amounts as bars (``None`` before any spending is recorded)."""
    if not (money.committed or money.paid):
        return None
    rows = [
        Row(
            "budget", _("Budget"), money.budget, _("to be estimated") if money.to_estimate else format_mad(money.budget)
        ),
        Row("committed", _("Committed"), money.committed, format_mad(money.committed)),
        Row("paid", _("Paid"), money.paid, format_mad(money.paid)),
    ]
    series = Series(
        "project-money",
        _("Budget, committed and paid"),
        _("The project's budget and the amounts committed and paid for it, from the spending lines recorded."),
        rows,
        unit="mad",
        value_header=_("Amount (MAD)"),
    )
    return bar_chart(series, rtl=rtl)


def _indicator_charts(project, rtl: bool) -> list[dict]:
    rows = []
    for n, series in enumerate(selectors.indicator_series(project), start=1):
        indicator = series.indicator
        unit = f" {indicator.unit}" if indicator.unit else ""

        def show(value, unit=unit) -> str:
            whole = Decimal(value) == Decimal(value).to_integral_value()
            return f"{format_number(value, 0 if whole else 2)}{unit}"

        references = tuple(
            charts.Reference(label, value)
            for label, value in ((_("Baseline"), indicator.baseline), (_("Target"), indicator.target))
            if value is not None
        )
        points = [charts.Point(v.measured_on, v.value, show(v.value)) for v in series.values]
        chart = None
        if points:
            chart = charts.step_chart(
                points,
                chart_id=f"chart-indicator-{n}",
                title=indicator.name,
                description=_("Values measured over time, against the baseline and the target."),
                rtl=rtl,
                low=min([0, *(r.value for r in references)]),
                references=references,
                axis_display=show,
            )
        rows.append({"series": series, "chart": chart, "show": show})
    return rows


@require_safe
def project_page(request, slug: str, project: int):
    """The public follow-up page of an adopted project."""
    item = _public_project(request, slug, project)
    today = timezone.localdate()
    rtl = get_language_bidi()
    events = selectors.timeline(item)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    selectors.load_details(page.object_list)
    progress_chart, progress_points = _progress_chart(item, rtl)
    money = money_selectors.project_money(item)
    user = request.user
    return render(
        request,
        "monitoring/progress_project.html",
        {
            "project": item,
            "programme": item.programme,
            "latest": selectors.latest_update(item),
            "activities": selectors.activity_states(item, today),
            "page": page,
            "progress_chart": progress_chart,
            "progress_points": progress_points,
            "indicators": _indicator_charts(item, rtl),
            "money": money,
            "money_chart": _money_chart(money, rtl),
            "can_post": service.can_post(user, item),
            "can_assign": assignments.can_manage(user, item),
            # What a resident can do now: report what they saw, and evaluate the project once it is finished.
            **observation_selectors.panel_context(item, user),
            **evaluation_selectors.project_panel(user, item),
        },
    )


@require_safe
def update_photo(request, slug: str, project: int, photo: int):
    """A photo of an update, shown inline, while the project's follow-up is public."""
    item = _public_project(request, slug, project)
    stored = get_object_or_404(UpdatePhoto, pk=photo, update__project=item)
    name = posixpath.basename(stored.image.name)
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"  # stored re-encoded as one of them
    return media.stored_file(stored.image.name, filename=name, as_attachment=False, content_type=content_type)


@require_safe
def update_document(request, slug: str, project: int, document: int):
    """A PDF document of an update, while the project's follow-up is public."""
    item = _public_project(request, slug, project)
    stored = get_object_or_404(UpdateDocument, pk=document, update__project=item)
    name = posixpath.basename(stored.file.name)
    return media.stored_file(stored.file.name, filename=name, as_attachment=False, content_type="application/pdf")


@login_required
def post_update(request, slug: str, project: int):
    """Post an update with, in the same form, the activities' new statuses and the indicators' new values."""
    item = selectors.followed_project(slug, project)
    if not service.can_post(request.user, item):
        raise PermissionDenied
    closed = service.closed_reason(item)
    activities = list(item.activities.order_by("order", "id"))
    indicators = list(item.indicators.order_by("id"))
    data = request.POST if request.method == "POST" and not closed else None
    form = UpdateForm(data, request.FILES if data is not None else None)
    statuses = ActivityChangeFormSet(data, prefix="activities", initial=[{"activity": a.pk} for a in activities])
    measures = IndicatorMeasureFormSet(data, prefix="indicators", initial=[{"indicator": i.pk} for i in indicators])
    if data is not None and form.is_valid() and statuses.is_valid() and measures.is_valid():
        values = form.cleaned_data
        measured = [{**m, "measured_on": m["measured_on"] or values["reported_on"]} for m in indicator_values(measures)]
        try:
            service.post_update(
                request.user,
                item,
                values,
                activity_changes=activity_changes(statuses),
                indicator_values=measured,
                photos=values["photos"],
                documents=values["documents"],
                completed=values["completed"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The update is published."))
            return redirect("monitoring:project", slug=slug, project=project)
    return render(
        request,
        "monitoring/progress_form.html",
        {
            "project": item,
            "programme": item.programme,
            "closed": closed,
            "form": form,
            "statuses": statuses,
            "measures": measures,
            "status_rows": list(zip(statuses.forms, activities, strict=False)),
            "measure_rows": list(zip(measures.forms, indicators, strict=False)),
            "previous": selectors.latest_update(item),
        },
        status=400 if data is not None else 200,
    )


@login_required
def team(request, slug: str, project: int):
    """The staff allowed to post the project's progress; the focal point adds and removes them."""
    item = selectors.followed_project(slug, project)
    if not assignments.can_manage(request.user, item):
        raise PermissionDenied
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignments.assign(request.user, item, form.cleaned_data["email"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The person can now post this project's progress."))
            return redirect("monitoring:assignments", slug=slug, project=project)
    return render(
        request,
        "monitoring/progress_team.html",
        {
            "project": item,
            "programme": item.programme,
            "form": form,
            "members": list(item.assignments.select_related("user").order_by("assigned_at", "id")),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def unassign(request, slug: str, project: int, pk: int):
    item = selectors.followed_project(slug, project)
    assignment = get_object_or_404(ProjectAssignment, pk=pk, project=item)
    assignments.unassign(request.user, assignment)  # PermissionDenied for anyone but the focal point
    messages.success(request, _("The person no longer posts this project's progress."))
    return redirect("monitoring:assignments", slug=slug, project=project)
