"""Projects drafted from accepted ideas: their activities, indicators and budget; amendments after adoption."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.formatting import parse_amount
from remacto.core.permissions import require

from ..models import Activity, Idea, Indicator, Phase, Programme, Project
from .programmes import TITLE_LANGUAGES

MANAGE = "cocreation.manage_projects"
PROJECT_FIELDS = (
    "axis",
    "order",
    "title",
    *TITLE_LANGUAGES,
    "problem",
    "solution",
    "budget",
    "funding_source",
    "serves_transparency",
    "serves_information",
    "serves_participation",
    "serves_digitalisation",
    "result_trust",
    "result_civil_society",
    "result_services",
    "responsible_unit",
    "starts_on",
    "ends_on",
)


def parse_budget(value) -> Decimal:
    """A dirham amount as people write it (see ``core.formatting.parse_amount``); never negative."""
    try:
        amount = parse_amount(value)
    except ValidationError as exc:
        raise ValidationError({"budget": exc.messages}) from None
    if amount < 0:
        raise ValidationError({"budget": _("The budget cannot be negative.")})
    return amount


def _check_sources(programme: Programme, ideas: Sequence[Idea]) -> None:
    for idea in ideas:
        if idea.programme_id != programme.pk or idea.status != Idea.Status.ACCEPTED:
            raise ValidationError({"source_ideas": _("Projects are made from this programme's accepted ideas.")})


def _validated_project(programme: Programme, project: Project, values: Mapping) -> Project:
    for field in PROJECT_FIELDS:
        if field in values:
            setattr(project, field, parse_budget(values[field]) if field == "budget" else values[field])
    if "budget" in values:
        project.budget_to_estimate = False
    if project.axis_id and project.axis.programme_id != programme.pk:
        raise ValidationError({"axis": _("Choose one of the programme's axes.")})
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    project.full_clean(exclude=["support_count", "comment_count"], validate_constraints=False)
    return project


def _replace_children(project: Project, activities, indicators) -> None:
    if activities is not None:
        rows = [Activity(project=project, order=n, **a) for n, a in enumerate(activities, start=1)]
        for n, activity in enumerate(rows, start=1):
            if activity.starts_on and activity.ends_on and activity.ends_on < activity.starts_on:
                raise ValidationError({"activities": _("Activity %(n)d ends before it starts.") % {"n": n}})
            activity.full_clean(exclude=["project"])
        project.activities.all().delete()
        Activity.objects.bulk_create(rows)
    if indicators is not None:
        rows = [Indicator(project=project, **i) for i in indicators]
        for indicator in rows:
            indicator.full_clean(exclude=["project"])
        project.indicators.all().delete()
        Indicator.objects.bulk_create(rows)


def drafting_is_open(programme: Programme) -> bool:
    """Projects are drafted during the drafting and consultation phases."""
    return programme.phase in (Phase.DRAFTING, Phase.CONSULTATION)


@transaction.atomic
def create_project(
    actor, programme: Programme, values: Mapping, *, source_ideas=(), activities=(), indicators=()
) -> Project:
    """Draft a project from one or more accepted ideas (during drafting or consultation); without a budget in
    ``values`` its budget is to be estimated (:attr:`Project.budget_to_estimate`)."""
    require(actor, MANAGE, programme.collectivity)
    if not drafting_is_open(programme):
        raise ValidationError(_("Projects are drafted during the drafting and consultation phases."))
    ideas = list(source_ideas)
    _check_sources(programme, ideas)
    # Without a budget the project holds 0 (the column needs a figure) and says its budget is to be estimated.
    estimate_later = "budget" not in values
    project = Project(programme=programme, budget=Decimal(0), budget_to_estimate=estimate_later)
    project = _validated_project(programme, project, values)
    if programme.phase == Phase.CONSULTATION:
        project.status = Project.Status.CONSULTATION
    project.save()
    project.source_ideas.set(ideas)
    _replace_children(project, list(activities), list(indicators))
    audit.record(actor, "project.create", project, collectivity=programme.collectivity, budget=str(project.budget))
    return project


@transaction.atomic
def update_project(actor, project: Project, values: Mapping, *, source_ideas=None, activities=None, indicators=None):
    """Edit a draft project; once the programme is adopted, changes go through :func:`amend_project`."""
    programme = project.programme
    require(actor, MANAGE, programme.collectivity)
    if programme.is_adopted:
        raise ValidationError(_("The programme is adopted: record an amendment instead."))
    project = _validated_project(programme, project, values)
    project.save()
    if source_ideas is not None:
        ideas = list(source_ideas)
        _check_sources(programme, ideas)
        project.source_ideas.set(ideas)
    _replace_children(project, activities, indicators)
    audit.record(actor, "project.update", project, collectivity=programme.collectivity)
    return project


@transaction.atomic
def amend_project(actor, project: Project, values: Mapping, *, reason: str, decided_on, reference: str = ""):
    """Change an adopted project: the old and new values are kept in an :class:`Amendment`."""
    programme = project.programme
    require(actor, "cocreation.record_adoption", programme.collectivity)
    if not programme.is_adopted:
        raise ValidationError(_("Only adopted programmes are amended; edit the draft instead."))
    if len((reason or "").strip()) < 10:
        raise ValidationError({"reason": _("Give the reason for the amendment (at least 10 characters).")})
    if decided_on is None:
        raise ValidationError({"decided_on": _("Give the date of the decision.")})
    before = {f: str(getattr(project, f)) for f in values if f in PROJECT_FIELDS}
    project = _validated_project(programme, project, values)
    after = {f: str(getattr(project, f)) for f in before}
    changes = {f: [before[f], after[f]] for f in before if before[f] != after[f]}
    if not changes:
        raise ValidationError(_("Nothing was changed."))
    project.save()
    amendment = project.amendments.create(
        decided_on=decided_on, reference=reference.strip(), reason=reason.strip(), changes=changes, recorded_by=actor
    )
    audit.record(actor, "project.amend", project, collectivity=programme.collectivity, fields=sorted(changes))
    return amendment
