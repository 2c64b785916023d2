"""Programme management, meetings and projects pages: the focal point's dashboard, the committee's drafting,
the secretariat's adoption, and the public meeting and project pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remacto.accounts.models import User
from remacto.advisory import selectors as advisory_selectors
from remacto.core.forms import apply_service_errors as _apply_errors
from remacto.participation import selectors as participation_selectors
from remacto.participation.models import Comment
from remacto.territories.models import Collectivity

from .. import selectors
from ..forms import (
    ActivityFormSet,
    AdoptionForm,
    AmendmentForm,
    AnswerForm,
    AttendanceForm,
    AxisForm,
    CommitteeAttendanceForm,
    CommitteeMemberForm,
    FeedbackForm,
    IndicatorFormSet,
    MeetingForm,
    PhaseDatesForm,
    PhaseMoveForm,
    PhotoForm,
    ProgrammeForm,
    ProjectForm,
)
from ..models import Axis, CommitteeMember, ContributionAnswer, Meeting, Project, WorkshopFeedback
from ..services import adoption, consultation, meetings, programmes, projects
from .common import programme_context, require_flag


def _form_page(request, ctx: dict, title: str, form, **extra):
    return render(request, "cocreation/form_page.html", {**ctx, "title": title, "form": form, **extra})


def _phase_notice(programme, needed: str) -> str:
    """Said before a form whose action the programme's phase does not allow, instead of refusing it after filling."""
    return _("%(needed)s The programme is now in the phase “%(phase)s”.") % {
        "needed": needed,
        "phase": programme.get_phase_display(),
    }


@login_required
def programme_create(request, slug: str):
    collectivity = get_object_or_404(Collectivity, slug=slug, membership__isnull=False)
    if not request.user.has_perm("cocreation.manage_programme", collectivity):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            programme = programmes.create_programme(
                request.user, collectivity, cycle=data.pop("cycle"), title=data.pop("title_ar"), **data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The programme is created."))
            return redirect("cocreation:manage", slug=slug, cycle=programme.cycle)
    return render(request, "cocreation/form_page.html", {"title": _("New openness action programme"), "form": form})


@login_required
def manage(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "manage")
    require_flag(ctx, "can_manage")
    programme = ctx["programme"]
    return render(
        request,
        "cocreation/manage.html",
        {
            **ctx,
            "timeline": selectors.timeline(programme),
            "axes": programme.axes.all(),
            "committee": programme.committee.select_related("user"),
            "phase_form": PhaseMoveForm(initial={"phase": programme.phase}),
            "dates_form": PhaseDatesForm(initial={"phase": programme.phase}),
        },
    )


def _post_form(request, form, action, success: str, back):
    """Run ``action(cleaned_data)`` for a valid POSTed form and go ``back``; errors come back as messages."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return back


def _to_dashboard(ctx: dict):
    programme = ctx["programme"]
    return redirect("cocreation:manage", slug=programme.collectivity.slug, cycle=programme.cycle)


@login_required
@require_POST
def manage_phase(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "manage")
    require_flag(ctx, "can_manage")
    return _post_form(
        request,
        PhaseMoveForm(request.POST),
        lambda d: programmes.move_to_phase(request.user, ctx["programme"], d["phase"], d["note"]),
        _("The programme moved to the new phase."),
        _to_dashboard(ctx),
    )


@login_required
@require_POST
def manage_dates(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "manage")
    require_flag(ctx, "can_manage")
    return _post_form(
        request,
        PhaseDatesForm(request.POST),
        lambda d: programmes.set_phase_dates(request.user, ctx["programme"], d["phase"], d["starts_on"], d["ends_on"]),
        _("The dates are saved."),
        _to_dashboard(ctx),
    )


@login_required
def axis_edit(request, slug: str, cycle: str, pk: int | None = None):
    ctx = programme_context(request, slug, cycle, "manage")
    require_flag(ctx, "can_manage")
    axis = get_object_or_404(Axis, pk=pk, programme=ctx["programme"]) if pk else None
    form = AxisForm(request.POST or None, instance=axis)
    if request.method == "POST" and form.is_valid():
        try:
            programmes.save_axis(request.user, ctx["programme"], axis, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The axis is saved."))
            return redirect("cocreation:manage", slug=slug, cycle=cycle)
    return _form_page(request, ctx, _("Axis"), form)


@login_required
def committee_edit(request, slug: str, cycle: str, pk: int | None = None):
    ctx = programme_context(request, slug, cycle, "manage")
    require_flag(ctx, "can_manage")
    member = get_object_or_404(CommitteeMember, pk=pk, programme=ctx["programme"]) if pk else None
    form = CommitteeMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        email = values.pop("email")
        values["user"] = User.objects.filter(email__iexact=email).first() if email else None
        if email and values["user"] is None:
            form.add_error("email", _("No account uses this email address."))
        else:
            try:
                meetings.save_committee_member(request.user, ctx["programme"], values, member)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The committee member is saved."))
                return redirect("cocreation:manage", slug=slug, cycle=cycle)
    return _form_page(request, ctx, _("Follow-up committee member"), form)


def meeting_list(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "meetings")
    return render(request, "cocreation/meetings.html", {**ctx, "meetings": selectors.meetings(ctx["programme"])})


def meeting_detail(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "meetings")
    meeting = get_object_or_404(
        Meeting.objects.select_related("axis").prefetch_related("photos", "committee_attendees"),
        pk=pk,
        programme=ctx["programme"],
    )
    registered = request.user.is_authenticated and meeting.registrations.filter(user=request.user).exists()
    return render(
        request,
        "cocreation/meeting.html",
        {
            **ctx,
            "meeting": meeting,
            "registered": registered,
            "registration_count": meeting.registrations.count(),
            "attendance_form": AttendanceForm(instance=meeting) if ctx["can_manage"] else None,
            "photo_form": PhotoForm() if ctx["can_manage"] else None,
            "committee_form": CommitteeAttendanceForm(meeting=meeting)
            if ctx["can_manage"] and meeting.kind == Meeting.Kind.COMMITTEE
            else None,
        },
    )


@login_required
def meeting_edit(request, slug: str, cycle: str, pk: int | None = None):
    ctx = programme_context(request, slug, cycle, "meetings")
    require_flag(ctx, "can_manage")
    programme = ctx["programme"]
    meeting = get_object_or_404(Meeting, pk=pk, programme=programme) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.save_meeting(request.user, programme, form.cleaned_data, meeting)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("cocreation:meeting", slug=slug, cycle=cycle, pk=meeting.pk)
    return _form_page(request, ctx, _("Meeting"), form)


def _managed_meeting(request, slug: str, cycle: str, pk: int) -> Meeting:
    """The meeting of a staff action, after checking that the user runs this programme."""
    ctx = programme_context(request, slug, cycle, "meetings")
    require_flag(ctx, "can_manage")
    return get_object_or_404(
        Meeting.objects.select_related("programme__collectivity"), pk=pk, programme=ctx["programme"]
    )


def _back_to(meeting: Meeting):
    programme = meeting.programme
    return redirect("cocreation:meeting", slug=programme.collectivity.slug, cycle=programme.cycle, pk=meeting.pk)


@login_required
@require_POST
def meeting_attendance(request, slug: str, cycle: str, pk: int):
    meeting = _managed_meeting(request, slug, cycle, pk)
    return _post_form(
        request,
        AttendanceForm(request.POST, instance=Meeting(pk=meeting.pk)),
        lambda d: meetings.record_attendance(request.user, meeting, d),
        _("The attendance is saved."),
        _back_to(meeting),
    )


@login_required
@require_POST
def meeting_photo(request, slug: str, cycle: str, pk: int):
    meeting = _managed_meeting(request, slug, cycle, pk)
    return _post_form(
        request,
        PhotoForm(request.POST, request.FILES),
        lambda d: meetings.add_photo(request.user, meeting, d["image"], d["caption"]),
        _("The photo is added."),
        _back_to(meeting),
    )


@login_required
@require_POST
def meeting_committee(request, slug: str, cycle: str, pk: int):
    meeting = _managed_meeting(request, slug, cycle, pk)
    return _post_form(
        request,
        CommitteeAttendanceForm(request.POST, meeting=meeting),
        lambda d: meetings.record_committee_attendance(request.user, meeting, d["members"]),
        _("The attendance is saved."),
        _back_to(meeting),
    )


@login_required
@require_POST
def meeting_register(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "meetings")
    meeting = get_object_or_404(Meeting, pk=pk, programme=ctx["programme"])
    if request.POST.get("cancel"):
        meetings.unregister(request.user, meeting)
        messages.success(request, _("Your registration is cancelled."))
    else:
        try:
            meetings.register(request.user, meeting)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You are registered. See you there!"))
    return redirect("cocreation:meeting", slug=slug, cycle=cycle, pk=pk)


def project_list(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "projects")
    programme = ctx["programme"]
    return render(
        request,
        "cocreation/projects.html",
        {
            **ctx,
            "axes": selectors.axes_with_totals(programme),
            "projects": selectors.projects(programme),
            "budget_total": selectors.budget_total(programme),
        },
    )


def project_detail(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "projects")
    project = selectors.project(ctx["programme"], pk)
    can_moderate = request.user.has_perm("participation.moderate", ctx["programme"].collectivity)
    answers = {a.comment_id: a for a in ContributionAnswer.objects.filter(project=project, comment__isnull=False)}
    contributions = [
        {"comment": c, "answer": answers.get(c.pk)}
        for c in participation_selectors.comments(project)
        if not c.is_hidden
    ]
    return render(
        request,
        "cocreation/project.html",
        {
            **ctx,
            "project": project,
            "show_content": not project.is_hidden or can_moderate,
            "can_moderate": can_moderate,
            "contributions": contributions,
            "answer_form": AnswerForm(),
            "feedback_form": FeedbackForm(),
        },
    )


def _project_children(formset, keys) -> list[dict]:
    return [
        {k: f.cleaned_data.get(k) for k in keys}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


@login_required
def project_edit(request, slug: str, cycle: str, pk: int | None = None):
    ctx = programme_context(request, slug, cycle, "projects")
    require_flag(ctx, "can_manage_projects")
    programme = ctx["programme"]
    project = get_object_or_404(Project, pk=pk, programme=programme) if pk else None
    if project is None and not projects.drafting_is_open(programme):
        closed = _phase_notice(programme, _("Projects are drafted during the drafting and consultation phases."))
        return render(request, "cocreation/project_form.html", {**ctx, "closed": closed})
    if project is not None and programme.is_adopted:
        closed = _("The programme is adopted: record an amendment instead.")
        return render(request, "cocreation/project_form.html", {**ctx, "closed": closed, "project": project})
    initial_activities = (
        list(project.activities.values("title", "target_groups", "starts_on", "ends_on")) if project else []
    )
    initial_indicators = list(project.indicators.values("name", "unit", "baseline", "target")) if project else []
    form = ProjectForm(request.POST or None, instance=project, programme=programme)
    activities = ActivityFormSet(request.POST or None, prefix="activities", initial=initial_activities)
    indicators = IndicatorFormSet(request.POST or None, prefix="indicators", initial=initial_indicators)
    if request.method == "POST" and form.is_valid() and activities.is_valid() and indicators.is_valid():
        values = dict(form.cleaned_data)
        ideas = values.pop("source_ideas")
        children = {
            "activities": _project_children(activities, ("title", "target_groups", "starts_on", "ends_on")),
            "indicators": _project_children(indicators, ("name", "unit", "baseline", "target")),
        }
        try:
            if project is None:
                project = projects.create_project(request.user, programme, values, source_ideas=ideas, **children)
            else:
                projects.update_project(request.user, project, values, source_ideas=ideas, **children)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("cocreation:project", slug=slug, cycle=cycle, pk=project.pk)
    return render(
        request,
        "cocreation/project_form.html",
        {**ctx, "form": form, "activities": activities, "indicators": indicators, "project": project},
    )


@login_required
def project_amend(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "projects")
    require_flag(ctx, "can_record_adoption")
    project = get_object_or_404(Project, pk=pk, programme=ctx["programme"])
    if not ctx["programme"].is_adopted:
        closed = _phase_notice(ctx["programme"], _("Only adopted programmes are amended; edit the draft instead."))
        return _form_page(request, ctx, _("Amend the project"), None, subject=project, closed=closed)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {k: data[k] for k in ("budget", "starts_on", "ends_on") if data[k] not in (None, "")}
        try:
            projects.amend_project(
                request.user,
                project,
                values,
                reason=data["reason"],
                decided_on=data["decided_on"],
                reference=data["reference"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The amendment is recorded."))
            return redirect("cocreation:project", slug=slug, cycle=cycle, pk=pk)
    return _form_page(request, ctx, _("Amend the project"), form, subject=project)


@login_required
@require_POST
def feedback_add(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "projects")
    require_flag(ctx, "can_record_ideas")
    project = get_object_or_404(Project, pk=pk, programme=ctx["programme"])
    return _post_form(
        request,
        FeedbackForm(request.POST),
        lambda d: consultation.record_workshop_feedback(request.user, project, d["text"]),
        _("The feedback is recorded."),
        redirect("cocreation:project", slug=slug, cycle=cycle, pk=pk),
    )


@login_required
@require_POST
def answer(request, slug: str, cycle: str, pk: int, kind: str, contribution: int):
    ctx = programme_context(request, slug, cycle, "projects")
    project = get_object_or_404(Project, pk=pk, programme=ctx["programme"])
    if kind == "feedback":
        target = {"feedback": get_object_or_404(WorkshopFeedback, pk=contribution, project=project)}
    else:
        target = {"comment": get_object_or_404(Comment, pk=contribution)}
    return _post_form(
        request,
        AnswerForm(request.POST),
        lambda d: consultation.answer_contribution(request.user, project, **target, **d),
        _("The answer is published."),
        redirect("cocreation:project", slug=slug, cycle=cycle, pk=pk),
    )


@login_required
def opinion_add(request, slug: str, cycle: str):
    """Opinions on the draft now go through the advisory bodies: the council's request, then the body's opinion."""
    programme = programme_context(request, slug, cycle, "programme")["programme"]
    target = reverse("advisory:request_new", kwargs={"slug": slug})
    return redirect(f"{target}?subject_kind=programme&programme={programme.pk}")


@login_required
def adoption_record(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "programme")
    require_flag(ctx, "can_record_adoption")
    if not adoption.adoption_is_open(ctx["programme"]):
        closed = _phase_notice(ctx["programme"], _("The adoption is recorded once, during the adoption phase."))
        return _form_page(request, ctx, _("Adoption by the council"), None, closed=closed)
    form = AdoptionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            adoption.record_adoption(request.user, ctx["programme"], **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The adoption is recorded. The programme is now in implementation."))
            return redirect("cocreation:programme", slug=slug, cycle=cycle)
    advisory = advisory_selectors.on_programme(ctx["programme"])  # the opinions before the council
    to_estimate = selectors.projects_to_estimate(ctx["programme"])  # adopted anyway, but said before the form
    return _form_page(
        request, ctx, _("Adoption by the council"), form, multipart=True, advisory=advisory, to_estimate=to_estimate
    )
