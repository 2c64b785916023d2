"""Reads of co-evaluation: the evaluation of a project or programme, what the viewer may do on it, and the
aggregated results (counts, means and distributions per question and per criterion) in a fixed number of
queries however many answers there are.

One visibility rule: :func:`results_visible` (published, or the viewer manages the collectivity). Pages, the
report and exports call it; :func:`published` is the same rule as a queryset for outputs with no viewer.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from remacto.cocreation.charts import bar_chart
from remacto.cocreation.models import Programme, Project
from remacto.cocreation.statistics import Row, Series
from remacto.core.formatting import format_number

from ..models import CitizenAnswer, Evaluation, EvaluationCriterion, Score
from ..services.evaluations import can_score, is_open

RATINGS = (1, 2, 3, 4, 5)


def project(slug: str, pk: int) -> Project:
    """A visible project of the member ``slug``, with its programme and collectivity; 404 otherwise."""
    try:
        return (
            Project.objects.visible()
            .select_related("programme__collectivity", "axis")
            .get(pk=pk, programme__collectivity__slug=slug, programme__collectivity__membership__isnull=False)
        )
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def evaluation_of(programme: Programme, project: Project | None = None) -> Evaluation | None:
    """The evaluation of ``project`` (or of the whole programme when ``None``), if opened."""
    qs = Evaluation.objects.select_related("programme__collectivity", "project").filter(programme=programme)
    qs = qs.filter(project=project) if project is not None else qs.filter(project__isnull=True)
    return qs.first()


def criteria(programme: Programme) -> list[EvaluationCriterion]:
    return list(programme.evaluation_criteria.order_by("order", "id"))


def is_public(evaluation: Evaluation) -> bool:
    """The one visibility rule of evaluations: their results are public once published, never before (and never
    for a project hidden by moderation)."""
    return evaluation.published_at is not None and not (evaluation.project_id and evaluation.project.is_hidden)


def public_evaluations() -> QuerySet[Evaluation]:
    """Evaluations whose results are public: :func:`is_public` as a queryset, for pages, exports, reports and API."""
    return Evaluation.objects.filter(published_at__isnull=False).filter(
        Q(project__isnull=True) | Q(project__is_hidden=False)
    )


def published(programme: Programme) -> QuerySet[Evaluation]:
    """The programme's evaluations whose results are public, the programme's own first, then projects in order."""
    return (
        public_evaluations()
        .filter(programme=programme)
        .select_related("project", "project__axis")
        .order_by("project__axis__order", "project__order", "project_id", "id")
    )


def results_visible(user, evaluation: Evaluation) -> bool:
    """Results are public once published; before that only the collectivity's managers see them."""
    if is_public(evaluation):
        return True
    return bool(user and user.has_perm("monitoring.manage", evaluation.programme.collectivity))


def state(evaluation: Evaluation | None) -> str:
    """``none``, ``upcoming``, ``open``, ``closed`` or ``published``."""
    from ..services.evaluations import today

    if evaluation is None:
        return "none"
    if evaluation.published_at is not None:
        return "published"
    if is_open(evaluation):
        return "open"
    return "upcoming" if evaluation.opens_on > today() else "closed"


def panel(user, evaluation: Evaluation | None) -> dict:
    """What the evaluation panel of a page shows: the state and what the viewer can do (bounded queries)."""
    current = state(evaluation)
    signed_in = bool(user and user.is_authenticated)
    has_answered = has_scored = may_score = False
    if evaluation is not None and signed_in:
        has_answered = evaluation.answers.filter(user=user).exists()
        may_score = can_score(user, evaluation)
        has_scored = may_score and evaluation.scorecards.filter(member=user).exists()
    return {
        "evaluation": evaluation,
        "state": current,
        "is_open": current == "open",
        "signed_in": signed_in,
        "can_answer": current == "open" and signed_in and not has_answered,
        "has_answered": has_answered,
        "can_score": current == "open" and may_score and not has_scored,
        "is_scorer": may_score,
        "has_scored": has_scored,
    }


def project_panel(user, project: Project) -> dict:
    """The context of ``monitoring/_evaluation_panel.html`` on a project's page: ``panel`` and ``evaluation_url``."""
    return {
        "panel": panel(user, evaluation_of(project.programme, project)),
        "evaluation_url": reverse(
            "monitoring:evaluation", kwargs={"slug": project.programme.collectivity.slug, "project": project.pk}
        ),
    }


# --- aggregation --------------------------------------------------------------------------------------------------


def _mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Question:
    """One question's distribution (answer -> count), its answer count and mean (ratings only)."""

    key: str
    label: str
    distribution: dict[str, int]
    choices: list[tuple[str, str]]
    mean: Decimal | None = None

    @property
    def count(self) -> int:
        return sum(self.distribution.values())


@dataclass
class CriterionResult:
    criterion: EvaluationCriterion
    distribution: dict[str, int]
    mean: Decimal | None = None

    @property
    def count(self) -> int:
        return sum(self.distribution.values())


@dataclass
class Results:
    evaluation: Evaluation
    answers: int = 0
    scorecards: int = 0
    questions: list[Question] = field(default_factory=list)
    criteria: list[CriterionResult] = field(default_factory=list)


def _rating_choices() -> list[tuple[str, str]]:
    return [(str(r), format_number(r)) for r in RATINGS]


def results_for(evaluations: Iterable[Evaluation]) -> dict[int, Results]:
    """The aggregated results of each evaluation (by id), in four queries for any number of evaluations."""
    evaluations = list(evaluations)
    ids = [e.pk for e in evaluations]
    if not ids:
        return {}
    answer_groups = (
        CitizenAnswer.objects.filter(evaluation__in=ids)
        .order_by()
        .values("evaluation", "satisfaction", "useful", "informed")
        .annotate(n=Count("id"))
    )
    score_groups = (
        Score.objects.filter(scorecard__evaluation__in=ids)
        .order_by()
        .values("scorecard__evaluation", "criterion", "rating")
        .annotate(n=Count("id"))
    )
    scorecards = dict(Evaluation.objects.filter(pk__in=ids).annotate(n=Count("scorecards")).values_list("pk", "n"))
    programme_ids = {e.programme_id for e in evaluations}
    all_criteria = list(EvaluationCriterion.objects.filter(programme__in=programme_ids).order_by("order", "id"))

    useful_choices = [(str(v), str(label)) for v, label in CitizenAnswer.Usefulness.choices]
    out: dict[int, Results] = {}
    tallies: dict[int, dict[str, dict[str, int]]] = {}
    for evaluation in evaluations:
        out[evaluation.pk] = Results(evaluation=evaluation, scorecards=scorecards.get(evaluation.pk, 0))
        tallies[evaluation.pk] = {
            "satisfaction": {str(r): 0 for r in RATINGS},
            "useful": {v: 0 for v, _label in useful_choices},
            "informed": {str(r): 0 for r in RATINGS},
        }
    for group in answer_groups:
        tally = tallies[group["evaluation"]]
        out[group["evaluation"]].answers += group["n"]
        for key in ("satisfaction", "useful", "informed"):
            value = str(group[key])
            tally[key][value] = tally[key].get(value, 0) + group["n"]
    per_criterion: dict[tuple[int, int], dict[str, int]] = {}
    for group in score_groups:
        counts = per_criterion.setdefault(
            (group["scorecard__evaluation"], group["criterion"]), {str(r): 0 for r in RATINGS}
        )
        counts[str(group["rating"])] = counts.get(str(group["rating"]), 0) + group["n"]
    for evaluation in evaluations:
        tally = tallies[evaluation.pk]
        result = out[evaluation.pk]
        result.questions = [
            Question(
                "satisfaction",
                _("Overall satisfaction"),
                tally["satisfaction"],
                _rating_choices(),
                _mean(sum(int(k) * n for k, n in tally["satisfaction"].items()), result.answers),
            ),
            Question("useful", _("Was it useful to you?"), tally["useful"], useful_choices),
            Question(
                "informed",
                _("How well were you informed?"),
                tally["informed"],
                _rating_choices(),
                _mean(sum(int(k) * n for k, n in tally["informed"].items()), result.answers),
            ),
        ]
        for criterion in all_criteria:
            if criterion.programme_id != evaluation.programme_id:
                continue
            counts = per_criterion.get((evaluation.pk, criterion.pk), {str(r): 0 for r in RATINGS})
            total = sum(int(k) * n for k, n in counts.items())
            result.criteria.append(CriterionResult(criterion, counts, _mean(total, sum(counts.values()))))
    return out


def results(evaluation: Evaluation) -> Results:
    return results_for([evaluation])[evaluation.pk]


# --- charts -------------------------------------------------------------------------------------------------------


def _answers_display(count: int) -> str:
    return format_number(count)


def series(result: Results, prefix: str = "evaluation") -> list[Series]:
    """Chart data of the results: one distribution per question, and the criteria's mean ratings."""
    out = []
    source = _("Answers to the citizens' questionnaire.")
    for question in result.questions:
        labels = dict(question.choices)
        rows = [
            Row(key=key, label=labels.get(key, key), value=count, display=_answers_display(count))
            for key, count in question.distribution.items()
        ]
        out.append(
            Series(
                id=f"{prefix}-{result.evaluation.pk}-{question.key}",
                title=str(question.label),
                description=source,
                rows=rows,
                value_header=_("Answers"),
            )
        )
    rows = [
        Row(
            key=f"criterion-{item.criterion.pk}",
            label=item.criterion.label,
            value=item.mean or Decimal(0),
            display=(format_number(item.mean, 1) + " / 5") if item.mean is not None else "—",
        )
        for item in result.criteria
    ]
    # Bars are drawn relative to the longest one: a last bar at the highest rating keeps the scale at 1 to 5.
    rows.append(Row(key="scale", label=_("Highest possible rating"), value=Decimal(5), display=format_number(5)))
    out.append(
        Series(
            id=f"{prefix}-{result.evaluation.pk}-criteria",
            title=_("Committee scorecards: mean rating per criterion"),
            description=_("Mean of the ratings from 1 to 5 given by the committee members."),
            rows=rows,
            value_header=_("Mean rating"),
        )
    )
    return out


def charts(result: Results, *, rtl: bool, prefix: str = "evaluation") -> list[dict]:
    """Each series with its SVG, for pages and the report."""
    return [{"series": s, "svg": bar_chart(s, rtl=rtl)} for s in series(result, prefix)]
