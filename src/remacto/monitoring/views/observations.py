"""Residents' observations of a project: the public list, the form, one observation with its answer and
comments, and its photo (served only while the observation is visible, or to moderators)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.core import media
from remacto.core.forms import apply_service_errors
from remacto.core.http import too_many_requests
from remacto.core.pagination import paginate
from remacto.participation import limits

from ..selectors import observations as selectors
from ..services import observations as services

PER_PAGE = 20


class ObservationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What did you see?"),
        max_length=services.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=gettext_lazy("Describe what you saw of this project on the ground. Be factual and polite."),
    )
    photo = forms.FileField(
        label=gettext_lazy("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=gettext_lazy("JPEG or PNG, at most 5 MB. Its hidden data (position, camera) is removed."),
    )
    place = forms.CharField(
        label=gettext_lazy("Place (optional)"),
        required=False,
        max_length=services.PLACE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=gettext_lazy("For example: the street or the neighbourhood."),
    )
    latitude = forms.CharField(
        label=gettext_lazy("Latitude (optional)"), required=False, max_length=20, widget=forms.TextInput({"dir": "ltr"})
    )
    longitude = forms.CharField(
        label=gettext_lazy("Longitude (optional)"),
        required=False,
        max_length=20,
        widget=forms.TextInput({"dir": "ltr"}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Public answer"),
        max_length=services.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


def _context(request, slug: str, project: int) -> dict:
    project_obj = selectors.followed_project(slug, project)
    user = request.user
    return {
        "project": project_obj,
        "programme": project_obj.programme,
        "active": "projects",
        "can_observe": services.can_observe(user, project_obj),
        "can_answer": services.can_answer(user, project_obj),
        "can_moderate": user.is_authenticated
        and user.has_perm("participation.moderate", project_obj.programme.collectivity),
    }


def observations(request, slug: str, project: int):
    ctx = _context(request, slug, project)
    page = paginate(request, selectors.visible_observations(ctx["project"]), per_page=PER_PAGE)
    for observation in page.object_list:
        observation.project = ctx["project"]
    return render(request, "monitoring/observations_list.html", ctx | {"page": page})


@login_required
def observe(request, slug: str, project: int):
    ctx = _context(request, slug, project)
    if not services.observable(ctx["project"]):
        raise Http404
    form = ObservationForm(request.POST or None, request.FILES or None)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.post_observation(request.user, ctx["project"], **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(
                request, _("Thank you: your observation is published. The responsible unit will answer it.")
            )
            return redirect(observation.get_absolute_url())
    response = render(
        request,
        "monitoring/observation_form.html",
        ctx | {"form": form, "photo_lost": request.method == "POST" and bool(request.FILES)},
        status=400 if form.errors and wait is None else 200,
    )
    return too_many_requests(response, wait)


def observation(request, slug: str, project: int, pk: int):
    ctx = _context(request, slug, project)
    item = selectors.observation_of(ctx["project"], pk)
    form = AnswerForm(request.POST or None, initial={"answer": item.answer})
    status = 200
    if request.method == "POST":
        if not ctx["can_answer"]:
            raise Http404
        if form.is_valid():
            try:
                services.answer_observation(request.user, item, form.cleaned_data["answer"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The answer is published."))
                return redirect(item.get_absolute_url())
        status = 400
    show = not item.is_hidden or ctx["can_moderate"]
    return render(
        request,
        "monitoring/observation_detail.html",
        ctx | {"observation": item, "show_content": show, "answer_form": form},
        status=status,
    )


def observation_photo(request, slug: str, project: int, pk: int):
    ctx = _context(request, slug, project)
    item = selectors.observation_of(ctx["project"], pk)
    if not item.photo or (item.is_hidden and not ctx["can_moderate"]):
        raise Http404
    return media.stored_file(item.photo.name, filename=item.photo.name.rsplit("/", 1)[-1], as_attachment=False)
