"""Co-evaluation pages: the evaluation of a project or of the programme (questionnaire, scorecard, results, staff
controls), the scorecard's criteria, and the programme's final report PDF. Thin: services decide, selectors read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from remacto.cocreation import selectors as cocreation_selectors
from remacto.core import outputs
from remacto.core.forms import apply_service_errors

from .. import report, report_tasks
from ..evaluation_forms import AnswerForm, CriterionForm, OpenForm, PublishForm, ScorecardForm
from ..models import EvaluationCriterion
from ..selectors import evaluations as selectors
from ..services import evaluations as services

ACTIONS = ("answer", "scorecard", "open", "publish")


def _page(request, programme, project):
    """The evaluation page of ``project`` (or of the programme when ``None``), handling its forms on POST."""
    user = request.user
    evaluation = selectors.evaluation_of(programme, project)
    can_manage = user.has_perm("monitoring.manage", programme.collectivity)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ACTIONS:
        raise Http404
    if action and not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    criteria = selectors.criteria(programme)
    data = request.POST if action else None
    forms = {
        "answer_form": AnswerForm(data if action == "answer" else None),
        "scorecard_form": ScorecardForm(data if action == "scorecard" else None, criteria=criteria),
        "open_form": OpenForm(data if action == "open" else None),
        "publish_form": PublishForm(data if action == "publish" else None),
    }
    refused: list[str] = []
    if action:
        form = forms[f"{action}_form"]
        if form.is_valid():
            try:
                done = _act(action, user, programme, project, evaluation, form)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    apply_service_errors(form, exc)
                else:  # said on top of the page: the form may no longer be shown (answered, closed...)
                    refused = exc.messages
            else:
                messages.success(request, done)
                return redirect(request.path)
    panel = selectors.panel(user, evaluation)
    visible = evaluation is not None and selectors.results_visible(user, evaluation)
    result = selectors.results(evaluation) if visible else None
    context = {
        "programme": programme,
        "project": project,
        "evaluation": evaluation,
        "panel": panel,
        "can_manage": can_manage,
        "criteria": criteria,
        "results": result,
        "refused": refused,
        "report_languages": report.LANGUAGES,
        "charts": selectors.charts(result, rtl=get_language_bidi()) if result else [],
        "finished": services.project_is_finished(project)
        if project is not None
        else services.programme_is_finished(programme),
        **forms,
    }
    status = 400 if action else 200
    return render(request, "monitoring/evaluation.html", context, status=status)


def _act(action: str, user, programme, project, evaluation, form) -> str:
    """Call the service for ``action``; return the sentence saying it was done."""
    if action == "open":
        services.open_evaluation(user, programme, project=project, **form.cleaned_data)
        return _("The evaluation is open.")
    if evaluation is None:
        raise ValidationError(_("This evaluation is not open yet."))
    if action == "answer":
        services.answer_questionnaire(user, evaluation, **form.cleaned_data)
        return _("Thank you: your answer is recorded.")
    if action == "scorecard":
        services.submit_scorecard(user, evaluation, **form.service_values())
        return _("Your scorecard is recorded.")
    services.publish_evaluation(user, evaluation, summary=form.cleaned_data["summary"])
    return _("The results are published.")


@require_http_methods(["GET", "HEAD", "POST"])
def project_evaluation(request, slug: str, project: int):
    """The co-evaluation of a finished project."""
    item = selectors.project(slug, project)
    try:
        return _page(request, item.programme, item)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise


@require_http_methods(["GET", "HEAD", "POST"])
def programme_evaluation(request, slug: str, cycle: str):
    """The co-evaluation of the whole programme."""
    programme = cocreation_selectors.programme(slug, cycle)
    return _page(request, programme, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def criteria(request, slug: str, cycle: str):
    """Staff: the scorecard's criteria (the default set is created on the first visit)."""
    programme = cocreation_selectors.programme(slug, cycle)
    if not request.user.has_perm("monitoring.manage", programme.collectivity):
        raise PermissionDenied
    services.ensure_criteria(request.user, programme)
    add_form = CriterionForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                if add_form.is_valid():
                    services.add_criterion(request.user, programme, **add_form.cleaned_data)
                    messages.success(request, _("The criterion is added."))
                    return redirect(request.path)
            else:
                criterion = get_object_or_404(EvaluationCriterion, programme=programme, pk=request.POST.get("pk"))
                if action == "edit":  # the service checks the text and says what is wrong
                    services.edit_criterion(
                        request.user,
                        criterion,
                        title=request.POST.get("title", ""),
                        description=request.POST.get("description", ""),
                    )
                elif action in ("up", "down"):
                    services.move_criterion(request.user, criterion, up=action == "up")
                elif action == "remove":
                    services.remove_criterion(request.user, criterion)
                else:
                    raise Http404
                messages.success(request, _("The scorecard is saved."))
                return redirect(request.path)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return render(
        request,
        "monitoring/evaluation_criteria.html",
        {
            "programme": programme,
            "criteria": selectors.criteria(programme),
            "locked": services.criteria_locked(programme),
            "add_form": add_form,
        },
    )


@require_safe
def report_pdf(request, slug: str, cycle: str, lang: str):
    """The programme's final report in ``lang``: the PDF when ready, otherwise a page that follows its building."""
    if lang not in report.LANGUAGES:
        raise Http404
    programme = cocreation_selectors.programme(slug, cycle)
    name = report.current_name(programme, lang)
    return outputs.pdf_or_waiting_page(
        request,
        name,
        output=report_tasks.PDF,
        start=lambda: report_tasks.start(programme, lang, name),
        filename=report.filename(programme, lang),
        template="monitoring/report_status.html",
        partial="monitoring/_report_status.html",
        context={"programme": programme, "pdf_language": lang},
    )
