"""A programme with known numbers for the outputs tests (statistics, page, exports, PDF, API).

Visible ideas: 8 — online 4, workshop 3, paper 1; axis 1: 5, axis 2: 2, no axis: 1; accepted 2, merged 1,
rejected 1, awaiting 3+1. Authors with an account: 3 (a woman 18-29, a man 30-44, one who gave nothing).
One hidden idea (its author, a woman of 60+, is not counted). Attendance at public meetings: 17 women and 13
men; by age 2/6/5/4/1 and 12 not given; a committee meeting's attendance is not counted. Projects (not
cancelled): one per axis, 100,000 and 60,000 MAD; a cancelled one of 40,000 MAD is not counted.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from remacto.accounts.models import User
from remacto.cocreation.models import (
    Activity,
    Axis,
    Idea,
    Indicator,
    Meeting,
    Phase,
    PhaseChange,
    Programme,
    ProgrammePhase,
    Project,
    TriageDecision,
)

from ..conftest import make_user

HIDDEN_TITLE = "HIDDEN-IDEA-SPAM"
AUTHOR_EMAIL = "amina.author@example.ma"
AUTHOR_NAME = "Amina Secret-Name"


@dataclass
class Known:
    programme: Programme
    axis1: Axis
    axis2: Axis
    ideas: dict[str, Idea]
    hidden: Idea
    projects: dict[str, Project]
    authors: dict[str, User]


def _idea(programme, key, **fields) -> Idea:
    defaults = {"title": f"فكرة {key}", "problem": f"مشكلة {key}", "solution": f"حل {key}", "channel": "online"}
    return Idea.objects.create(programme=programme, **{**defaults, **fields})


def _decide(idea: Idea, decision: str, reason: str, merged_into: Idea | None = None) -> None:
    TriageDecision.objects.create(idea=idea, decision=decision, reason=reason, merged_into=merged_into)
    idea.status = decision
    idea.save(update_fields=["status"])


def build_known(commune, programme: Programme | None = None, axis: Axis | None = None, workshop=None) -> Known:
    """Create the known programme of ``commune`` (or fill the given programme, first axis and workshop)."""
    if programme is None:
        programme = Programme.objects.create(
            collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.IDEAS
        )
    if axis is None:
        axis = Axis.objects.create(programme=programme, order=1, title="المشاركة المواطنة", serves_participation=True)
    if workshop is None:
        workshop = Meeting.objects.create(
            programme=programme,
            kind=Meeting.Kind.WORKSHOP,
            title="ورشة",
            starts_at=timezone.now() - datetime.timedelta(days=1),
        )
    today = timezone.localdate()
    programme.title_fr = "Programme d'action d'ouverture"
    programme.description_ar = "برنامج **مشترك** مع المواطنات والمواطنين."
    programme.save()
    ProgrammePhase.objects.create(
        programme=programme,
        phase=Phase.INFORMATION,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=40),
    )
    ProgrammePhase.objects.create(
        programme=programme,
        phase=Phase.IDEAS,
        starts_on=today - datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=10),
    )
    PhaseChange.objects.create(programme=programme, from_phase=Phase.INFORMATION, to_phase=Phase.AXES)
    PhaseChange.objects.create(programme=programme, from_phase=Phase.AXES, to_phase=Phase.IDEAS)

    axis1 = axis
    axis1.title_fr = "Participation citoyenne"
    axis1.save()
    axis2 = Axis.objects.create(
        programme=programme,
        order=2,
        title="الرقمنة",
        title_fr="Digitalisation",
        serves_digitalisation=True,
        serves_information=True,
    )

    workshop.attendees_women, workshop.attendees_men = 12, 8
    workshop.attendees_under_18, workshop.attendees_18_29, workshop.attendees_30_44 = 2, 6, 5
    workshop.attendees_45_59, workshop.attendees_60_plus = 4, 1
    workshop.save()
    Meeting.objects.create(
        programme=programme,
        kind=Meeting.Kind.INFORMATION,
        title="لقاء تواصلي",
        attendees_women=5,
        attendees_men=5,
        starts_at=timezone.now() - datetime.timedelta(days=50),
    )
    Meeting.objects.create(
        programme=programme,
        kind=Meeting.Kind.COMMITTEE,
        title="اجتماع لجنة التتبع",
        attendees_women=3,
        attendees_men=4,
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )

    amina = make_user(AUTHOR_EMAIL, AUTHOR_NAME, gender="woman", age_band="18-29")
    omar = make_user("omar.author@example.ma", "Omar", gender="man", age_band="30-44")
    silent = make_user("silent.author@example.ma", "Silent")
    spammer = make_user("spammer@example.ma", "Spammer", gender="woman", age_band="60+")

    ideas = {
        "amina_accepted": _idea(programme, "1", author=amina, axis=axis1),
        "amina_waiting": _idea(programme, "2", author=amina, axis=axis1),
        "omar_rejected": _idea(programme, "3", author=omar, axis=axis2),
        "silent_merged": _idea(programme, "4", author=silent, axis=axis2),
        "workshop_accepted": _idea(programme, "5", channel="workshop", workshop=workshop, axis=axis1),
        "workshop_waiting": _idea(programme, "6", channel="workshop", workshop=workshop, axis=axis1),
        "workshop_waiting2": _idea(
            programme, "7", channel="workshop", workshop=workshop, axis=axis1, title='=HYPERLINK("http://x")'
        ),
        "paper": _idea(programme, "8", channel="paper", author_name="Paper Person"),
    }
    hidden = _idea(
        programme, "hidden", author=spammer, axis=axis1, title=HIDDEN_TITLE, is_hidden=True, hidden_reason="spam"
    )
    _decide(ideas["amina_accepted"], "accepted", "فكرة قابلة للتنفيذ.")
    _decide(ideas["workshop_accepted"], "accepted", "Idée retenue.")
    _decide(ideas["omar_rejected"], "rejected", "خارج اختصاص الجماعة.")
    _decide(ideas["silent_merged"], "merged", "نفس الفكرة.", merged_into=ideas["amina_accepted"])

    p1 = Project.objects.create(
        programme=programme,
        axis=axis1,
        order=1,
        title="منصة رقمية للمشاركة",
        title_fr="Plateforme de participation",
        problem="ضعف المشاركة",
        solution="منصة",
        budget=Decimal("100000"),
        serves_participation=True,
        result_trust=True,
        funding_source="الميزانية الذاتية",
        responsible_unit="مصلحة التواصل",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    p1.source_ideas.set([ideas["amina_accepted"], ideas["workshop_accepted"], hidden])
    Activity.objects.create(project=p1, order=1, title="ورشة تكوينية", target_groups="الجمعيات")
    Activity.objects.create(project=p1, order=2, title="إطلاق المنصة", starts_on=datetime.date(2026, 3, 1))
    Indicator.objects.create(project=p1, name="عدد المشاركين", unit="شخص", baseline=Decimal(0), target=Decimal(500))
    p2 = Project.objects.create(
        programme=programme,
        axis=axis2,
        order=1,
        title="نشر المعطيات",
        budget=Decimal("60000"),
        serves_information=True,
    )
    p3 = Project.objects.create(
        programme=programme,
        axis=axis1,
        order=2,
        title="مشروع ملغى",
        budget=Decimal("40000"),
        status=Project.Status.CANCELLED,
    )
    return Known(
        programme=programme,
        axis1=axis1,
        axis2=axis2,
        ideas=ideas,
        hidden=hidden,
        projects={"p1": p1, "p2": p2, "cancelled": p3},
        authors={"amina": amina, "omar": omar, "silent": silent, "spammer": spammer},
    )
