"""Pages of the network layer: applying to join, the admins' review, stale members, news and their feeds."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from remacto.core import media
from remacto.core.bidi import strip_bidi
from remacto.core.forms import apply_service_errors
from remacto.core.http import too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits
from remacto.territories import selectors as territories_selectors
from remacto.territories.models import Charter, Collectivity

from . import selectors
from .forms import ApplicationFilterForm, ApplicationForm, DecisionForm, NewsForm
from .models import MembershipApplication, NewsPost
from .services import applications as application_services
from .services import news as news_services

PER_PAGE = 20
NEWS_PER_PAGE = 10


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def apply(request):
    form = ApplicationForm(
        request.POST or None, request.FILES or None, collectivities=selectors.applicable_collectivities()
    )
    status = 200
    wait = None
    if request.method == "POST":
        if form.is_valid():
            try:
                application = application_services.apply(
                    request.user,
                    form.cleaned_data["collectivity"],
                    form.cleaned_data,
                    form.cleaned_data.get("deliberation"),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
                wait = limits.retry_after(exc)
            else:
                messages.success(request, _("The application is received. The network team will decide on it."))
                return redirect(application)
        status = 400 if wait is None else 200
    charter = Charter.objects.filter(is_current=True).first()
    response = render(request, "network/apply.html", {"form": form, "charter": charter}, status=status)
    return too_many_requests(response, wait)


def applications(request):
    _require(request, "network.review")
    form = ApplicationFilterForm(request.GET or None)
    page = paginate(request, selectors.applications(**form.filters()), per_page=PER_PAGE)
    context = {"form": form, "page": page, "querystring": querystring_without_page(request)}
    return render(request, "network/applications.html", context)


def application(request, pk: int):
    application = get_object_or_404(MembershipApplication.objects.select_related("collectivity", "charter"), pk=pk)
    _require(request, "network.view_application", application)
    can_review = request.user.has_perm("network.review")
    form = None
    status = 200
    if can_review and application.status == MembershipApplication.Status.PENDING:
        form = DecisionForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    application_services.decide(
                        request.user,
                        application,
                        accept=form.cleaned_data["decision"] == "accept",
                        text=form.cleaned_data["text"],
                        cohort_year=form.cleaned_data["cohort_year"],
                    )
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, _("The decision is recorded and published."))
                    return redirect(application)
            status = 400
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "network/application.html", {"application": application, "form": form}, status=status)


def deliberation(request, pk: int):
    application = get_object_or_404(MembershipApplication, pk=pk)
    _require(request, "network.view_application", application)
    return media.stored_file(application.deliberation.name, filename=f"deliberation-{pk}.pdf", as_attachment=True)


def decisions(request):
    page = paginate(request, selectors.public_decisions(), per_page=PER_PAGE)
    return render(request, "network/decisions.html", {"page": page, "querystring": ""})


def export_applications(request):
    _require(request, "network.review")
    form = ApplicationFilterForm(request.GET or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="membership-applications.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "id",
            "collectivity",
            "region",
            "status",
            "applied_on",
            "focal_name",
            "focal_title",
            "focal_email",
            "focal_phone",
            "decided_on",
            "cohort_year",
            "decision_text",
        ]
    )
    for row in selectors.applications(**form.filters()).iterator(chunk_size=500):
        writer.writerow(
            [
                row.pk,
                strip_bidi(str(row.collectivity)),
                row.collectivity.region.code,
                row.status,
                row.created_at.date().isoformat(),
                strip_bidi(row.focal_name),
                strip_bidi(row.focal_title),
                row.focal_email,
                row.focal_phone,
                row.decided_at.date().isoformat() if row.decided_at else "",
                row.cohort_year or "",
                strip_bidi(row.decision_text),
            ]
        )
    return response


def stale(request):
    _require(request, "network.review")
    page = paginate(request, selectors.stale_members(), per_page=PER_PAGE)
    return render(request, "network/stale.html", {"page": page, "querystring": ""})


def _member(slug: str) -> Collectivity:
    try:
        return territories_selectors.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc


def _news_list(request, collectivity):
    can_write = request.user.has_perm("network.write_news", collectivity)
    context = {
        "collectivity": collectivity,
        "page": paginate(request, selectors.published_news(collectivity), per_page=NEWS_PER_PAGE),
        "querystring": "",
        "drafts": list(selectors.drafts(collectivity)[:20]) if can_write else [],
        "can_write": can_write,
    }
    return render(request, "network/news_list.html", context)


def news(request):
    return _news_list(request, None)


def member_news(request, slug: str):
    return _news_list(request, _member(slug))


def _post(request, pk: int, collectivity):
    try:
        post = selectors.visible_post(request.user, pk, collectivity)
    except NewsPost.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "post": post,
        "collectivity": collectivity,
        "can_write": request.user.has_perm(news_services.WRITE, collectivity),
    }
    return render(request, "network/post.html", context)


def post(request, pk: int):
    return _post(request, pk, None)


def member_post(request, slug: str, pk: int):
    return _post(request, pk, _member(slug))


def _post_image(request, pk: int, collectivity):
    try:
        post = selectors.visible_post(request.user, pk, collectivity)
    except NewsPost.DoesNotExist as exc:
        raise Http404 from exc
    if not post.image:
        raise Http404
    return media.stored_file(post.image.name, filename=post.image.name.rsplit("/", 1)[-1], as_attachment=False)


def post_image(request, pk: int):
    return _post_image(request, pk, None)


def member_post_image(request, slug: str, pk: int):
    return _post_image(request, pk, _member(slug))


def _write(request, collectivity, pk: int | None = None):
    _require(request, news_services.WRITE, collectivity)
    post = None
    if pk is not None:
        try:
            post = selectors.visible_post(request.user, pk, collectivity)
        except NewsPost.DoesNotExist as exc:
            raise Http404 from exc
    initial = {"title": post.title, "body": post.body, "status": post.status} if post else {}
    form = NewsForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if post is None:
                    post = news_services.write(
                        request.user, collectivity, form.cleaned_data, form.cleaned_data.get("image")
                    )
                else:
                    post = news_services.edit(request.user, post, form.cleaned_data, form.cleaned_data.get("image"))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The news post is saved."))
                return redirect(post)
        status = 400
    return render(
        request, "network/news_form.html", {"form": form, "post": post, "collectivity": collectivity}, status=status
    )


def news_write(request):
    return _write(request, None)


def news_edit(request, pk: int):
    return _write(request, None, pk)


def member_news_write(request, slug: str):
    return _write(request, _member(slug))


def member_news_edit(request, slug: str, pk: int):
    return _write(request, _member(slug), pk)
