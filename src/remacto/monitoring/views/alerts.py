"""The staff page of a programme's alerts: filtered by state, paginated, acknowledged with a note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from remacto.cocreation.views.common import programme_context
from remacto.core.pagination import paginate, querystring_without_page

from ..models import Alert
from ..selectors import alerts as selectors
from ..services import alerts as services

PER_PAGE = 20


@login_required
def alerts(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "monitoring")
    programme = ctx["programme"]
    if not request.user.has_perm(services.HANDLE, programme.collectivity):
        raise PermissionDenied
    state = request.GET.get("state", "open")
    if state not in selectors.STATES:
        state = "open"
    error, note, status = None, "", 200
    if request.method == "POST":
        pk = request.POST.get("alert", "")
        alert = get_object_or_404(Alert, pk=int(pk) if pk.isdigit() else 0, project__programme=programme)
        note = request.POST.get("note", "")
        try:
            services.acknowledge_alert(request.user, alert, note)
        except ValidationError as exc:
            error, status = (alert.pk, " ".join(exc.messages)), 400
        else:
            messages.success(request, _("The alert is acknowledged; it stays listed until its cause is gone."))
            return redirect(request.get_full_path())
    counts = selectors.alert_counts(programme)
    labels = {
        "open": pgettext("alert state", "Open"),
        "acknowledged": pgettext("alert state", "Acknowledged"),
        "closed": pgettext("alert state", "Closed"),
    }
    ctx |= {
        "state": state,
        "states": [(value, labels[value], counts[value]) for value in selectors.STATES],
        "page": paginate(request, selectors.alerts_of(programme, state), per_page=PER_PAGE),
        "querystring": querystring_without_page(request),
        "error": error,
        "note": note,
    }
    return render(request, "monitoring/alerts_list.html", ctx, status=status)
