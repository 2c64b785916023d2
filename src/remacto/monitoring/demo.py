"""Demo data of monitoring: Ben Guerir's adopted 2024-2025 programme about ten months into its implementation,
with a plausible history marked as sample data (``is_sample``).

Run by ``manage.py load_demo`` after :mod:`remacto.cocreation.demo`, which sets the programme back to its
adoption phase and rebuilds the projects' activities on every run: this module moves the programme into its
implementation again and dates everything from its adoption (recorded once), so running it twice creates
nothing twice. The history is consistent with the alert rules: exactly one is met (an activity past its end date,
whose alert is open); spending and progress never diverge by more than 25 points, every project under way has
an update from the last 60 days and no project spends above its budget. One project is finished, with a
published co-evaluation (citizens' answers and two committee scorecards).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from remacto.accounts.models import User
from remacto.cocreation.models import (
    Activity,
    Adoption,
    Indicator,
    Phase,
    PhaseChange,
    Programme,
    ProgrammePhase,
    Project,
)

from .models import (
    ActivityStatus,
    Alert,
    CitizenAnswer,
    Evaluation,
    IndicatorValue,
    Observation,
    ProgressUpdate,
    Score,
    Scorecard,
    SpendingLine,
)
from .services import evaluations

CYCLE = "2024-2025"
RESIDENTS = ["association@demo.remacto.ma", "advisory@demo.remacto.ma"]
"""Demo accounts answering the citizens' questionnaire, with the demo citizen."""
MONTHS_IN = 10
"""How far into its implementation the demo programme is, on the day the demo is first loaded."""

UNITS = [
    "قسم الشؤون الاجتماعية والثقافية والرياضية",
    "مصلحة التواصل والعلاقات العامة",
    "قسم الشؤون الإدارية",
    "مصلحة الشراكة والتعاون",
    "مصلحة المعلوميات",
    "مصلحة الميزانية والمحاسبة",
]
NARRATIVES = [
    "انطلاق المشروع: اجتماع تنسيقي مع المصالح المعنية وإعداد دفتر التحملات.",
    "إطلاق الاستشارة وتوقيع سند الطلب مع مقدم الخدمة.",
    "تنظيم الدورة الأولى بحضور جمعيات المجتمع المدني وأطر الجماعة.",
    "إنجاز القسط الثاني من الأنشطة ونشر حصيلتها على المنصة.",
    "تقييم الأنشطة المنجزة مع لجنة التتبع وتعديل البرمجة.",
    "استكمال الأنشطة المبرمجة وتسليم الوثائق النهائية.",
]


@dataclass(frozen=True)
class Plan:
    """What the demo says of one project: its progress after each update, and spent shares of its budget."""

    progress: tuple[int, ...]
    committed: int
    paid: int
    indicator: tuple[str, str, int]
    late_activity: bool = False

    @property
    def finished(self) -> bool:
        return self.progress[-1] == 100


PLANS = [
    Plan((20, 55, 85, 100), committed=95, paid=92, indicator=("عدد العرائض المودعة", "عريضة", 6)),
    Plan((10, 25, 40, 50, 60), committed=65, paid=50, indicator=("عدد المستفيدين من التكوين", "مستفيد", 120)),
    Plan((15, 25, 35), committed=40, paid=25, indicator=("عدد اللقاءات المنظمة", "لقاء", 8), late_activity=True),
    Plan((10, 30, 40, 45), committed=50, paid=40, indicator=("عدد الوثائق المنشورة", "وثيقة", 40)),
    Plan((5, 15, 20), committed=25, paid=10, indicator=("عدد زوار البوابة", "زائر", 5000)),
    Plan((10, 25, 40, 55, 65, 70), committed=75, paid=60, indicator=("عدد الجمعيات المشاركة", "جمعية", 30)),
]


def _first_of_next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _adoption(programme: Programme) -> Adoption:
    """The council's adoption, recorded once: every date of the demo is counted from it."""
    session = timezone.localdate() - datetime.timedelta(days=MONTHS_IN * 30 + 45)
    adoption, _ = Adoption.objects.get_or_create(
        programme=programme,
        defaults={
            "session_date": session,
            "deliberation_number": f"{session.month:02d}/{session.year} (تجريبي)",
            "votes_for": 27,
            "votes_against": 0,
            "votes_abstain": 2,
        },
    )
    return adoption


def _into_implementation(programme: Programme, start: datetime.date, end: datetime.date) -> None:
    programme.phase = Phase.IMPLEMENTATION
    programme.implementation_start, programme.implementation_end = start, end
    programme.save(update_fields=["phase", "implementation_start", "implementation_end", "updated_at"])
    ProgrammePhase.objects.update_or_create(
        programme=programme, phase=Phase.IMPLEMENTATION, defaults={"starts_on": start, "ends_on": end}
    )
    if not programme.phase_changes.filter(to_phase=Phase.IMPLEMENTATION).exists():
        PhaseChange.objects.create(programme=programme, from_phase=Phase.ADOPTION, to_phase=Phase.IMPLEMENTATION)


def _update_dates(start: datetime.date, now: datetime.date, count: int, last_days_ago: int) -> list[datetime.date]:
    """``count`` dates spread from a month after ``start`` to ``last_days_ago`` days before ``now``."""
    first, last = start + datetime.timedelta(days=30), now - datetime.timedelta(days=last_days_ago)
    step = (last - first) / max(count - 1, 1)
    return [first + step * i for i in range(count)]


def _history(project: Project, plan: Plan, start: datetime.date, now: datetime.date, author) -> None:
    if project.progress_updates.filter(is_sample=True).exists():
        return
    last_days_ago = 45 if plan.finished else 12 + 5 * project.order
    dates = _update_dates(start, now, len(plan.progress), last_days_ago)
    for i, (day, progress) in enumerate(zip(dates, plan.progress, strict=True)):
        narrative = NARRATIVES[-1] if progress == 100 else NARRATIVES[i % (len(NARRATIVES) - 1)]
        ProgressUpdate.objects.create(
            project=project, reported_on=day, progress=progress, narrative=narrative, author=author, is_sample=True
        )


def _spending(project: Project, plan: Plan, start: datetime.date, now: datetime.date, author, number: int) -> None:
    if project.spending_lines.filter(is_sample=True).exists():
        return
    budget = project.budget
    committed = (budget * plan.committed / 100).quantize(Decimal("1"))
    paid = (budget * plan.paid / 100).quantize(Decimal("1"))
    first = start + datetime.timedelta(days=40)
    lines = [
        ("committed", committed, first, f"ENG-{first.year}-{number:03d}", "سند طلب: خدمات التكوين والتنشيط"),
        ("paid", (paid * Decimal("0.6")).quantize(Decimal("1")), first + datetime.timedelta(days=75), "", "دفعة أولى"),
    ]
    lines.append(("paid", paid - lines[1][1], now - datetime.timedelta(days=20 + project.order), "", "دفعة ثانية"))
    for i, (kind, amount, day, reference, label) in enumerate(lines, start=1):
        SpendingLine.objects.create(
            project=project,
            kind=kind,
            amount=amount,
            spent_on=day,
            reference=reference or f"OP-{day.year}-{number:03d}-{i}",
            label=label,
            entered_by=author,
            is_sample=True,
        )


def _indicator(project: Project, plan: Plan, start: datetime.date, now: datetime.date, author) -> None:
    name, unit, target = plan.indicator
    indicator, _ = Indicator.objects.get_or_create(
        project=project, name=name, defaults={"unit": unit, "baseline": Decimal(0), "target": Decimal(target)}
    )
    if indicator.values.filter(is_sample=True).exists():
        return
    updates = list(project.progress_updates.filter(is_sample=True).order_by("reported_on"))
    for update in updates[1:]:
        IndicatorValue.objects.create(
            indicator=indicator,
            measured_on=update.reported_on,
            value=(Decimal(target) * update.progress / 100).quantize(Decimal("1")),
            source="سجلات المصلحة المسؤولة",
            update=update,
            recorded_by=author,
            is_sample=True,
        )


def _activities(project: Project, plan: Plan, start: datetime.date, now: datetime.date, author) -> Activity | None:
    """Date the activities (rebuilt by the co-creation demo) and record their statuses; the late one, if any."""
    activities = list(project.activities.order_by("order", "id"))
    late = None
    for i, activity in enumerate(activities):
        first, last = i == 0, i == len(activities) - 1
        if plan.finished:
            begins = start if first else start + datetime.timedelta(days=90)
            ends = now - datetime.timedelta(days=60 if not last else 50)
            status, finished = ActivityStatus.Status.DONE, ends - datetime.timedelta(days=3)
        elif first and (len(activities) > 1 or plan.late_activity):
            begins = start
            ends = now - datetime.timedelta(days=20 if plan.late_activity else 60)
            status = ActivityStatus.Status.LATE if plan.late_activity else ActivityStatus.Status.DONE
            finished = None if plan.late_activity else ends - datetime.timedelta(days=5)
        else:
            begins = start + datetime.timedelta(days=0 if first else 120)
            ends = project.ends_on
            status, finished = ActivityStatus.Status.UNDER_WAY, None
        activity.starts_on, activity.ends_on = begins, ends
        activity.save(update_fields=["starts_on", "ends_on"])
        if not activity.statuses.exists():
            note = "تأخر بسبب إعادة طلب العروض" if status == ActivityStatus.Status.LATE else ""
            ActivityStatus.objects.create(
                activity=activity,
                status=status,
                started_on=begins + datetime.timedelta(days=7),
                finished_on=finished,
                note=note,
                recorded_by=author,
                is_sample=True,
            )
        if status == ActivityStatus.Status.LATE:
            late = activity
    return late


def _alert(programme: Programme, project: Project, activity: Activity) -> Alert:
    """The one open alert, as the scheduled check finds it: the activity is past its end date, not done."""
    alert, _ = Alert.objects.get_or_create(
        kind=Alert.Kind.ACTIVITY_LATE,
        project=project,
        activity=activity,
        closed_at=None,
        defaults={
            "details": {"ends_on": activity.ends_on.isoformat(), "activity": activity.title},
            "opened_at": _aware(activity.ends_on + datetime.timedelta(days=1), hour=6),
            "is_sample": True,
        },
    )
    Alert.objects.filter(project__programme=programme, is_sample=True, closed_at__isnull=True).exclude(
        pk=alert.pk
    ).delete()
    return alert


def _observation(project: Project, now: datetime.date, citizen, answerer) -> None:
    Observation.objects.get_or_create(
        project=project,
        author=citizen,
        is_sample=True,
        defaults={
            "text": "حضرت الدورة التكوينية الثانية بدار الشباب: كانت مفيدة لكن القاعة ضاقت بالحاضرين. "
            "هل ستُبرمج دورة أخرى للجمعيات التي لم تجد مكاناً؟",
            "place": "دار الشباب، ابن جرير",
            "answer": "شكراً على ملاحظتك. برمجنا دورة إضافية في الشهر المقبل بقاعة أوسع، "
            "وسيُعلن عن موعدها على صفحة المشروع.",
            "answered_by": answerer,
            "answered_at": _aware(now - datetime.timedelta(days=8)),
        },
    )


def _evaluation(programme: Programme, project: Project, now: datetime.date, people, scorers) -> Evaluation:
    criteria = list(programme.evaluation_criteria.order_by("order", "id")) or evaluations.create_default_criteria(
        programme
    )
    evaluation, _ = Evaluation.objects.get_or_create(
        project=project,
        defaults={
            "programme": programme,
            "opens_on": now - datetime.timedelta(days=40),
            "closes_on": now - datetime.timedelta(days=10),
            "summary": "رأى المشاركون أن المشروع حقق هدفه في التعريف بالعرائض، وأوصوا بنشر نماذج العرائض "
            "المودعة وبتكوين ثانٍ لفائدة الجمعيات الجديدة.",
            "published_at": _aware(now - datetime.timedelta(days=5)),
            "is_sample": True,
        },
    )
    for user, (satisfaction, useful, informed, comment) in zip(
        people,
        [
            (4, "yes", 4, "تكوين مفيد، وأتمنى أن يتكرر."),
            (5, "yes", 3, ""),
            (3, "partly", 3, "لم أعلم بالدورة إلا متأخراً."),
        ],
        strict=False,
    ):
        CitizenAnswer.objects.get_or_create(
            evaluation=evaluation,
            user=user,
            defaults={
                "satisfaction": satisfaction,
                "useful": useful,
                "informed": informed,
                "comment": comment,
                "is_sample": True,
            },
        )
    for member, ratings in zip(scorers, [(4, 4, 3, 3), (5, 4, 4, 3)], strict=False):
        scorecard, created = Scorecard.objects.get_or_create(
            evaluation=evaluation,
            member=member,
            defaults={"member_name": member.display_name, "comment": "عمل جيد يستحق التعميم.", "is_sample": True},
        )
        if created:
            Score.objects.bulk_create(
                Score(scorecard=scorecard, criterion=criterion, rating=rating)
                for criterion, rating in zip(criteria, ratings, strict=True)
            )
    return evaluation


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir") -> Programme:
    """Move the demo programme into its implementation and give its projects a sample history (idempotent)."""
    programme = Programme.objects.select_related("collectivity").get(collectivity__slug=collectivity_slug, cycle=CYCLE)
    focal_point = User.objects.get(email="focal@demo.remacto.ma")
    committee = User.objects.get(email="committee@demo.remacto.ma")
    citizen = User.objects.get(email="citizen@demo.remacto.ma")
    residents = [citizen, *User.objects.filter(email__in=RESIDENTS).order_by("email")]
    adoption = _adoption(programme)
    start = _first_of_next_month(adoption.session_date + datetime.timedelta(days=14))
    end = start.replace(year=start.year + 2) - datetime.timedelta(days=1)
    now = start + datetime.timedelta(days=MONTHS_IN * 30 + 4)  # the scenario's today: when first loaded
    _into_implementation(programme, start, end)
    projects = list(programme.projects.order_by("axis__order", "order", "id"))
    late = None
    for number, (project, plan) in enumerate(zip(projects, PLANS, strict=False), start=1):
        project.responsible_unit = project.responsible_unit or UNITS[(number - 1) % len(UNITS)]
        project.starts_on = start
        project.ends_on = now - datetime.timedelta(days=50) if plan.finished else end
        _history(project, plan, start, now, focal_point)
        project.progress = plan.progress[-1]
        project.status = Project.Status.COMPLETED if plan.finished else Project.Status.IN_PROGRESS
        project.save(update_fields=["responsible_unit", "starts_on", "ends_on", "progress", "status", "updated_at"])
        _spending(project, plan, start, now, focal_point, number)
        _indicator(project, plan, start, now, focal_point)
        activity = _activities(project, plan, start, now, focal_point)
        if activity is not None:
            late = (project, activity)
        if plan.finished:
            _evaluation(programme, project, now, residents, [committee, focal_point])
    if late is not None:
        _alert(programme, *late)
    if len(projects) > 1:
        _observation(projects[1], now, citizen, focal_point)
    return programme


def dashboard_path(programme: Programme, language: str = "ar") -> str:
    """The path of the programme's public monitoring dashboard, in ``language``."""
    return f"/{language}/members/{programme.collectivity.slug}/programme/{programme.cycle}/monitoring/"
