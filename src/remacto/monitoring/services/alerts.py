"""The scheduled alert checks and the acknowledgement of alerts.

:func:`run_checks` gathers the figures of every project under way in an adopted programme (a few queries for all
of them), asks the pure rules of ``monitoring.alerts`` which alerts should be open, opens the missing ones,
refreshes the figures of those still open and closes those whose cause is gone. Opening is race-safe: the
database allows one unclosed alert per kind and subject, and a second writer's insert is simply skipped. Each
alert opened is told to the programme's focal points and follow-up committee, in each reader's language.

:func:`acknowledge_alert` lets the committee say it has seen an alert, with a note (audited).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.accounts.models import Role, User
from remacto.cocreation.models import Activity, Amendment, Phase, Programme, Project
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import clean_text
from remacto.notifications.services import notify_many

from .. import alerts as rules
from ..models import ActivityStatus, Alert, ProgressUpdate, SpendingLine

HANDLE = "monitoring.handle_alerts"
ACTIVE_PHASES = (Phase.IMPLEMENTATION, Phase.EVALUATION)
ACTIVE_STATUSES = (Project.Status.ADOPTED, Project.Status.IN_PROGRESS)
NOTE_MAX_LENGTH = Alert._meta.get_field("acknowledgement").max_length

NOTIFICATION_KIND = "monitoring.alert"
MESSAGES = {
    rules.DIVERGENCE: gettext_noop(
        "Alert on the project “%(project)s”: %(spent)s%% of its budget is paid, but its physical progress is "
        "%(progress)s%%."
    ),
    rules.ACTIVITY_LATE: gettext_noop(
        "Alert on the project “%(project)s”: the activity “%(activity)s” was due to end on %(ends_on)s and is not done."
    ),
    rules.NO_UPDATE: gettext_noop("Alert on the project “%(project)s”: no progress update for %(days)s days."),
    rules.OVERSPENT: gettext_noop(
        "Alert on the project “%(project)s”: %(paid)s MAD paid for a budget of %(budget)s MAD, without a recorded "
        "amendment."
    ),
}


# --- figures -------------------------------------------------------------------------------------------------


def followed_projects():
    """Projects adopted or under way in a programme being implemented or evaluated, with the figures the rules
    need as annotations (one query)."""
    paid = (
        SpendingLine.objects.filter(project=OuterRef("pk"), kind=SpendingLine.Kind.PAID)
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    latest = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-reported_on", "-id")
    return (
        Project.objects.filter(programme__phase__in=ACTIVE_PHASES, status__in=ACTIVE_STATUSES)
        .select_related("programme__collectivity")
        .annotate(
            paid_total=Coalesce(
                Subquery(paid, output_field=DecimalField(max_digits=18, decimal_places=2)),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=18, decimal_places=2),
            ),
            latest_progress=Subquery(latest.values("progress")[:1]),
            last_update_on=Subquery(latest.values("reported_on")[:1]),
            amended=Exists(Amendment.objects.filter(project=OuterRef("pk"))),
        )
        .order_by("pk")
    )


def _activities(project_ids: list[int]) -> dict[int, list[rules.ActivityFacts]]:
    latest = ActivityStatus.objects.filter(activity=OuterRef("pk")).order_by("-recorded_at", "-id")
    found: dict[int, list[rules.ActivityFacts]] = {pk: [] for pk in project_ids}
    rows = (
        Activity.objects.filter(project_id__in=project_ids)
        .annotate(latest_status=Subquery(latest.values("status")[:1]))
        .values_list("pk", "project_id", "ends_on", "latest_status")
    )
    for pk, project_id, ends_on, status in rows:
        found[project_id].append(rules.ActivityFacts(id=pk, ends_on=ends_on, status=status or ""))
    return found


def facts_of(project: Project, activities: list[rules.ActivityFacts]) -> rules.ProjectFacts:
    return rules.ProjectFacts(
        id=project.pk,
        budget=project.budget,
        paid=Decimal(project.paid_total or 0),
        progress=project.latest_progress or 0,
        last_update_on=project.last_update_on,
        starts_on=project.starts_on or project.programme.implementation_start,
        has_amendment=project.amended,
        activities=tuple(activities),
    )


# --- recipients and messages ---------------------------------------------------------------------------------


def recipients(programme: Programme) -> list[User]:
    """The collectivity's focal points and committee members, and the programme's committee members with an
    account: each active person once."""
    roles = Role.objects.filter(
        collectivity_id=programme.collectivity_id, kind__in=(Role.Kind.FOCAL_POINT, Role.Kind.COMMITTEE_MEMBER)
    ).values("user_id")
    seats = programme.committee.filter(user__isnull=False).values("user_id")
    return list(User.objects.filter(Q(pk__in=roles) | Q(pk__in=seats), is_active=True).order_by("pk"))


def _params(alert: Alert, project: Project, activity_titles: dict[int, str]) -> dict:
    details = alert.details
    params: dict = {"project": project.title}
    if alert.kind == rules.DIVERGENCE:
        params |= {"spent": details["spent_percent"], "progress": details["progress"]}
    elif alert.kind == rules.ACTIVITY_LATE:
        params |= {"activity": activity_titles.get(alert.activity_id, ""), "ends_on": details["ends_on"]}
    elif alert.kind == rules.NO_UPDATE:
        params |= {"days": details["days"]}
    else:
        params |= {"paid": details["paid"], "budget": details["budget"]}
    return params


def alerts_url(programme: Programme) -> str:
    return reverse("monitoring:alerts", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})


def _tell(alert: Alert, project: Project, people: list[User], activity_titles: dict[int, str]) -> None:
    programme = project.programme
    notify_many(
        people,
        kind=NOTIFICATION_KIND,
        message=MESSAGES[alert.kind],
        params=_params(alert, project, activity_titles),
        url=alerts_url(programme),
        collectivity=programme.collectivity,
    )


# --- the checks ----------------------------------------------------------------------------------------------


def _open(project: Project, key: rules.Key, details: dict, now: datetime.datetime) -> Alert | None:
    """Insert the alert; None when another run opened it first (the unique constraints decide)."""
    kind, activity_id = key
    try:
        with transaction.atomic():
            return Alert.objects.create(
                kind=kind, project=project, activity_id=activity_id, details=details, opened_at=now
            )
    except IntegrityError:
        return None


def check_project(
    project: Project,
    activities: list[rules.ActivityFacts],
    *,
    today: datetime.date,
    now: datetime.datetime,
    people: list[User],
    activity_titles: dict[int, str],
) -> tuple[list[Alert], int]:
    """Open, refresh and close the alerts of one project; the alerts opened and the number closed."""
    wanted = rules.evaluate(facts_of(project, activities), today)
    current = {(a.kind, a.activity_id): a for a in Alert.objects.filter(project=project, closed_at__isnull=True)}
    opened, closed = [], 0
    with transaction.atomic():
        for key, alert in current.items():
            if key not in wanted:
                closed += Alert.objects.filter(pk=alert.pk, closed_at__isnull=True).update(closed_at=now)
            elif alert.details != wanted[key]:
                Alert.objects.filter(pk=alert.pk).update(details=wanted[key])
        for key, details in wanted.items():
            if key in current:
                continue
            alert = _open(project, key, details, now)
            if alert is not None:
                opened.append(alert)
                _tell(alert, project, people, activity_titles)
    return opened, closed


def run_checks(*, today: datetime.date | None = None, now: datetime.datetime | None = None) -> dict[str, int]:
    """Check every followed project; closes the alerts of projects no longer followed. Counts what changed."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    projects = list(followed_projects())
    ids = [p.pk for p in projects]
    activities = _activities(ids)
    titles = dict(Activity.objects.filter(project_id__in=ids).values_list("pk", "title"))
    people: dict[int, list[User]] = {}
    opened = closed = 0
    for project in projects:
        if project.programme_id not in people:
            people[project.programme_id] = recipients(project.programme)
        new, gone = check_project(
            project,
            activities[project.pk],
            today=today,
            now=now,
            people=people[project.programme_id],
            activity_titles=titles,
        )
        opened, closed = opened + len(new), closed + gone
    closed += Alert.objects.filter(closed_at__isnull=True).exclude(project_id__in=ids).update(closed_at=now)
    return {"projects": len(projects), "opened": opened, "closed": closed}


# --- acknowledgement -----------------------------------------------------------------------------------------


@transaction.atomic
def acknowledge_alert(actor, alert: Alert, note: str) -> Alert:
    """Record that the committee has seen ``alert``, with a required note; once per alert."""
    collectivity = alert.project.programme.collectivity
    require(actor, HANDLE, collectivity)
    note = clean_text(
        note, "note", max_length=NOTE_MAX_LENGTH, empty=gettext_noop("Say what is being done about this alert.")
    )
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.acknowledged_at is not None:
        raise ValidationError(_("This alert was already acknowledged."))
    locked.acknowledged_at = timezone.now()
    locked.acknowledged_by = actor
    locked.acknowledgement = note
    locked.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement"])
    audit.record(
        actor,
        "alert.acknowledge",
        alert.project,
        collectivity=collectivity,
        kind=locked.kind,
        note=note,
    )
    return locked
