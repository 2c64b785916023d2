"""Public pages of the network: home, member directory, a member's space, the charter."""

from django.http import Http404
from django.shortcuts import render

from remacto.budgets import selectors as budgets_selectors
from remacto.cocreation import selectors as cocreation_selectors
from remacto.core.pagination import paginate, querystring_without_page
from remacto.network import selectors as network_selectors

from . import openings, selectors
from .forms import DirectoryFilterForm
from .models import Charter, Collectivity

OPEN_NOW_ON_HOME = 12
NEWS_ON_HOME = 3
SPACE_CAMPAIGNS = 3


def home(request):
    context = {
        "regions": selectors.regions_with_member_counts(),
        "counts": selectors.network_counts(),
        "open_now": openings.open_now(OPEN_NOW_ON_HOME),
        "news": network_selectors.latest_network_news(NEWS_ON_HOME),
    }
    return render(request, "territories/home.html", context)


def directory(request):
    form = DirectoryFilterForm(request.GET or None, cohorts=selectors.cohort_years())
    filters = form.filters() if request.GET else {}
    page = paginate(request, selectors.directory(**filters))
    context = {"form": form, "page": page, "querystring": querystring_without_page(request)}
    template = "territories/_directory_results.html" if request.htmx else "territories/directory.html"
    return render(request, template, context)


def space(request, slug: str):
    try:
        collectivity = selectors.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "collectivity": collectivity,
        "programmes": cocreation_selectors.programmes_of(collectivity),
        "campaigns": list(budgets_selectors.campaigns(collectivity)[:SPACE_CAMPAIGNS]),
        "can_manage_roles": request.user.has_perm("accounts.manage_roles", collectivity),
        "can_view_audit": request.user.has_perm("accounts.view_collectivity_audit", collectivity),
        "can_moderate": request.user.has_perm("participation.moderate", collectivity),
        "can_start_programme": request.user.has_perm("cocreation.manage_programme", collectivity),
        "can_start_campaign": request.user.has_perm("budgets.manage_campaign", collectivity),
        "can_manage_petitions": request.user.has_perm("petitions.manage", collectivity),
        "can_set_population": request.user.has_perm("petitions.set_population", collectivity),
    }
    return render(request, "territories/space.html", context)


def charter(request):
    current = Charter.objects.filter(is_current=True).first()
    return render(request, "territories/charter.html", {"charter": current})
