"""Pages of the good-practice library: the public list and page, submission and correction by a member's focal
points, the network team's review queue and decisions, "use as a template", documents and the CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.cocreation.exports import csv_rows
from remacto.core.forms import apply_service_errors
from remacto.core.http import too_many_requests
from remacto.core.markdown import render_markdown
from remacto.core.media import stored_file
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits
from remacto.territories import selectors as territories
from remacto.territories.models import Collectivity

from . import forms, selectors, services
from .models import Practice, PracticeDocument

PER_PAGE = 20


FILTERS = ("q", "axis", "principle", "kind", "member")


@require_safe
def practice_list(request):
    form = forms.SearchForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = {name: values.get(name) or "" for name in FILTERS}
    ctx = {
        "form": form,
        "member": territories.members().filter(slug=filters["member"]).first() if filters["member"] else None,
        "page": paginate(request, selectors.search(selectors.published(), **filters), per_page=PER_PAGE),
        "querystring": querystring_without_page(request),
        "can_review": request.user.has_perm("practices.review"),
    }
    return render(request, "practices/list.html", ctx, status=400 if form.is_bound and not form.is_valid() else 200)


def _practice(request, pk: int) -> Practice:
    practice = get_object_or_404(
        selectors.with_structure(Practice.objects.select_related("collectivity__region", "submitted_by")), pk=pk
    )
    if not selectors.visible_to(request.user, practice):
        raise Http404
    return practice


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _detail(request, practice: Practice, status: int = 200, **bound):
    user = request.user
    can_review = user.has_perm("practices.review", practice)
    programmes = selectors.programmes_for_template(user) if user.is_authenticated and practice.is_published else None
    ctx = {
        "practice": practice,
        "description": render_markdown(practice.description),
        "results": render_markdown(practice.results) if practice.results else "",
        "documents": list(practice.documents.all()),
        "can_edit": user.has_perm("practices.edit", practice),
        "can_review": can_review,
        "reason_form": bound.get("reason_form") or (forms.ReasonForm() if can_review else None),
        "template_form": bound.get("template_form")
        or (forms.TemplateForm(programmes=programmes) if programmes is not None and programmes.exists() else None),
    }
    return render(request, "practices/detail.html", ctx, status=status)


@require_safe
def detail(request, pk: int):
    return _detail(request, _practice(request, pk))


def _documents(form) -> list[tuple]:
    upload = form.cleaned_data.get("document")
    return [(form.cleaned_data.get("document_title") or "", upload)] if upload else []


def _structure(form) -> list[services.AxisOutline] | None:
    text = form.cleaned_data.get("structure") or ""
    return services.parse_structure(text) if text.strip() else None


def _save(request, form, call, message: str):
    """On a valid POST, ``call`` the service with the form's data: a redirect to what it returns when it saves,
    None (the errors shown on the form) otherwise."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        practice = call(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        form.retry_after = limits.retry_after(exc)
        return None
    messages.success(request, message)
    return redirect(practice)


@login_required
def submit(request, slug: str):
    try:
        collectivity = territories.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc
    _require(request, "practices.submit", collectivity)
    form = forms.PracticeForm(request.POST or None, request.FILES or None, collectivity=collectivity)
    saved = _save(
        request,
        form,
        lambda data: services.submit_practice(
            request.user,
            collectivity,
            data,
            structure=_structure(form),
            source_programme=data.get("source_programme"),
            documents=_documents(form),
        ),
        _("Thank you: the network team will review your practice."),
    )
    if saved:
        return saved
    ctx = {"form": form, "collectivity": collectivity, "practice": None}
    wait = getattr(form, "retry_after", None)
    response = render(request, "practices/form.html", ctx, status=400 if form.errors and wait is None else 200)
    return too_many_requests(response, wait)


def structure_text(practice: Practice) -> str:
    """The practice's structure written as the form reads it."""
    lines = []
    for axis in practice.axes.all():
        lines.append(axis.title)
        lines.extend(f"- {project.title}" for project in axis.projects.all())
    return "\n".join(lines)


@login_required
def edit(request, pk: int):
    practice = _practice(request, pk)
    _require(request, "practices.edit", practice)
    initial = {name: getattr(practice, name) for name in forms.PracticeForm.base_fields if hasattr(practice, name)}
    initial["structure"] = structure_text(practice)
    form = forms.PracticeForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        collectivity=practice.collectivity,
        practice=practice,
    )
    saved = _save(
        request,
        form,
        lambda data: services.update_practice(
            request.user, practice, data, structure=_structure(form) or [], documents=_documents(form)
        ),
        _("Your corrections are saved; the network team will review the practice."),
    )
    if saved:
        return saved
    ctx = {"form": form, "collectivity": practice.collectivity, "practice": practice}
    return render(request, "practices/form.html", ctx, status=400 if form.errors else 200)


REVIEW_ACTIONS = {
    "publish": (services.publish, False),
    "changes": (services.request_changes, True),
    "unpublish": (services.unpublish, True),
}


@login_required
@require_POST
def review(request, pk: int, action: str):
    practice = _practice(request, pk)
    _require(request, "practices.review", practice)
    if action not in REVIEW_ACTIONS:
        raise Http404
    service, needs_reason = REVIEW_ACTIONS[action]
    form = forms.ReasonForm(request.POST) if needs_reason else None
    try:
        if form is None:
            service(request.user, practice)
        elif form.is_valid():
            service(request.user, practice, form.cleaned_data["reason"])
        else:
            return _detail(request, practice, status=400, reason_form=form)
    except ValidationError as exc:
        form = form or forms.ReasonForm()
        apply_service_errors(form, exc)
        return _detail(request, practice, status=400, reason_form=form)
    messages.success(request, _("The decision is recorded and the submitter is told."))
    return redirect(practice)


@login_required
@require_POST
def use_template(request, pk: int):
    practice = _practice(request, pk)
    # Every programme of the user's collectivities is accepted here: one past drafting is refused by the service
    # with a clear message rather than as an unknown choice.
    form = forms.TemplateForm(request.POST, programmes=selectors.own_programmes(request.user))
    saved = _save(
        request,
        form,
        lambda data: services.use_as_template(request.user, practice, data["programme"]).programme,
        _("The practice's axes and projects are added to your programme."),
    )
    return saved or _detail(request, practice, status=400, template_form=form)


@login_required
@require_safe
def queue(request):
    _require(request, "practices.review")
    ctx = {"page": paginate(request, selectors.review_queue(), per_page=PER_PAGE), "querystring": ""}
    return render(request, "practices/queue.html", ctx)


@require_safe
def document(request, pk: int):
    doc = get_object_or_404(PracticeDocument.objects.select_related("practice__collectivity"), pk=pk)
    if not selectors.visible_to(request.user, doc.practice):
        raise Http404
    name = doc.file.name
    return stored_file(name, filename=doc.title + "." + name.rsplit(".", 1)[-1], as_attachment=True)


@login_required
@require_safe
def export_csv(request):
    """The whole library, every state, for the network team."""
    _require(request, "practices.export")
    response = StreamingHttpResponse(
        csv_rows(selectors.EXPORT_COLUMNS, selectors.export_rows(Practice.objects.all())),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="good-practices.csv"'
    return response
