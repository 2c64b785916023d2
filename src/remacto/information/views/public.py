"""The public side of access to information: a member's page (how to ask, published answers), one published
answer (never who asked), and the documents the collectivity publishes of its own accord (list, one document,
its file, and the staff's form to publish one)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.core import media
from remacto.core.forms import apply_service_errors
from remacto.core.pagination import paginate, querystring_without_page

from .. import selectors
from ..forms import AnswerSearchForm, DisclosureFilterForm, DisclosureForm
from ..services import disclosure as services

PER_PAGE = 20
LATEST_DOCUMENTS = 5


def _q(form) -> str:
    return (form.cleaned_data.get("q") or "") if form.is_valid() else ""


def home(request, slug: str):
    collectivity = selectors.member(slug)
    user = request.user
    form = AnswerSearchForm(request.GET or None)
    page = paginate(request, selectors.published_answers(collectivity=collectivity, q=_q(form)), per_page=PER_PAGE)
    return render(
        request,
        "information/home.html",
        {
            "collectivity": collectivity,
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "documents": list(selectors.disclosures(collectivity=collectivity)[:LATEST_DOCUMENTS]),
            "can_view_register": user.has_perm("information.view_register", collectivity),
            "can_manage": user.has_perm(services.MANAGE, collectivity),
        },
    )


def answer(request, slug: str, pk: int):
    item = selectors.published_answer(selectors.member(slug), pk)
    return render(request, "information/answer.html", {"collectivity": item.case.collectivity, "item": item})


def disclosures(request, slug: str):
    collectivity = selectors.member(slug)
    form = DisclosureFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    documents = selectors.disclosures(
        collectivity=collectivity, q=values.get("q") or "", category=values.get("category") or ""
    )
    return render(
        request,
        "information/disclosures.html",
        {
            "collectivity": collectivity,
            "form": form,
            "page": paginate(request, documents, per_page=PER_PAGE),
            "querystring": querystring_without_page(request),
            "can_manage": request.user.has_perm(services.MANAGE, collectivity),
        },
    )


def disclosure(request, slug: str, pk: int):
    document = selectors.disclosure(selectors.member(slug), pk)
    return render(
        request,
        "information/disclosure.html",
        {
            "collectivity": document.collectivity,
            "document": document,
            "can_manage": request.user.has_perm(services.MANAGE, document.collectivity),
        },
    )


@require_safe
def disclosure_file(request, slug: str, pk: int):
    document = selectors.disclosure(selectors.member(slug), pk)
    if not document.file:
        if document.link:
            return HttpResponseRedirect(document.link)
        raise Http404
    return media.stored_file(document.file.name, filename=document.file.name.rsplit("/", 1)[-1], as_attachment=False)


@login_required
def disclosure_new(request, slug: str):
    collectivity = selectors.member(slug)
    if not request.user.has_perm(services.MANAGE, collectivity):
        raise PermissionDenied(_("You are not allowed to do this."))
    form = DisclosureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.publish_document(request.user, collectivity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The document is published."))
            return redirect(document.get_absolute_url())
    return render(
        request,
        "information/disclosure_form.html",
        {"collectivity": collectivity, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def disclosure_remove(request, slug: str, pk: int):
    document = selectors.disclosure(selectors.member(slug), pk)
    services.remove_document(request.user, document)
    messages.success(request, _("The document is withdrawn."))
    return redirect(reverse("information:disclosures", kwargs={"slug": slug}))
