"""The programme's review meetings: the public list with minutes and decisions, the committee's form, and the
signed minutes (PDF)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.cocreation.views.common import programme_context
from remacto.core import media
from remacto.core.forms import TypedTitlesSelect, apply_service_errors
from remacto.core.pagination import paginate

from ..models import ReviewDecision, ReviewMeeting
from ..services import reviews as services

PER_PAGE = 10
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=DATE)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300, widget=forms.TextInput({"dir": "auto"}))
    attendees = forms.CharField(
        label=gettext_lazy("Attendees"),
        required=False,
        max_length=1000,
        widget=forms.Textarea({"rows": 2, "dir": "auto"}),
    )
    minutes = forms.CharField(
        label=gettext_lazy("Minutes"), max_length=10000, widget=forms.Textarea({"rows": 8, "dir": "auto"})
    )
    document = forms.FileField(
        label=gettext_lazy("Signed minutes (PDF, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Decision"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2, "dir": "auto"}),
    )
    project = forms.ModelChoiceField(
        label=gettext_lazy("Project (optional)"),
        required=False,
        queryset=None,
        empty_label=gettext_lazy("The whole programme"),
        widget=TypedTitlesSelect,
    )
    responsible = forms.CharField(
        label=gettext_lazy("Who acts"), required=False, max_length=200, widget=forms.TextInput({"dir": "auto"})
    )
    due_on = forms.DateField(label=gettext_lazy("Due on"), required=False, widget=DATE)

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = programme.projects.order_by("axis__order", "order", "id")


DecisionFormSet = forms.formset_factory(DecisionForm, extra=3, max_num=services.MAX_DECISIONS)


def _meetings(programme):
    decisions = ReviewDecision.objects.select_related("project").order_by("id")
    return programme.review_meetings.prefetch_related(Prefetch("decisions", queryset=decisions)).order_by(
        "-held_on", "-id"
    )


def reviews(request, slug: str, cycle: str):
    ctx = programme_context(request, slug, cycle, "monitoring")
    programme = ctx["programme"]
    can_record = request.user.is_authenticated and request.user.has_perm(services.RECORD, programme.collectivity)
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    form = formset = None
    status = 200
    if can_record and programme.is_adopted:
        data = request.POST if request.method == "POST" else None
        form = MeetingForm(data, request.FILES or None)
        formset = DecisionFormSet(data, prefix="decisions", form_kwargs={"programme": programme})
        if request.method == "POST":
            if form.is_valid() and formset.is_valid():
                try:
                    services.record_meeting(
                        request.user,
                        programme,
                        form.cleaned_data,
                        [row for row in formset.cleaned_data if row],
                        form.cleaned_data.get("document"),
                    )
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, _("The review meeting is recorded and published."))
                    return redirect("monitoring:reviews", slug=slug, cycle=cycle)
            status = 400
    ctx |= {
        "page": paginate(request, _meetings(programme), per_page=PER_PAGE),
        "can_record": can_record,
        "form": form,
        "formset": formset,
    }
    return render(request, "monitoring/reviews_list.html", ctx, status=status)


def review_minutes(request, slug: str, cycle: str, pk: int):
    ctx = programme_context(request, slug, cycle, "monitoring")
    meeting = get_object_or_404(ReviewMeeting, pk=pk, programme=ctx["programme"])
    if not meeting.document:
        raise Http404
    return media.stored_file(meeting.document.name, filename=f"minutes-{meeting.held_on}.pdf", as_attachment=True)
