"""Demo data of co-creation: Ben Guerir's 2023 cycle from ``data/ben_guerir_2023.json`` and an open 2026-2027
cycle to try the platform. Idempotent; run by ``manage.py load_demo`` after the demo accounts exist."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from remacto.accounts.models import User
from remacto.territories.models import Collectivity

from .models import (
    Activity,
    Axis,
    CommitteeMember,
    Idea,
    Meeting,
    Phase,
    PhaseChange,
    Programme,
    ProgrammePhase,
    Project,
)

DATA = Path(__file__).resolve().parent / "data" / "ben_guerir_2023.json"
PRINCIPLE_FIELD = {
    "citizen_participation": "serves_participation",
    "access_to_information": "serves_information",
    "digitalisation": "serves_digitalisation",
    "transparency_accountability": "serves_transparency",
}
MEETING_KINDS = {
    "information_meeting": Meeting.Kind.INFORMATION,
    "co_creation_workshop": Meeting.Kind.WORKSHOP,
    "committee_meeting": Meeting.Kind.COMMITTEE,
    "consultation_workshop": Meeting.Kind.CONSULTATION_WORKSHOP,
    "standing_committee_review": Meeting.Kind.STANDING_COMMITTEE,
    "council_session": Meeting.Kind.COUNCIL,
}
# Spelling slips of the source kept out of the pages (see the project's notes on the seeds).
SLIPS = {
    "اهيئات": "هيئات",
    "اطر الجماعة": "أطر الجماعة",
    "دور تكوينية": "دورات تكوينية",
    "الصادقة": "المصادقة",
    "الورش التشاوري": "الورشة التشاورية",
    "للإعداد المشتركة": "للإعداد المشترك",
    "مراكش-اسفي": "مراكش-آسفي",
    "من اجل": "من أجل",
}
# What the source of the 2024-2025 cycle says and does not say, shown at the top of its page.
SOURCE_NOTE = {
    "ar": (
        "أُدخلت هذه الدورة من عرض نقطة الارتكاز بتاريخ 14 شتنبر 2023. يذكر المصدر عدد الأفكار (14 في الورشة الحضورية "
        "و9 عبر المنصة الرقمية) دون نصها أو محورها أو قرار لجنة التتبع في كل منها، لذا فالأفكار المعروضة بيانات "
        "تجريبية. تأسست لجنة التتبع في 8 ماي 2023 واجتمعت ثلاث مرات، ولا يذكر المصدر أعضاءها ولا عدد الحاضرين في "
        "اللقاءات. كانت المصادقة مرتقبة في دورة أكتوبر 2023 للمجلس، ولا يذكر المصدر نتيجتها."
    ),
    "fr": (
        "Ce cycle est saisi d'après la présentation du point focal du 14 septembre 2023. La source donne le nombre "
        "d'idées (14 à l'atelier, 9 en ligne) mais ni leur texte, ni leur axe, ni la décision du comité de suivi sur "
        "chacune : les idées affichées sont des données d'exemple. Le comité de suivi a été constitué le 8 mai 2023 et "
        "s'est réuni trois fois ; la source ne nomme pas ses membres et ne donne pas le nombre de participants aux "
        "réunions. L'adoption était prévue à la session d'octobre 2023 du conseil ; la source n'en donne pas l'issue."
    ),
    "en": (
        "This cycle is entered from the focal point's presentation of 14 September 2023. The source gives the number "
        "of ideas (14 at the workshop, 9 online) but not their text, their axis or the follow-up committee's decision "
        "on each: the ideas shown are sample data. The follow-up committee was set up on 8 May 2023 and met three "
        "times; the source does not name its members or give attendance at the meetings. Adoption was planned for "
        "the council's October 2023 session; the source does not give its outcome."
    ),
}
SAMPLE_TITLE = "فكرة نموذجية رقم %d (بيانات تجريبية)"
SAMPLE_TEXT = "نص تجريبي: الوثيقة المصدر لا تذكر نص هذه الفكرة، بل عدد الأفكار فقط."


def _fix(text: str) -> str:
    for slip, right in SLIPS.items():
        text = text.replace(slip, right)
    return text


def _date(value):
    if isinstance(value, list):
        value = value[0]
    return datetime.date.fromisoformat(value) if value else None


def _at(value):
    day = _date(value)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0))) if day else None


def _axes(programme: Programme, axes: list[dict]) -> dict[str, Axis]:
    result = {}
    for row in axes:
        axis, _ = Axis.objects.update_or_create(
            programme=programme,
            order=row["order"],
            defaults={
                "title_ar": row["name_ar"],
                "title_en": row["name_en"],
                "title_fr": {
                    "citizen_participation": "Participation citoyenne",
                    "access_to_information": "Droit d'accès à l'information",
                    "digitalisation": "Digitalisation",
                }[row["principle"]],
                PRINCIPLE_FIELD[row["principle"]]: True,
            },
        )
        result[row["id"]] = axis
    return result


def _meetings(programme: Programme, events: list[dict], axes) -> dict[str, Meeting]:
    result = {}
    for row in events:
        kind = MEETING_KINDS.get(row["kind"])
        if kind is None:
            continue
        meeting, _ = Meeting.objects.update_or_create(
            programme=programme,
            title_ar=_fix(row["title_ar"]),
            defaults={"kind": kind, "title_en": row.get("title_en", ""), "starts_at": _at(row.get("date"))},
        )
        result[row["id"]] = meeting
    return result


def _projects(programme: Programme, rows: list[dict], axes) -> None:
    for row in rows:
        project, _ = Project.objects.update_or_create(
            programme=programme,
            axis=axes[row["axis_ref"]],
            order=row["number_in_axis"] or row["order"],
            defaults={
                "title_ar": _fix(row.get("title_ar_corrected") or row["title_ar"]),
                "title_en": row["title_en"],
                "budget": Decimal(row["budget_mad"]),
                "starts_on": _date(row["start_date"]),
                "ends_on": _date(row["end_date"]),
                "funding_source": "الميزانية الذاتية للجماعة",
                "status": Project.Status.DRAFT,
                **{PRINCIPLE_FIELD[p]: True for p in row["principles"]},
            },
        )
        project.activities.all().delete()
        Activity.objects.bulk_create(
            Activity(
                project=project,
                order=a["order"],
                title=_fix(a["text_ar"]),
                target_groups=_fix("، ".join(g["text_ar"] for g in a.get("target_groups", []))),
            )
            for a in row["activities"]
        )


def _sample_ideas(programme: Programme, workshop: Meeting, by_channel: list[dict], recorder) -> None:
    """Placeholders for the ideas the source counts; it says the committee triaged them, not what it decided."""
    if programme.ideas.exists():
        programme.ideas.filter(is_sample=True, status=Idea.Status.SUBMITTED).update(status=Idea.Status.UNRECORDED)
        return
    number = 0
    for block in by_channel:
        for _ in range(block["count"]):
            number += 1
            Idea.objects.create(
                programme=programme,
                title=SAMPLE_TITLE % number,
                problem=SAMPLE_TEXT,
                solution=SAMPLE_TEXT,
                channel=block["channel"],
                workshop=workshop if block["channel"] == "workshop" else None,
                recorded_by=recorder if block["channel"] == "workshop" else None,
                status=Idea.Status.UNRECORDED,
                is_sample=True,
            )


def _phase_dates(programme: Programme, dates: dict) -> None:
    for phase, value in dates.items():
        if phase not in Phase.values or value is None:
            continue
        starts, ends = (value[0], value[-1]) if isinstance(value, list) else (value, None)
        ProgrammePhase.objects.update_or_create(
            programme=programme, phase=phase, defaults={"starts_on": _date(starts), "ends_on": _date(ends)}
        )


def _ben_guerir_2023(collectivity, focal_point) -> Programme:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    cycle = data["cycle"]
    programme, created = Programme.objects.update_or_create(
        collectivity=collectivity,
        cycle="2024-2025",
        defaults={
            "title_ar": cycle["programme_title_ar"],
            "title_en": cycle["programme_title_en"],
            "title_fr": "Programme d'action d'ouverture",
            "phase": Phase.ADOPTION,
            "implementation_start": _date(cycle["implementation_start"]),
            "implementation_end": _date(cycle["implementation_end"]),
            "implementation_note_ar": cycle["implementation_note_ar"].replace("المدعة", "المدعمة"),
            "implementation_note_en": cycle["implementation_note_en"],
            **{f"description_{language}": note for language, note in SOURCE_NOTE.items()},
        },
    )
    _phase_dates(programme, cycle["phase_dates"])
    axes = _axes(programme, data["axes"])
    meetings = _meetings(programme, data["events"], axes)
    _projects(programme, data["projects"], axes)
    _sample_ideas(programme, meetings["bg-ev-02"], data["ideas"]["by_channel"], focal_point)
    if created:
        for before, after in zip(Phase.values, Phase.values[1 : Phase.order(Phase.ADOPTION) + 1], strict=False):
            PhaseChange.objects.create(programme=programme, from_phase=before, to_phase=after, actor=focal_point)
    return programme


def _open_cycle(collectivity, committee_user) -> Programme:
    today = timezone.localdate()
    programme, created = Programme.objects.get_or_create(
        collectivity=collectivity,
        cycle="2026-2027",
        defaults={
            "title_ar": "برنامج عمل الانفتاح",
            "title_fr": "Programme d'action d'ouverture",
            "title_en": "Openness action programme",
            "description_ar": "دورة تجريبية لعرض المنصة: البيانات هنا للتجربة فقط.",
            "description_fr": "Cycle de démonstration : les données sont fictives.",
            "description_en": "Demo cycle: the data here is for trying the platform only.",
            "phase": Phase.IDEAS,
        },
    )
    if created:
        ProgrammePhase.objects.create(
            programme=programme, phase=Phase.IDEAS, starts_on=today, ends_on=today + datetime.timedelta(days=30)
        )
        for order, (key, ar, fr, en) in enumerate(
            [
                ("citizen_participation", "المشاركة المواطنة", "Participation citoyenne", "Citizen participation"),
                (
                    "access_to_information",
                    "الحق في الحصول على المعلومات",
                    "Accès à l'information",
                    "Access to information",
                ),
                ("digitalisation", "الرقمنة", "Digitalisation", "Digitalisation"),
            ],
            start=1,
        ):
            Axis.objects.create(
                programme=programme, order=order, title_ar=ar, title_fr=fr, title_en=en, **{PRINCIPLE_FIELD[key]: True}
            )
        Meeting.objects.create(
            programme=programme,
            kind=Meeting.Kind.WORKSHOP,
            title_ar="ورشة الإعداد المشترك (تجريبية)",
            title_fr="Atelier de co-création (démonstration)",
            starts_at=_at((today + datetime.timedelta(days=7)).isoformat()),
            place="قاعة الاجتماعات، مقر الجماعة",
            registration_open=True,
            capacity=60,
        )
        CommitteeMember.objects.create(
            programme=programme,
            user=committee_user,
            name=committee_user.display_name,
            kind=CommitteeMember.Kind.CIVIL_SOCIETY,
            affiliation="جمعية محلية (تجريبية)",
        )
    return programme


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir") -> list[Programme]:
    """Create or refresh the demo programmes of the demo commune."""
    collectivity = Collectivity.objects.get(slug=collectivity_slug)
    focal_point = User.objects.get(email="focal@demo.remacto.ma")
    committee_user = User.objects.get(email="committee@demo.remacto.ma")
    return [_ben_guerir_2023(collectivity, focal_point), _open_cycle(collectivity, committee_user)]
