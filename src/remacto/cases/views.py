"""The transparency pages (a member's and the network's), their CSV export for staff, and the staff page of the
Islamic holiday table."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from remacto.cocreation.exports import csv_rows
from remacto.core.forms import apply_service_errors
from remacto.territories import selectors as territories
from remacto.territories.models import Collectivity

from . import calendar, holidays, registry, selectors
from .forms import HolidayForm
from .models import Case, IslamicHoliday

FIRST_YEAR, LAST_YEAR = 2000, 2100
CSV_COLUMNS = ["year", "member", "procedure", *selectors.FIGURES]


def _year(request, param: str = "year") -> int:
    """The year asked for, or the current one for anything that is not a plausible year."""
    value = request.GET.get(param, "")
    if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return calendar.today().year


def _member(slug: str) -> Collectivity:
    try:
        return territories.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc


def _rows(figures: dict[str, dict[str, int]], collectivity) -> list[dict]:
    """One row per procedure with its label and the link to its register, when its app gave one."""
    known = registry.registered()
    rows = []
    for procedure, label in Case.Procedure.choices:
        info = known.get(procedure)
        link = info.register_url(collectivity) if info and info.register_url else ""
        rows.append(
            {"procedure": procedure, "label": info.label if info else label, "link": link, **figures[procedure]}
        )
    return rows


def _context(request, year: int, figures, collectivity) -> dict:
    return {
        "year": year,
        "years": selectors.years_with_cases(collectivity),
        "rows": _rows(figures, collectivity),
        "total": selectors.totals(figures),
        "can_export": request.user.has_perm("cases.export_figures", collectivity),
    }


@require_safe
def member_transparency(request, slug: str):
    """A member's figures per procedure for one year: received, answered on time or late, open, overdue."""
    collectivity = _member(slug)
    year = _year(request)
    figures = selectors.transparency(year=year, collectivity=collectivity)
    ctx = _context(request, year, figures, collectivity) | {"collectivity": collectivity}
    return render(request, "cases/transparency.html", ctx)


@require_safe
def network_transparency(request):
    """The same figures across the network, and member by member."""
    year = _year(request)
    figures = selectors.transparency(year=year)
    ctx = _context(request, year, figures, None) | {"members": selectors.transparency_by_member(year=year)}
    return render(request, "cases/transparency.html", ctx)


def _csv(year: int, collectivity, name: str) -> StreamingHttpResponse:
    member = collectivity.slug if collectivity else ""
    figures = selectors.transparency(year=year, collectivity=collectivity)
    records = ({"year": year, "member": member, "procedure": p, **figures[p]} for p in Case.Procedure.values)
    response = StreamingHttpResponse(csv_rows(CSV_COLUMNS, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{year}.csv"'
    return response


@login_required
@require_safe
def member_transparency_csv(request, slug: str):
    collectivity = _member(slug)
    if not request.user.has_perm("cases.export_figures", collectivity):
        raise PermissionDenied
    return _csv(_year(request), collectivity, f"transparency-{collectivity.slug}")


@login_required
@require_safe
def network_transparency_csv(request):
    """The figures of every member (one row per member and procedure) for network admins."""
    if not request.user.has_perm("cases.export_figures", None):
        raise PermissionDenied
    year = _year(request)

    def records():
        for entry in selectors.transparency_by_member(year=year):
            for procedure in Case.Procedure.values:
                figures = entry["procedures"].get(procedure, selectors.empty_figures())
                yield {"year": year, "member": entry["collectivity"].slug, "procedure": procedure, **figures}

    response = StreamingHttpResponse(csv_rows(CSV_COLUMNS, records()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="transparency-network-{year}.csv"'
    return response


@login_required
def holiday_table(request):
    """The Islamic holidays of one year, for network admins to add, correct or remove."""
    if not request.user.has_perm(holidays.EDIT):
        raise PermissionDenied
    year = _year(request)
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = get_object_or_404(IslamicHoliday, pk=int(request.GET["edit"]))
    status = 200
    if request.method == "POST" and request.POST.get("delete", "").isdigit():
        holiday = get_object_or_404(IslamicHoliday, pk=int(request.POST["delete"]))
        moved = holidays.delete_holiday(request.user, holiday)
        messages.success(request, _("The holiday is removed. Open deadlines moved: %(moved)d.") % {"moved": moved})
        return redirect(f"{request.path}?year={year}")
    if request.method == "POST":
        form = HolidayForm(request.POST)
        if form.is_valid():
            try:
                holidays.save_holiday(request.user, year=year, holiday=editing, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The holiday table is saved and the open deadlines are recomputed."))
                return redirect(f"{request.path}?year={year}")
        status = 400
    elif editing is not None:
        form = HolidayForm(initial={"key": editing.key, "date": editing.date, "expected": editing.expected})
    else:
        form = HolidayForm(initial={"expected": True, "date": datetime.date(year, 1, 1)})
    ctx = {
        "year": year,
        "years": range(calendar.today().year - 2, calendar.today().year + 3),
        "rows": IslamicHoliday.objects.filter(date__year=year).order_by("date", "key"),
        "all_holidays": calendar.holidays(year),
        "form": form,
        "editing": editing,
    }
    return render(request, "cases/holidays.html", ctx, status=status)
