"""Petition pages: the public list and page (progress, history, decision), filing, signing, the petitioner's and
the council staff's actions, paper lists, the receipt, CSV exports, thresholds and populations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from remacto.cocreation.exports import csv_rows
from remacto.core.forms import apply_service_errors
from remacto.core.http import too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits
from remacto.territories import selectors as territories
from remacto.territories.models import Collectivity

from . import conditions, forms, selectors
from .models import Petition, Threshold
from .services import lifecycle, signatures, thresholds
from .services.common import collection_is_open, paper_deadline

PER_PAGE = 20
SIGNERS_SHOWN = 50


def petition_list(request):
    form = forms.SearchForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    member = None
    if values.get("member"):
        member = Collectivity.objects.filter(slug=values["member"], membership__isnull=False).first()
    qs = selectors.search(
        selectors.public_petitions(),
        q=values.get("q") or "",
        member=values.get("member") or "",
        status=values.get("status") or "",
    )
    ctx = {
        "form": form,
        "member": member,
        "page": paginate(request, qs, per_page=PER_PAGE),
        "querystring": querystring_without_page(request),
    }
    return render(request, "petitions/list.html", ctx, status=200 if form.is_bound is False or form.is_valid() else 400)


def _member(slug: str) -> Collectivity:
    try:
        return territories.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _petition(request, pk: int) -> Petition:
    petition = get_object_or_404(
        Petition.objects.select_related("collectivity__region", "collectivity__membership", "organisation", "case"),
        pk=pk,
        collectivity__membership__isnull=False,
    )
    if not selectors.visible_to(request.user, petition):
        raise Http404
    return petition


def _detail(request, petition: Petition, status: int = 200, **bound):
    user = request.user
    is_petitioner = user.is_authenticated and user.has_perm("petitions.edit", petition)
    can_manage = user.is_authenticated and user.has_perm("petitions.manage", petition.collectivity)
    is_open = collection_is_open(petition)
    signed = is_open and selectors.has_signed(user, petition)
    S = Petition.Status
    ctx = {
        "petition": petition,
        "collectivity": petition.collectivity,
        "progress": selectors.progress(petition),
        "events": selectors.history(petition, public_only=not (is_petitioner or can_manage)),
        "deadlines": selectors.deadlines(petition),
        "show_actor": can_manage,
        "signers": list(selectors.public_signers(petition)[:SIGNERS_SHOWN]),
        "conditions": [text for key, text in conditions.required(petition.kind).items() if key in petition.conditions],
        "is_open": is_open,
        "is_petitioner": is_petitioner,
        "can_manage": can_manage,
        "sign_form": bound.get("sign_form")
        or (forms.SignForm(petition=petition) if is_open and user.is_authenticated and not signed else None),
        "signed": signed,
        "open_form": bound.get("open_form")
        or (forms.OpenForm() if is_petitioner and petition.status == S.DRAFT else None),
        "can_submit": is_petitioner and petition.status == S.COLLECTING,
        "submit_error": bound.get("submit_error"),
        "can_review": can_manage and petition.status == S.SUBMITTED,
        "accept_form": bound.get("accept_form")
        or (forms.AcceptForm() if can_manage and petition.status in (S.SUBMITTED, S.REVIEW) else None),
        "reject_form": bound.get("reject_form")
        or (forms.RejectForm() if can_manage and petition.status in (S.SUBMITTED, S.REVIEW) else None),
        "outcome_form": bound.get("outcome_form")
        or (forms.OutcomeForm() if can_manage and petition.status == S.ACCEPTED else None),
    }
    return render(request, "petitions/detail.html", ctx, status=status)


@require_safe
def detail(request, pk: int):
    return _detail(request, _petition(request, pk))


@login_required
def file_petition(request, slug: str):
    collectivity = _member(slug)
    form = forms.PetitionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            petition = lifecycle.file_petition(request.user, collectivity, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your petition is saved as a draft. Open the collection of signatures when ready.")
            )
            return redirect(petition)
    ctx = {"form": form, "collectivity": collectivity, "threshold": selectors.threshold_for(collectivity)}
    return render(request, "petitions/file.html", ctx, status=400 if form.errors else 200)


@login_required
def edit(request, pk: int):
    petition = _petition(request, pk)
    _require(request, "petitions.edit", petition)
    if petition.status != Petition.Status.DRAFT:
        raise Http404
    initial = {
        "kind": petition.kind,
        "organisation": petition.organisation_id,
        "conditions": petition.conditions,
        "subject": petition.subject,
        "reasons": petition.reasons,
        "expected_outcome": petition.expected_outcome,
    }
    form = forms.PetitionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.edit_draft(request.user, petition, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your draft is saved."))
            return redirect(petition)
    ctx = {"form": form, "collectivity": petition.collectivity, "petition": petition}
    return render(request, "petitions/file.html", ctx, status=400 if form.errors else 200)


@sensitive_post_parameters("cin")
@login_required
@require_POST
def sign(request, pk: int):
    petition = _petition(request, pk)
    form = forms.SignForm(request.POST, petition=petition)
    wait = None
    if form.is_valid():
        try:
            signatures.sign(request.user, petition, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(request, _("Thank you: your signature is counted."))
            return redirect(petition)
    response = _detail(request, petition, status=400 if wait is None else 200, sign_form=form)
    return too_many_requests(response, wait)


@login_required
@require_POST
def open_collection(request, pk: int):
    petition = _petition(request, pk)
    form = forms.OpenForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.open_collection(request.user, petition, form.cleaned_data["closes_on"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The petition is published and collects signatures."))
            return redirect(petition)
    return _detail(request, petition, status=400, open_form=form)


@login_required
@require_POST
def submit(request, pk: int):
    petition = _petition(request, pk)
    try:
        lifecycle.submit(request.user, petition)
    except ValidationError as exc:
        return _detail(request, petition, status=400, submit_error=" ".join(exc.messages))
    messages.success(request, _("The petition is submitted to the council. Here is your receipt."))
    return redirect("petitions:receipt", pk=petition.pk)


DECISIONS = {
    "accept": (forms.AcceptForm, lifecycle.accept, "accept_form"),
    "reject": (forms.RejectForm, lifecycle.reject, "reject_form"),
    "outcome": (forms.OutcomeForm, lifecycle.record_outcome, "outcome_form"),
}


@login_required
@require_POST
def decide(request, pk: int, action: str):
    """The council staff's steps: the bureau takes up the petition, accepts or rejects it, records the outcome."""
    petition = _petition(request, pk)
    if action == "review":
        try:
            lifecycle.start_review(request.user, petition)
        except ValidationError as exc:
            return _detail(request, petition, status=400, submit_error=" ".join(exc.messages))
        return redirect(petition)
    if action not in DECISIONS:
        raise Http404
    form_class, service, name = DECISIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(request.user, petition, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded and the petitioner is told."))
            return redirect(petition)
    return _detail(request, petition, status=400, **{name: form})


@login_required
@require_safe
def receipt(request, pk: int):
    petition = _petition(request, pk)
    allowed = request.user.has_perm("petitions.edit", petition) or request.user.has_perm(
        "petitions.manage", petition.collectivity
    )
    if not allowed:
        raise PermissionDenied
    if not petition.case_id:
        raise Http404
    return render(request, "petitions/receipt.html", {"petition": petition, "case": petition.case})


@sensitive_post_parameters()
@login_required
def paper(request, pk: int):
    petition = _petition(request, pk)
    _require(request, "petitions.manage", petition.collectivity)
    data = request.POST if request.method == "POST" else None
    form = forms.PaperListForm(data)
    formset = forms.PaperFormSet(data, prefix="rows", form_kwargs={"petition": petition})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            count = signatures.record_paper(
                request.user,
                petition,
                [row for row in formset.cleaned_data if row],
                collected_on=form.cleaned_data["collected_on"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext("%(count)d signature is recorded.", "%(count)d signatures are recorded.", count)
                % {"count": count},
            )
            return redirect(petition)
    ctx = {
        "petition": petition,
        "form": form,
        "formset": formset,
        "is_open": petition.status == Petition.Status.COLLECTING,
        "typing_until": paper_deadline(petition),
    }
    return render(request, "petitions/paper.html", ctx, status=400 if request.method == "POST" else 200)


def _csv(columns: list[str], rows, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


REGISTER_COLUMNS = [
    "number",
    "received_on",
    "subject",
    "kind",
    "association",
    "status",
    "signatures",
    "required",
    "decision_due",
    "decided_on",
    "session_date",
    "committee",
]


@login_required
@require_safe
def register_csv(request, slug: str):
    """The collectivity's petitions register for its staff."""
    collectivity = _member(slug)
    _require(request, "petitions.manage", collectivity)
    petitions = list(selectors.register(collectivity))
    due = selectors.decision_due({p.case_id for p in petitions if p.case_id})

    def rows():
        for petition in petitions:
            yield {
                "number": petition.number,
                "received_on": petition.case.received_on.isoformat() if petition.case_id else "",
                "subject": petition.subject,
                "kind": petition.kind,
                "association": petition.organisation.name if petition.organisation_id else "",
                "status": petition.status,
                "signatures": petition.signature_count,
                "required": petition.required_signatures or "",
                "decision_due": due.get(petition.case_id, ""),
                "decided_on": petition.decided_on.isoformat() if petition.decided_on else "",
                "session_date": petition.session_date.isoformat() if petition.session_date else "",
                "committee": petition.committee,
            }

    return _csv(REGISTER_COLUMNS, rows(), f"petitions-{collectivity.slug}.csv")


SIGNATURE_COLUMNS = ["full_name", "channel", "province", "signed_on", "name_public"]


@login_required
@require_safe
def signatures_csv(request, pk: int):
    """A petition's signatures for the council's staff: names, channel, province and date; never an ID number."""
    petition = _petition(request, pk)
    _require(request, "petitions.manage", petition.collectivity)

    def rows():
        for row in selectors.signatures_for_export(petition).iterator(chunk_size=500):
            yield {
                "full_name": row.full_name,
                "channel": row.channel,
                "province": row.province.code if row.province_id else "",
                "signed_on": row.signed_on.isoformat(),
                "name_public": "yes" if row.show_name else "no",
            }

    return _csv(SIGNATURE_COLUMNS, rows(), f"petition-{petition.pk}-signatures.csv")


@login_required
def threshold_list(request, pk: int | None = None):
    """Network admins see every threshold with its legal source and edit one."""
    _require(request, "petitions.manage_thresholds")
    editing = get_object_or_404(Threshold, pk=pk) if pk else None
    form = forms.ThresholdForm(request.POST or None, instance=editing) if editing else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            thresholds.update_threshold(request.user, get_object_or_404(Threshold, pk=pk), form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The threshold is saved. Petitions already collecting keep theirs."))
            return redirect("petitions:thresholds")
    ctx = {"thresholds": Threshold.objects.all(), "form": form, "editing": editing}
    return render(request, "petitions/thresholds.html", ctx, status=400 if form is not None and form.errors else 200)


@login_required
def population(request, slug: str):
    collectivity = _member(slug)
    _require(request, "petitions.set_population", collectivity)
    initial = {"population": collectivity.population, "has_arrondissements": collectivity.has_arrondissements}
    form = forms.PopulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            thresholds.set_population(request.user, collectivity, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The population is saved."))
            return redirect("petitions:population", slug=slug)
    ctx = {"collectivity": collectivity, "form": form, "threshold": selectors.threshold_for(collectivity)}
    return render(request, "petitions/population.html", ctx, status=400 if form.errors else 200)
