"""Idea pages: the public list and idea page, online submission and edits, staff entry (bulk form and file
import) and the follow-up committee's triage workspace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remacto.core import media
from remacto.core.forms import apply_service_errors
from remacto.core.http import next_url, too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.core.text import normalise, search_regex
from remacto.participation import limits

from .. import imports, selectors
from ..idea_forms import (
    MAX_ROWS,
    IdeaFilterForm,
    IdeaForm,
    IdeaRowForm,
    ImportForm,
    RecordHeaderForm,
    TriageForm,
    row_formset,
)
from ..models import Idea, IdeaAttachment, Meeting, Phase
from ..services import ideas as idea_services
from ..services import triage as triage_services
from .common import programme_context, require_flag

IDEAS_PER_PAGE = 20
TRIAGE_PER_PAGE = 20


# Search ---------------------------------------------------------------------------------------------------------

MAX_SEARCH_WORDS = 8


def search(queryset, text: str):
    """Ideas whose title, problem or solution contains every word of ``text``, whatever the spelling variant."""
    for word in normalise(text).split()[:MAX_SEARCH_WORDS]:
        pattern = search_regex(word)
        queryset = queryset.filter(Q(title__iregex=pattern) | Q(problem__iregex=pattern) | Q(solution__iregex=pattern))
    return queryset


# Public list and idea page --------------------------------------------------------------------------------------


def _filtered(queryset, filters: dict):
    if filters.get("q"):
        queryset = search(queryset, filters["q"])
    if filters.get("axis"):
        queryset = queryset.filter(axis_id=filters["axis"])
    if filters.get("channel"):
        queryset = queryset.filter(channel=filters["channel"])
    if filters.get("status"):
        queryset = queryset.filter(status=IdeaFilterForm.STATUS_FILTERS[filters["status"]])
    if filters.get("sort") == "supported":
        return queryset.order_by("-support_count", "-created_at", "-id")
    return queryset.order_by("-created_at", "-id")


def _mark_supported(user, ideas: list) -> None:
    from remacto.participation.selectors import supported_ids

    supported = supported_ids(user, ideas)
    for idea in ideas:
        idea.viewer_supports = idea.pk in supported


def idea_list(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "ideas")
    programme = ctx["programme"]
    form = IdeaFilterForm(request.GET or None, programme=programme)
    filters = form.filters() if request.GET else {}
    queryset = selectors.visible_ideas(programme).select_related("decision__merged_into")
    page = paginate(request, _filtered(queryset, filters), per_page=IDEAS_PER_PAGE)
    page.object_list = list(page.object_list)
    _mark_supported(request.user, page.object_list)
    context = {
        **ctx,
        "form": form,
        "page": page,
        "querystring": querystring_without_page(request),
        "filtered": any(filters.get(k) for k in ("q", "axis", "channel", "status")),
        "collection_open": idea_services.collection_is_open(programme),
    }
    template = "cocreation/ideas_results.html" if request.htmx and not request.htmx.boosted else "cocreation/ideas.html"
    return render(request, template, context)


def _idea_or_404(programme, pk: int) -> tuple[Idea, dict]:
    """The idea and the lists its page shows."""
    idea = get_object_or_404(
        programme.ideas.select_related(
            "axis", "author", "workshop", "recorded_by", "decision", "decision__merged_into", "decision__meeting"
        ),
        pk=pk,
    )
    return idea, selectors.idea_related(idea)


def _editable(idea: Idea) -> bool:
    """Whether the author may still edit (the service decides; this only hides the link)."""
    return Phase.order(idea.programme.phase) < Phase.order(Phase.TRIAGE) and idea.status == Idea.Status.SUBMITTED


def idea_detail(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "ideas")
    programme = ctx["programme"]
    idea, related = _idea_or_404(programme, pk)
    user = request.user
    is_author = user.is_authenticated and idea.author_id == user.pk
    can_moderate = user.is_authenticated and user.has_perm("participation.moderate", programme.collectivity)
    return render(
        request,
        "cocreation/idea.html",
        {
            **ctx,
            "idea": idea,
            **related,
            "decision": getattr(idea, "decision", None) if idea.status != Idea.Status.SUBMITTED else None,
            "can_edit": is_author and _editable(idea),
            "can_moderate": can_moderate,
            "show_content": not idea.is_hidden or can_moderate,
        },
    )


def idea_attachment(request, slug: str, cycle: str, pk: int, attachment: int):
    """A file attached to an idea, always downloaded (never shown inline), unless the idea is hidden."""
    ctx = programme_context(request, slug, cycle, "ideas")
    programme = ctx["programme"]
    item = get_object_or_404(
        IdeaAttachment.objects.select_related("idea"), pk=attachment, idea_id=pk, idea__programme=programme
    )
    if item.idea.is_hidden and not request.user.has_perm("participation.moderate", programme.collectivity):
        raise Http404
    return media.stored_file(item.file.name, filename=item.name, as_attachment=True)


# Online submission and edits ------------------------------------------------------------------------------------


def _idea_dates(programme):
    return next((d for d in programme.phase_dates.all() if d.phase == Phase.IDEAS), None)


@login_required
def idea_submit(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "ideas")
    programme = ctx["programme"]
    if not idea_services.collection_is_open(programme):
        if request.method == "POST":
            messages.error(request, _("Idea collection is not open for this programme; your idea was not sent."))
        return render(
            request,
            "cocreation/idea_closed.html",
            {**ctx, "dates": _idea_dates(programme)},
            status=403 if request.method == "POST" else 200,
        )
    form = IdeaForm(request.POST or None, request.FILES or None, programme=programme)
    if request.method == "POST" and form.is_spam():
        # Robots get the same answer as people, and nothing is saved.
        messages.success(request, _("Thank you: your idea is published."))
        return redirect("cocreation:ideas", slug=slug, cycle=cycle)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            idea = idea_services.submit_idea(
                request.user, programme, form.values(), files=request.FILES.getlist("attachments")
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(
                request,
                _("Thank you: your idea is published. The follow-up committee will answer it during the triage."),
            )
            return redirect(idea.get_absolute_url())
    response = render(
        request,
        "cocreation/idea_form.html",
        {
            **ctx,
            "form": form,
            "dates": _idea_dates(programme),
            "title": _("Submit your idea"),
            "files_lost": request.method == "POST" and bool(request.FILES),
        },
    )
    return too_many_requests(response, wait)


@login_required
def idea_edit(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "ideas")
    programme = ctx["programme"]
    idea = get_object_or_404(programme.ideas.select_related("axis"), pk=pk)
    if idea.author_id != request.user.pk:
        raise PermissionDenied
    if not _editable(idea):
        messages.error(request, _("Ideas can no longer be edited once triage has started."))
        return redirect(idea.get_absolute_url())
    initial = {f: getattr(idea, f) for f in ("title", "problem", "solution", "expected_impact", "place")}
    initial["axis"] = str(idea.axis_id or "")
    form = IdeaForm(request.POST or None, initial=initial, programme=programme, with_attachments=False)
    if request.method == "POST" and form.is_valid():
        try:
            idea_services.edit_idea(request.user, idea, form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your idea is updated."))
            return redirect(idea.get_absolute_url())
    return render(
        request, "cocreation/idea_form.html", {**ctx, "form": form, "idea": idea, "title": _("Edit your idea")}
    )


# Staff entry: bulk form -----------------------------------------------------------------------------------------

ROW_FIELDS = ("title", "problem", "solution", "expected_impact", "axis", "author_name")


def _row_number(key: str) -> int | None:
    digits = "".join(ch for ch in key if ch.isdigit())
    return int(digits) if digits else None


def _posted_rows(request) -> list[dict]:
    try:
        total = int(request.POST.get("rows-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    total = max(0, min(total, MAX_ROWS))
    return [{f: request.POST.get(f"rows-{i}-{f}", "") for f in ROW_FIELDS} for i in range(total)]


def _record_page(request, ctx, header, rows, status=200):
    return render(request, "cocreation/ideas_record.html", {**ctx, "header": header, "rows": rows}, status=status)


@login_required
def ideas_record(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "ideas")
    require_flag(ctx, "can_record_ideas")
    programme = ctx["programme"]
    if not idea_services.recording_is_open(programme):
        closed = _("Ideas can no longer be added once projects are being drafted.")
        return render(request, "cocreation/ideas_record.html", {**ctx, "closed": closed})
    if request.method != "POST":
        header = RecordHeaderForm(
            programme=programme,
            initial={
                "channel": request.GET.get("channel") or Idea.Channel.WORKSHOP,
                "workshop": request.GET.get("workshop"),
            },
        )
        return _record_page(request, ctx, header, row_formset(programme=programme))

    if "add_row" in request.POST:
        posted = _posted_rows(request)
        if request.htmx:
            index = len(posted)
            if index >= MAX_ROWS:
                return HttpResponse(status=204)
            form = IdeaRowForm(
                prefix=f"rows-{index}", programme=programme, empty_permitted=True, use_required_attribute=False
            )
            return render(
                request,
                "cocreation/ideas_record_row.html",
                {"row": form, "number": index + 1, "total": index + 1, "oob_total": True},
            )
        header = RecordHeaderForm(
            programme=programme, initial={k: request.POST.get(k) for k in ("channel", "workshop")}
        )
        if len(posted) >= MAX_ROWS:
            messages.error(request, _("At most %(n)d ideas at a time: record these first.") % {"n": MAX_ROWS})
        return _record_page(request, ctx, header, row_formset(programme=programme, initial=posted, extra=1))

    header = RecordHeaderForm(request.POST, programme=programme)
    rows = row_formset(request.POST, programme=programme)
    header_ok, rows_ok = header.is_valid(), rows.is_valid()
    filled = rows.filled_forms() if rows_ok else []
    if header_ok and rows_ok:
        if not filled:
            header.add_error(None, _("Type at least one idea."))
        else:
            data = header.cleaned_data
            try:
                created = idea_services.record_ideas(
                    request.user, programme, data["channel"], [f.values() for f in filled], workshop=data["workshop"]
                )
            except ValidationError as exc:
                _apply_row_errors(header, filled, exc)
            else:
                messages.success(
                    request,
                    ngettext("%(n)d idea is recorded.", "%(n)d ideas are recorded.", len(created))
                    % {"n": len(created)},
                )
                url = reverse("cocreation:ideas_record", kwargs={"slug": slug, "cycle": cycle})
                query = f"?channel={data['channel']}"
                if data["workshop"]:
                    query += f"&workshop={data['workshop'].pk}"
                return redirect(url + query)
    return _record_page(request, ctx, header, rows, status=200)


def _apply_row_errors(header, filled: list, exc: ValidationError) -> None:
    """The service names rows ``"row N"`` (N counts the filled rows): each message goes next to its row."""
    if not hasattr(exc, "error_dict"):
        header.add_error(None, exc.messages)
        return
    for key, errors in exc.error_dict.items():
        number = _row_number(key)
        if key in header.fields:
            header.add_error(key, errors)
        elif number and number <= len(filled):
            row = filled[number - 1]
            for error in errors:
                field = getattr(error, "field", None)
                row.add_error(field if field in row.fields else None, error.messages)
        else:
            header.add_error(None, errors)


# Staff entry: file import ---------------------------------------------------------------------------------------


@login_required
def ideas_import(request, slug: str, cycle: str):
    from ..models import ImportJob
    from ..tasks import import_ideas

    ctx = programme_context(request, slug, cycle, "ideas")
    require_flag(ctx, "can_record_ideas")
    programme = ctx["programme"]
    form = ImportForm(
        request.POST or None, request.FILES or None, programme=programme, initial={"channel": Idea.Channel.WORKSHOP}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        job = ImportJob(
            programme=programme,
            uploaded_by=request.user,
            name=upload.name[:200],
            channel=data["channel"],
            workshop=data["workshop"],
            language=get_language() or "",
        )
        job.file.save(f"ideas.{imports.check_file(upload)}", upload, save=False)
        job.save()
        import_ideas.delay(job.pk)
        return redirect("cocreation:import_status", slug=slug, cycle=cycle, job=job.pk)
    return render(
        request,
        "cocreation/import.html",
        {
            **ctx,
            "form": form,
            "columns": imports.COLUMNS,
            "channel_names": imports.CHANNEL_NAMES,
            "max_rows": imports.MAX_ROWS,
            "jobs": programme.import_jobs.select_related("uploaded_by").order_by("-created_at", "-id")[:5],
        },
    )


@login_required
def import_status(request, slug: str, cycle: str, job: int):
    from ..models import ImportJob

    ctx = programme_context(request, slug, cycle, "ideas")
    require_flag(ctx, "can_record_ideas")
    job = get_object_or_404(ImportJob.objects.select_related("workshop"), pk=job, programme=ctx["programme"])
    context = {**ctx, "job": job}
    if request.htmx:
        return render(request, "cocreation/import_progress.html", context)
    return render(request, "cocreation/import_status.html", context)


def ideas_import_template(request, slug: str, cycle: str):
    """The CSV template of the import, its header in the reader's language."""
    selectors.programme(slug, cycle)
    response = HttpResponse(imports.template_csv(get_language() or "en"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ideas-template.csv"'
    return response


# Triage ---------------------------------------------------------------------------------------------------------

TRIAGE_FILTERS = {
    "awaiting": Idea.Status.SUBMITTED,
    "accepted": Idea.Status.ACCEPTED,
    "merged": Idea.Status.MERGED,
    "rejected": Idea.Status.REJECTED,
    "all": None,
}


def _triage_counts(programme) -> dict:
    return programme.ideas.aggregate(
        awaiting=Count("pk", filter=Q(status=Idea.Status.SUBMITTED)),
        accepted=Count("pk", filter=Q(status=Idea.Status.ACCEPTED)),
        merged=Count("pk", filter=Q(status=Idea.Status.MERGED)),
        rejected=Count("pk", filter=Q(status=Idea.Status.REJECTED)),
        all=Count("pk"),
    )


def _triage_choices(programme) -> dict:
    """What every row's form offers: ideas one can merge into (a number field past 200) and committee meetings."""
    merge = list(
        programme.ideas.filter(status__in=[Idea.Status.SUBMITTED, Idea.Status.ACCEPTED])
        .only("pk", "title", "programme")
        .order_by("title", "pk")[: TriageForm.MAX_MERGE_OPTIONS + 1]
    )
    meetings = list(programme.meetings.filter(kind=Meeting.Kind.COMMITTEE).order_by("starts_at", "id"))
    return {"merge_options": merge, "meetings": meetings}


def _triage_ideas(programme):
    return programme.ideas.select_related("axis", "workshop", "decision", "decision__merged_into", "decision__meeting")


def _initial_decision(idea: Idea) -> dict:
    decision = getattr(idea, "decision", None) if idea.status != Idea.Status.SUBMITTED else None
    if decision is None:
        return {}
    return {
        "decision": decision.decision,
        "reason": decision.reason,
        "merged_into": decision.merged_into_id,
        "meeting": decision.meeting_id,
    }


def _row(idea, choices, form=None) -> dict:
    return {"idea": idea, "form": form or TriageForm(initial=_initial_decision(idea), idea=idea, **choices)}


def _triage_open(programme) -> bool:
    return programme.phase in (Phase.TRIAGE, Phase.DRAFTING)


@login_required
def triage(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "ideas")
    require_flag(ctx, "can_triage")
    programme = ctx["programme"]
    status = request.GET.get("status")
    if status not in TRIAGE_FILTERS:
        status = "awaiting"
    queryset = _triage_ideas(programme).order_by("created_at", "id")
    if TRIAGE_FILTERS[status]:
        queryset = queryset.filter(status=TRIAGE_FILTERS[status])
    page = paginate(request, queryset, per_page=TRIAGE_PER_PAGE)
    choices = _triage_choices(programme) if _triage_open(programme) else {"merge_options": [], "meetings": []}
    page.object_list = [_row(idea, choices) for idea in page.object_list]
    return render(
        request,
        "cocreation/triage.html",
        {
            **ctx,
            "page": page,
            "status": status,
            "counts": _triage_counts(programme),
            "filters": [(key, TRIAGE_FILTERS[key]) for key in TRIAGE_FILTERS],
            "querystring": querystring_without_page(request),
            "is_open": _triage_open(programme),
            "next_url": request.get_full_path(),
        },
    )


@login_required
@require_POST
def triage_decide(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "ideas")
    require_flag(ctx, "can_triage")
    programme = ctx["programme"]
    idea = get_object_or_404(_triage_ideas(programme), pk=pk)
    choices = _triage_choices(programme)
    form = TriageForm(request.POST, idea=idea, **choices)
    saved = False
    if form.is_valid():
        try:
            triage_services.decide(request.user, idea, **form.target_values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            saved = True
    back = next_url(request, reverse("cocreation:triage", kwargs={"slug": slug, "cycle": cycle}))
    if saved:
        idea = get_object_or_404(_triage_ideas(programme), pk=pk)
        row = _row(idea, _triage_choices(programme))
    else:
        row = _row(idea, choices, form)
    context = {**ctx, "row": row, "is_open": _triage_open(programme), "saved": saved, "next_url": back}
    if request.htmx:
        return render(request, "cocreation/triage_row.html", {**context, "counts": _triage_counts(programme)})
    if saved:
        messages.success(request, _("The decision is saved and sent to the idea's author."))
        return redirect(f"{back}#idea-{idea.pk}")
    return render(
        request,
        "cocreation/triage_one.html",
        {**context, "counts": _triage_counts(programme)},
        status=200,
    )
