"""Co-evaluation: the scorecard's criteria, opening an evaluation, citizens' answers, committee scorecards and
publication of the results.

- The focal point (``monitoring.manage`` on the collectivity) sets up the programme's criteria while no
  scorecard of the programme uses them; a programme without criteria gets the default set (the openness
  principles, :class:`~remacto.monitoring.models.DefaultCriterion`) when it is first needed.
- An evaluation covers a finished project (completed, or past its end date) or the whole programme (in its
  evaluation or closed phase, or past the end of implementation). It is open from ``opens_on`` to ``closes_on``
  included, until its results are published.
- Any signed-in person answers the citizens' questionnaire once per evaluation; committee members (and the
  focal point, and people holding a seat of the programme's follow-up committee) fill one scorecard each.
- Results are public once published (:func:`remacto.monitoring.selectors.evaluations.results_visible`).

Every staff action and every scorecard is written to the audit log. Citizens' answers are participation, like
ideas and supports: they are not logged.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from remacto.cocreation.models import CommitteeMember, Phase, Programme, Project
from remacto.core import audit
from remacto.core.permissions import require

from ..models import (
    DEFAULT_QUESTIONS,
    CitizenAnswer,
    DefaultCriterion,
    Evaluation,
    EvaluationCriterion,
    Score,
    Scorecard,
)

MANAGE = "monitoring.manage"
RATINGS = range(1, 6)
PROGRAMME_LANGUAGE = "ar"
"""The language a default criterion's stored title is written in (pages show it in the reader's language)."""


# --- rules written once, used by services, selectors and pages ------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate()


def is_open(evaluation: Evaluation) -> bool:
    """Answers and scorecards are accepted: between its dates (included) and not yet published."""
    return evaluation.published_at is None and evaluation.opens_on <= today() <= evaluation.closes_on


def project_is_finished(project: Project) -> bool:
    """A project may be evaluated once completed or past its end date (never when cancelled)."""
    if project.status == Project.Status.CANCELLED:
        return False
    return project.status == Project.Status.COMPLETED or bool(project.ends_on and project.ends_on < today())


def programme_is_finished(programme: Programme) -> bool:
    """A programme may be evaluated in its evaluation or closed phase, or once its implementation has ended."""
    if programme.phase in (Phase.EVALUATION, Phase.CLOSED):
        return True
    return bool(programme.implementation_end and programme.implementation_end < today())


def can_score(user, evaluation: Evaluation) -> bool:
    """Committee members and the focal point of the collectivity, or a seat holder of the programme's committee."""
    if not user.is_authenticated:
        return False
    programme = evaluation.programme
    if user.has_perm("monitoring.score", programme.collectivity):
        return True
    return CommitteeMember.objects.filter(programme=programme, user=user).exists()


def criteria_locked(programme: Programme) -> bool:
    """Criteria are fixed once a scorecard of the programme rates them."""
    return Scorecard.objects.filter(evaluation__programme=programme).exists()


# --- criteria -----------------------------------------------------------------------------------------------------


def create_default_criteria(programme: Programme) -> list[EvaluationCriterion]:
    """The default scorecard (the openness principles), each criterion keyed so that it shows in the reader's
    language; the caller checks that the programme has no criteria yet."""
    with translation.override(PROGRAMME_LANGUAGE):
        rows = [
            EvaluationCriterion(
                programme=programme,
                order=order,
                key=key.value,
                title=str(key.label),
                description=str(DEFAULT_QUESTIONS[key]),
            )
            for order, key in enumerate(DefaultCriterion, start=1)
        ]
    return EvaluationCriterion.objects.bulk_create(rows)


@transaction.atomic
def ensure_criteria(actor, programme: Programme) -> list[EvaluationCriterion]:
    """The programme's criteria; when it has none, the default set is created first (and logged)."""
    require(actor, MANAGE, programme.collectivity)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    criteria = list(programme.evaluation_criteria.order_by("order", "id"))
    if criteria:
        return criteria
    criteria = create_default_criteria(programme)
    audit.record(
        actor, "evaluation.criteria_defaults", programme, collectivity=programme.collectivity, count=len(criteria)
    )
    return criteria


def _check_unlocked(programme: Programme) -> None:
    if criteria_locked(programme):
        raise ValidationError(_("The criteria can no longer change: a scorecard of this programme already rates them."))


def _clean_text(title: str, description: str) -> tuple[str, str]:
    title, description = (title or "").strip(), (description or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the criterion a title.")
    elif len(title) > 200:
        errors["title"] = _("The title is too long (200 characters at most).")
    if len(description) > 500:
        errors["description"] = _("The description is too long (500 characters at most).")
    if errors:
        raise ValidationError(errors)
    return title, description


@transaction.atomic
def add_criterion(actor, programme: Programme, *, title: str, description: str = "") -> EvaluationCriterion:
    """Add a criterion at the end of the scorecard."""
    require(actor, MANAGE, programme.collectivity)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    _check_unlocked(programme)
    title, description = _clean_text(title, description)
    last = programme.evaluation_criteria.aggregate(last=Max("order"))["last"] or 0
    criterion = EvaluationCriterion.objects.create(
        programme=programme, order=last + 1, title=title, description=description
    )
    audit.record(actor, "evaluation.criterion_add", criterion, collectivity=programme.collectivity)
    return criterion


@transaction.atomic
def edit_criterion(actor, criterion: EvaluationCriterion, *, title: str, description: str = "") -> EvaluationCriterion:
    """Change a criterion's title or description; an edited default criterion is shown as typed from then on."""
    programme = criterion.programme
    require(actor, MANAGE, programme.collectivity)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    _check_unlocked(programme)
    title, description = _clean_text(title, description)
    unchanged = {(criterion.title, criterion.description), (criterion.label, criterion.question)}
    if (title, description) not in unchanged:  # a default criterion sent back as shown keeps its key
        criterion.title, criterion.description, criterion.key = title, description, ""
        criterion.save(update_fields=["title", "description", "key"])
        audit.record(actor, "evaluation.criterion_edit", criterion, collectivity=programme.collectivity)
    return criterion


@transaction.atomic
def move_criterion(actor, criterion: EvaluationCriterion, *, up: bool) -> None:
    """Swap the criterion with the one before it (``up``) or after it; nothing happens at either end."""
    programme = criterion.programme
    require(actor, MANAGE, programme.collectivity)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    _check_unlocked(programme)
    ordered = list(programme.evaluation_criteria.order_by("order", "id"))
    index = next(i for i, c in enumerate(ordered) if c.pk == criterion.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for order, item in enumerate(ordered, start=1):
        item.order = order
    EvaluationCriterion.objects.bulk_update(ordered, ["order"])
    audit.record(actor, "evaluation.criterion_move", criterion, collectivity=programme.collectivity, position=other + 1)


@transaction.atomic
def remove_criterion(actor, criterion: EvaluationCriterion) -> None:
    """Remove a criterion no scorecard rates."""
    programme = criterion.programme
    require(actor, MANAGE, programme.collectivity)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    _check_unlocked(programme)
    if programme.evaluation_criteria.count() <= 1:
        raise ValidationError(_("The scorecard needs at least one criterion."))
    audit.record(actor, "evaluation.criterion_remove", criterion, collectivity=programme.collectivity)
    criterion.delete()


# --- opening and publishing ---------------------------------------------------------------------------------------


@transaction.atomic
def open_evaluation(
    actor,
    programme: Programme,
    *,
    project: Project | None = None,
    opens_on: datetime.date,
    closes_on: datetime.date,
) -> Evaluation:
    """Open the evaluation of a finished ``project`` of the programme, or of the whole programme."""
    require(actor, MANAGE, programme.collectivity)
    if project is not None and project.programme_id != programme.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    if project is not None and (project.is_hidden or not project_is_finished(project)):
        raise ValidationError(
            _("Only a finished project can be evaluated: completed, or past its end date (and not cancelled).")
        )
    if project is None and not programme_is_finished(programme):
        raise ValidationError(
            _("The programme can be evaluated in its evaluation phase or once its implementation has ended.")
        )
    if not opens_on or not closes_on:
        raise ValidationError(_("Give the dates of the evaluation."))
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The evaluation closes before it opens.")})
    if closes_on < today():
        raise ValidationError({"closes_on": _("The closing date is already past.")})
    existing = Evaluation.objects.filter(programme=programme)
    existing = existing.filter(project=project) if project is not None else existing.filter(project__isnull=True)
    if existing.exists():
        raise ValidationError(_("This evaluation has already been opened."))
    if not programme.evaluation_criteria.exists():
        ensure_criteria(actor, programme)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                programme=programme, project=project, opens_on=opens_on, closes_on=closes_on
            )
    except IntegrityError as exc:
        raise ValidationError(_("This evaluation has already been opened.")) from exc
    audit.record(
        actor,
        "evaluation.open",
        evaluation,
        collectivity=programme.collectivity,
        opens_on=str(opens_on),
        closes_on=str(closes_on),
    )
    return evaluation


@transaction.atomic
def publish_evaluation(actor, evaluation: Evaluation, *, summary: str) -> Evaluation:
    """Publish the results with the conclusions: from then on they are public and no more answers are taken."""
    programme = evaluation.programme
    require(actor, MANAGE, programme.collectivity)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.published_at is not None:
        raise ValidationError(_("These results are already published."))
    if evaluation.opens_on > today():
        raise ValidationError(_("The evaluation has not started yet: there is nothing to publish."))
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Write the conclusions that go with the results.")})
    if len(summary) > 4000:
        raise ValidationError({"summary": _("The conclusions are too long (4,000 characters at most).")})
    evaluation.summary = summary
    evaluation.published_at = timezone.now()
    evaluation.save(update_fields=["summary", "published_at", "updated_at"])
    answers = evaluation.answers.count()
    scorecards = evaluation.scorecards.count()
    audit.record(
        actor,
        "evaluation.publish",
        evaluation,
        collectivity=programme.collectivity,
        answers=answers,
        scorecards=scorecards,
    )
    return evaluation


# --- answers and scorecards ---------------------------------------------------------------------------------------


def _current(evaluation: Evaluation) -> Evaluation:
    """The evaluation as stored now (its dates or publication may have changed since the page was read)."""
    return Evaluation.objects.select_related("programme__collectivity").get(pk=evaluation.pk)


def _already_answered() -> ValidationError:
    return ValidationError(_("You have already answered this questionnaire: each person answers once."))


def _already_scored() -> ValidationError:
    return ValidationError(_("You have already filled your scorecard for this evaluation."))


def _not_open(evaluation: Evaluation) -> ValidationError:
    if evaluation.published_at is not None or evaluation.closes_on < today():
        return ValidationError(_("This evaluation is closed."))
    return ValidationError(_("This evaluation is not open yet."))


def _rating(value, field: str) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if rating not in RATINGS:
        raise ValidationError({field: _("Choose a rating from 1 to 5.")})
    return rating


@transaction.atomic
def answer_questionnaire(
    actor, evaluation: Evaluation, *, satisfaction, useful: str, informed, comment: str = ""
) -> CitizenAnswer:
    """Record the citizens' questionnaire answer of ``actor`` (once per person and evaluation)."""
    require(actor, "monitoring.evaluate", evaluation.programme.collectivity)
    evaluation = _current(evaluation)
    if not is_open(evaluation):
        raise _not_open(evaluation)
    errors: dict[str, str] = {}
    values = {}
    for field, value in (("satisfaction", satisfaction), ("informed", informed)):
        try:
            values[field] = _rating(value, field)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if useful not in CitizenAnswer.Usefulness.values:
        errors["useful"] = _("Choose yes, partly or no.")
    comment = (comment or "").strip()
    if len(comment) > 1000:
        errors["comment"] = _("The comment is too long (1,000 characters at most).")
    if errors:
        raise ValidationError(errors)
    if CitizenAnswer.objects.filter(evaluation=evaluation, user=actor).exists():
        raise _already_answered()
    try:
        with transaction.atomic():
            return CitizenAnswer.objects.create(
                evaluation=evaluation, user=actor, useful=useful, comment=comment, **values
            )
    except IntegrityError as exc:  # the same person answering twice at once: the constraint settles it
        raise _already_answered() from exc


@transaction.atomic
def submit_scorecard(
    actor,
    evaluation: Evaluation,
    *,
    ratings: Mapping[int, object],
    comments: Mapping[int, str] | None = None,
    comment: str = "",
) -> Scorecard:
    """Record the scorecard of a committee member: every criterion of the programme rated 1 to 5 (``ratings`` by
    criterion id), with optional comments per criterion and overall."""
    if not can_score(actor, evaluation):
        raise PermissionDenied(_("You are not allowed to do this."))
    evaluation = _current(evaluation)
    if not is_open(evaluation):
        raise _not_open(evaluation)
    comments = comments or {}
    # Criteria change under the same lock, and only while no scorecard exists: both never interleave.
    Programme.objects.select_for_update().filter(pk=evaluation.programme_id).first()
    criteria = list(evaluation.programme.evaluation_criteria.order_by("order", "id"))
    if not criteria:
        raise ValidationError(_("This evaluation has no criteria yet."))
    errors: dict[str, str] = {}
    known = {c.pk for c in criteria}
    if set(ratings) - known:
        raise ValidationError(_("A rating was given for a criterion that is not on this scorecard."))
    scores = []
    for criterion in criteria:
        field = f"rating_{criterion.pk}"
        if ratings.get(criterion.pk) in (None, ""):
            errors[field] = _("Rate every criterion.")
            continue
        try:
            rating = _rating(ratings[criterion.pk], field)
        except ValidationError as exc:
            errors[field] = exc.message_dict[field][0]
            continue
        note = (comments.get(criterion.pk) or "").strip()
        if len(note) > 1000:
            errors[f"comment_{criterion.pk}"] = _("The comment is too long (1,000 characters at most).")
        scores.append(Score(criterion=criterion, rating=rating, comment=note))
    comment = (comment or "").strip()
    if len(comment) > 2000:
        errors["comment"] = _("The comment is too long (2,000 characters at most).")
    if errors:
        raise ValidationError(errors)
    if Scorecard.objects.filter(evaluation=evaluation, member=actor).exists():
        raise _already_scored()
    try:
        with transaction.atomic():
            scorecard = Scorecard.objects.create(
                evaluation=evaluation, member=actor, member_name=str(actor)[:120], comment=comment
            )
            for score in scores:
                score.scorecard = scorecard
            Score.objects.bulk_create(scores)
    except IntegrityError as exc:
        raise _already_scored() from exc
    audit.record(actor, "evaluation.scorecard", evaluation, collectivity=evaluation.programme.collectivity)
    return scorecard
