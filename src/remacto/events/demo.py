"""Demo data of the events: the four meetings the source documents describe, with their real agendas (Saïdia
2024, Errachidia 2022, Marrakech 2023, Tétouan 2025), and the training catalogue on the seeds' topics.

What the seeds do not say is left empty (the Errachidia and Marrakech agendas are not in them: one item each says
what the meeting was for). The training sessions other than the 2022 remote workshop are made up and marked as
sample data (``is_sample``), dated in the coming months so that registration can be tried. Idempotent: an event
is found again by its title and first day, and its agenda is rebuilt.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from remacto.territories.models import Region

from .models import AgendaItem, Category, Event, Kind, Level, Mode, Speaker, Topic

T = datetime.time.fromisoformat
D = datetime.date.fromisoformat

DGCT = "المديرية العامة للجماعات الترابية"

SAIDIA = {
    "title": "ملتقى الشبكة المغربية للجماعات الترابية المنفتحة",
    "level": Level.NATIONAL,
    "region": "02",
    "theme": "ترسيخ مبادئ الانفتاح بالجماعات الترابية المنفتحة من أجل تنمية محلية دامجة ومستدامة",
    "starts_on": D("2024-11-12"),
    "ends_on": D("2024-11-13"),
    "start_time": T("09:00"),
    "end_time": T("17:00"),
    "place": "فندق وازيس، السعيدية",
    "organisers": DGCT,
    "partners": "وزارة الانتقال الرقمي وإصلاح الإدارة، جمعية جهات المغرب، برنامج دعم الحكومات المنفتحة الفرنكوفونية "
    "(PAGOF)، عمالة إقليم بركان والمجلس الإقليمي واللجنة المنظمة",
    "categories": [Category.ELECTED, Category.STAFF, Category.ADVISORY_BODY, Category.PARTNER],
    "expected_headcount": 350,
    "recommendations": "قُدمت مخرجات الورشات الأربع والتوصيات في الجلسة الختامية للملتقى.",
    "agenda": [
        (
            "2024-11-12",
            "09:00",
            None,
            "تقديم مبادرة الشراكة من أجل الحكومة المنفتحة وحصيلة برنامج دعم الجماعات الترابية المنفتحة",
            "",
            [],
        ),
        (
            "2024-11-12",
            "11:00",
            None,
            "الاحتفاء بانخراط أربع جهات وجماعة في مبادرة الشراكة من أجل الحكومة المحلية المنفتحة",
            "",
            [],
        ),
        ("2024-11-12", "12:00", None, "زيارة معرض المشاريع وخدمة الدعم والمساعدة", "", []),
        ("2024-11-13", "09:30", None, "التواصل في خدمة انفتاح الجماعة الترابية", "الورشات الموضوعاتية", []),
        ("2024-11-13", "09:30", None, "منهجية وضع وتقييم مشاريع الانفتاح", "الورشات الموضوعاتية", []),
        ("2024-11-13", "09:30", None, "المشاركة المواطنة والتعاون بين الفاعلين المحليين", "الورشات الموضوعاتية", []),
        ("2024-11-13", "09:30", None, "دعم تشبيك الجماعات الترابية", "الورشات الموضوعاتية", []),
        ("2024-11-13", "15:00", None, "تقديم مخرجات الورشات والتوصيات واختتام الملتقى", "", []),
    ],
}

ERRACHIDIA = {
    "title": "لقاء توافقي حول برنامج دعم الجماعات الترابية المنفتحة بجهة درعة تافيلالت",
    "level": Level.REGIONAL,
    "region": "08",
    "theme": "",
    "starts_on": D("2022-12-15"),
    "ends_on": D("2022-12-15"),
    "start_time": T("10:00"),
    "end_time": T("13:00"),
    "place": "مقر ولاية جهة درعة تافيلالت، الرشيدية",
    "organisers": DGCT,
    "partners": "",
    "categories": [Category.ELECTED, Category.FOCAL_POINT, Category.STAFF],
    "expected_headcount": None,
    "recommendations": "",
    "agenda": [
        (
            "2022-12-15",
            "10:00",
            "13:00",
            "التعريف ببرنامج دعم الجماعات الترابية المنفتحة لدى الجماعات المنخرطة بالجهة وتحديد المحاور ذات الأولوية",
            "",
            [],
        ),
    ],
}

MARRAKECH = {
    "title": "لقاء تواصلي حول البرنامج بجهة مراكش-آسفي",
    "level": Level.REGIONAL,
    "region": "07",
    "theme": "",
    "starts_on": D("2023-01-14"),
    "ends_on": D("2023-01-14"),
    "start_time": T("10:00"),
    "end_time": T("13:00"),
    "place": "مراكش",
    "organisers": DGCT,
    "partners": "",
    "categories": [Category.ELECTED, Category.FOCAL_POINT, Category.STAFF],
    "expected_headcount": None,
    "recommendations": "",
    "description": "الجماعات المعنية: جهة مراكش-آسفي، جماعة السعادة، جماعة ابن جرير، جماعة آسفي، جماعة تحناوت، "
    "جماعة الصويرة، جماعة مراكش.",
    "agenda": [
        (
            "2023-01-14",
            "10:00",
            "13:00",
            "تقديم البرنامج الوطني لدعم الجماعات الترابية المنفتحة لجهة مراكش-آسفي "
            "وجماعات السعادة وابن جرير وآسفي وتحناوت والصويرة ومراكش",
            "",
            [],
        ),
    ],
}

TETOUAN = {
    "title": "اللقاء الجهوي حول الميزانية التشاركية بجهة طنجة تطوان الحسيمة",
    "level": Level.REGIONAL,
    "region": "01",
    "theme": "الميزانية التشاركية: آلية لتعزيز مبادئ الانفتاح على مستوى الجماعات الترابية",
    "starts_on": D("2025-05-22"),
    "ends_on": D("2025-05-22"),
    "start_time": T("09:30"),
    "end_time": T("14:00"),
    "place": "تطوان",
    "organisers": DGCT,
    "partners": "الصندوق الأندلسي للبلديات من أجل التضامن الدولي (FAMSI)، فيدرالية ANMAR",
    "categories": [Category.ELECTED, Category.FOCAL_POINT, Category.ADVISORY_BODY, Category.PARTNER],
    "expected_headcount": 100,
    "recommendations": "",
    "description": "لفائدة الجماعات الترابية التسع والعشرين الأعضاء في الشبكة بالجهة، في إطار مشروع «المشاركة "
    "المواطنة: حكومات محلية منفتحة».",
    "agenda": [
        ("2025-05-22", "09:30", "10:00", "استقبال وتسجيل المشاركين", "", []),
        ("2025-05-22", "10:00", "10:30", "كلمات افتتاحية", "", []),
        (
            "2025-05-22",
            "10:30",
            "11:30",
            "عرض حول الدينامية الدولية والوطنية للشراكة من أجل الحكومة المنفتحة (OGP)",
            "",
            [("طارق النشناس", "الممثل الجهوي لإفريقيا والشرق الأوسط", "OGP")],
        ),
        (
            "2025-05-22",
            "10:30",
            "11:30",
            "عرض حول الميزانية التشاركية كآلية لتعزيز الانفتاح على مستوى الجماعات الترابية",
            "",
            [("فتحية زبيبي", "رئيسة قسم بقطب التعاون والتوثيق", DGCT)],
        ),
        (
            "2025-05-22",
            "10:30",
            "11:30",
            "عرض حول تمفصلات الميزانية التشاركية وميزانية الجماعات الترابية",
            "",
            [("هاجر بن المدني", "إطار بمديرية ميزانية الجماعات الترابية", DGCT)],
        ),
        (
            "2025-05-22",
            "10:30",
            "11:30",
            "عرض حول الديمقراطية التشاركية والشباب بجماعة طوري دون خيمينو بإقليم خاين",
            "",
            [("فرانسيسكو كامارا", "", "طوري دون خيمينو")],
        ),
        ("2025-05-22", "11:30", "11:45", "نقاش مع المشاركين", "", []),
        ("2025-05-22", "11:45", "12:15", "استراحة شاي", "", []),
        ("2025-05-22", "12:15", "13:45", "ورشة 1: عرض تجربة الميزانية التشاركية بجماعتي تطوان والعرائش", "الورشات", []),
        (
            "2025-05-22",
            "12:15",
            "13:45",
            "ورشة 2: عرض تجربة الميزانية التشاركية بجماعتي شفشاون والحسيمة",
            "الورشات",
            [],
        ),
        ("2025-05-22", "13:45", "14:00", "تقديم الخلاصات واختتام اللقاء", "", []),
        ("2025-05-22", "14:00", None, "وجبة غداء", "", []),
    ],
}

SEED_EVENTS = [SAIDIA, ERRACHIDIA, MARRAKECH, TETOUAN]

# The training catalogue: (topic, title, audience, trainer, mode, days from today or a real date, sample?)
TRAININGS = [
    (
        Topic.OPENNESS,
        "ورشة تكوينية عن بعد حول مبادئ ومنهجية الانفتاح",
        "الجماعات الترابية أعضاء الشبكة",
        DGCT,
        Mode.REMOTE,
        D("2022-12-20"),
        False,
    ),
    (
        Topic.PETITIONS,
        "إعداد وإيداع العرائض",
        "أعضاء المجلس، أطر الجماعة، الهيئة، جمعيات المجتمع المدني، المتمدرسون",
        "فريق الشبكة",
        Mode.IN_PERSON,
        30,
        True,
    ),
    (
        Topic.INFORMATION,
        "الحق في الحصول على المعلومات",
        "أعضاء المجلس، أطر الجماعة، الهيئة، جمعيات المجتمع المدني",
        "فريق الشبكة",
        Mode.REMOTE,
        45,
        True,
    ),
    (
        Topic.PARTICIPATORY_DEMOCRACY,
        "الديمقراطية التشاركية",
        "أعضاء المجلس، أطر الجماعة، الهيئة، جمعيات المجتمع المدني، المتدربون",
        "فريق الشبكة",
        Mode.IN_PERSON,
        60,
        True,
    ),
    (
        Topic.ADVISORY_BODIES,
        "كيفية اشتغال وتتبع وتقييم هيئات المساواة وتكافؤ الفرص ومقاربة النوع وتدبير آرائها الاستشارية",
        "المنتخبون ونقط الارتكاز",
        "FAMSI",
        Mode.IN_PERSON,
        75,
        True,
    ),
    (
        Topic.FACILITATION,
        "تقنيات تنشيط الورشات متعددة الفاعلين",
        "المنتخبون ونقط الارتكاز بجهتي طنجة-تطوان-الحسيمة والشرق",
        "FAMSI",
        Mode.IN_PERSON,
        90,
        True,
    ),
]


def _event(values: dict, **extra) -> Event:
    region = Region.objects.filter(code=values.get("region")).first() if values.get("region") else None
    fields = {
        key: values.get(key, "")
        for key in ("level", "theme", "ends_on", "start_time", "end_time", "place", "organisers", "partners")
    }
    fields.update(
        region=region,
        categories=[str(c) for c in values.get("categories", [])],
        expected_headcount=values.get("expected_headcount"),
        recommendations=values.get("recommendations", ""),
        description=values.get("description", ""),
        registration_open=values["starts_on"] >= timezone.localdate(),
        **extra,
    )
    event, _created = Event.objects.update_or_create(
        title=values["title"], starts_on=values["starts_on"], defaults=fields
    )
    return event


def _agenda(event: Event, rows) -> None:
    AgendaItem.objects.filter(event=event).delete()
    for position, (day, start, end, title, group, speakers) in enumerate(rows, start=1):
        item = AgendaItem.objects.create(
            event=event,
            day=D(day),
            starts_at=T(start),
            ends_at=T(end) if end else None,
            title=title,
            parallel_group=group,
            position=position,
        )
        Speaker.objects.bulk_create(
            Speaker(item=item, name=name, role=role, organisation=org, position=rank)
            for rank, (name, role, org) in enumerate(speakers)
        )


@transaction.atomic
def load_demo() -> list[Event]:
    """Create or refresh the seed events and the training catalogue; returns them."""
    loaded = []
    for values in SEED_EVENTS:
        event = _event(values, kind=Kind.MEETING)
        _agenda(event, values["agenda"])
        loaded.append(event)
    today = timezone.localdate()
    for topic, title, audience, trainer, mode, when, sample in TRAININGS:
        starts_on = when if isinstance(when, datetime.date) else _sample_day(today, when)
        values = {
            "title": title,
            "level": Level.NATIONAL,
            "starts_on": starts_on,
            "ends_on": starts_on,
            "start_time": T("09:30"),
            "end_time": T("13:00"),
            "place": "عن بعد" if mode == Mode.REMOTE else "مقر الجماعة، ابن جرير",
            "organisers": DGCT,
            "categories": [
                Category.ELECTED,
                Category.FOCAL_POINT,
                Category.STAFF,
                Category.ADVISORY_BODY,
                Category.CIVIL_SOCIETY,
            ],
        }
        event = _sample_training(values, topic, audience, trainer, mode, sample)
        loaded.append(event)
    return loaded


def _sample_day(today: datetime.date, days: int) -> datetime.date:
    """A stable made-up date: the first Tuesday at least ``days`` days away, so that reruns the same week agree."""
    day = today + datetime.timedelta(days=days)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def _sample_training(values, topic, audience, trainer, mode, sample) -> Event:
    existing = Event.objects.filter(kind=Kind.TRAINING, topic=topic, title=values["title"]).first()
    if existing is not None:
        values["starts_on"] = values["ends_on"] = existing.starts_on  # keeps the date it was given: idempotent
    return _event(
        values,
        kind=Kind.TRAINING,
        topic=topic,
        audience=audience,
        trainer=trainer,
        mode=mode,
        is_sample=sample,
        capacity=30 if sample else None,
    )
