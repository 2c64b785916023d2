"""Paper ballot pages for polling-desk officers: the batches, typing sheets, and correcting disagreements."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from remacto.core.forms import apply_service_errors

from .. import identity, selectors
from ..models import PaperBatch, PaperEntry
from ..review_forms import BatchForm, SheetForm
from ..services import paper as service
from .common import campaign_context, require_flag

IDENTITY_LABELS = {
    "cin": gettext_lazy("National ID (CIN) number"),
    "email": gettext_lazy("Email address"),
    "phone": gettext_lazy("Phone number"),
    "code": gettext_lazy("Voting code"),
}


def _context(request, slug: str, pk: int) -> dict:
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_enter_paper")
    ctx["entry_open"] = service.entry_open(ctx["campaign"])
    ctx["entry_deadline"] = service.entry_deadline(ctx["campaign"])
    return ctx


def _batch(ctx: dict, batch: int) -> PaperBatch:
    """The batch named in the URL, of the campaign in the URL (else 404)."""
    return get_object_or_404(PaperBatch.objects.select_related("campaign"), pk=batch, campaign=ctx["campaign"])


def _sheet_form(ctx: dict, data=None, **kwargs) -> SheetForm:
    kind = identity.identity_kind(ctx["campaign"])
    return SheetForm(data, campaign=ctx["campaign"], identity_label=IDENTITY_LABELS[kind], **kwargs)


@login_required
def paper(request, slug: str, pk: int):
    """The campaign's batches of paper sheets, and a new batch."""
    ctx = _context(request, slug, pk)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = service.open_batch(request.user, ctx["campaign"], form.cleaned_data["desk"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("budgets:paper_batch", slug=slug, pk=pk, batch=batch.pk)
    ctx["form"] = form
    ctx["batches"] = list(selectors.paper_batches(ctx["campaign"]))
    return render(request, "budgets/paper.html", ctx)


OUTCOME_MESSAGES = {
    PaperEntry.Outcome.RECORDED: (
        messages.SUCCESS,
        gettext_lazy("Sheet %(n)s is recorded; it waits for its other entry."),
    ),
    PaperEntry.Outcome.STORED: (
        messages.SUCCESS,
        gettext_lazy("Sheet %(n)s: both entries agree; the ballot is stored."),
    ),
    PaperEntry.Outcome.MISMATCH: (
        messages.WARNING,
        gettext_lazy("Sheet %(n)s: the two entries disagree. It is listed for a correction from the paper."),
    ),
    PaperEntry.Outcome.ALREADY_VOTED: (
        messages.ERROR,
        gettext_lazy(
            "Sheet %(n)s: this voter had already voted, online or on another sheet. The sheet is not counted; "
            "keep it aside."
        ),
    ),
}


def _tell(request, entry: PaperEntry) -> None:
    level, message = OUTCOME_MESSAGES[PaperEntry.Outcome(entry.outcome)]
    messages.add_message(request, level, message % {"n": entry.sheet})


@login_required
def paper_batch(request, slug: str, pk: int, batch: int):
    """Type one sheet (the form keeps the entry round and offers the next sheet number), and the batch's sheets."""
    ctx = _context(request, slug, pk)
    batch = _batch(ctx, batch)
    round_ = request.GET.get("round") if request.GET.get("round") in ("1", "2") else "1"
    initial = {"round": round_}
    if (request.GET.get("next") or "").isdigit():
        initial["sheet"] = request.GET["next"]
    form = _sheet_form(ctx, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = service.enter_sheet(
                request.user,
                ctx["campaign"],
                batch,
                data["round"],
                data["sheet"],
                data["identity"],
                data["choices"],
                data.get("district"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            _tell(request, entry)
            query = urlencode({"round": entry.round, "next": entry.sheet + 1})
            return redirect(reverse("budgets:paper_batch", args=[slug, pk, batch.pk]) + "?" + query)
    ctx.update({"batch": batch, "form": form, "sheets": selectors.batch_sheets(batch)})
    return render(request, "budgets/paper_batch.html", ctx, status=400 if form.errors else 200)


@login_required
@require_POST
def paper_batch_close(request, slug: str, pk: int, batch: int):
    ctx = _context(request, slug, pk)
    batch = _batch(ctx, batch)
    try:
        service.close_batch(request.user, ctx["campaign"], batch)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The batch is closed."))
    return redirect("budgets:paper_batch", slug=slug, pk=pk, batch=batch.pk)


@login_required
def paper_mismatch(request, slug: str, pk: int, batch: int, sheet: int):
    """Both entries of a sheet side by side, and the corrected entry typed from the paper."""
    ctx = _context(request, slug, pk)
    batch = _batch(ctx, batch)
    entries = selectors.sheet_entries(batch, sheet)
    if len(entries) < 2:  # a lone entry stays unseen: the second typist must not copy it
        return redirect("budgets:paper_batch", slug=slug, pk=pk, batch=batch.pk)
    form = _sheet_form(ctx, request.POST or None, correction=True, initial={"sheet": sheet})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["sheet"] != sheet:
                raise ValidationError({"sheet": [_("This page corrects sheet %(n)s.") % {"n": sheet}]})
            entry = service.correct_sheet(
                request.user, ctx["campaign"], batch, sheet, data["identity"], data["choices"], data.get("district")
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            _tell(request, entry)
            return redirect("budgets:paper_batch", slug=slug, pk=pk, batch=batch.pk)
    first = {e.round: e for e in entries}
    ctx.update(
        {
            "batch": batch,
            "sheet": sheet,
            "entries": entries,
            "same_identity": len({e.identity_hash for e in entries if e.round < 3}) == 1,
            "corrected": 3 in first,
            "mismatch": any(e.outcome == PaperEntry.Outcome.MISMATCH for e in entries) and 3 not in first,
            "form": form,
        }
    )
    return render(request, "budgets/paper_mismatch.html", ctx, status=400 if form.errors else 200)
