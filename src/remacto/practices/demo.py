"""Demo data of the good-practice library: three published practices drawn from what the network's documents tell
of its members (Ben Guerir's co-created programme, Zagora's workshop with its equality advisory body, participatory
budgeting in Chefchaouen). The facts come from those documents; the wording of the summaries, the results and
the contact are written for the demo, so every practice is marked as sample data (``is_sample``).

Run by ``manage.py load_demo``; each practice is found again by its member and title, so running it twice creates
nothing twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from remacto.territories.models import Collectivity

from .models import Practice, PracticeAxis, PracticeProject

CONTACT = "نقطة الارتكاز (معطيات تجريبية)"

PRACTICES = [
    {
        "member": ("Ben Guerir", Collectivity.Kind.COMMUNE),
        "title": "برنامج انفتاح معد بشكل مشترك: من ورشة الأفكار إلى ستة مشاريع",
        "summary": (
            "ورشة حضورية للإعداد المشترك (14 مقترحا) وأسبوع للتشاور الرقمي (9 مقترحات)، ثم لجنة تتبع فرزت الأفكار "
            "وحولت المقبولة منها إلى ستة مشاريع انفتاح في ثلاثة محاور."
        ),
        "description": (
            "- 14 يناير 2023: لقاء تواصلي لتقديم البرنامج.\n"
            "- 13 أبريل 2023: ورشة حضورية للإعداد المشترك لجمع الأفكار.\n"
            "- أسبوع للتشاور الرقمي عبر المنصة الرقمية للانفتاح.\n"
            "- 11 ماي 2023: أول اجتماع للجنة التتبع لفرز الأفكار، ثم 5 يونيو: تحويل الأفكار المقبولة إلى مشاريع.\n"
            "- 13 يوليوز 2023: ورشة تشاورية ثانية حول مسودة البرنامج."
        ),
        "results": "ستة مشاريع بميزانية إجمالية قدرها 260.000 درهم، تنفذ بمشاركة الجمعيات المدعمة من طرف الجماعة.",
        "started_on": datetime.date(2023, 1, 14),
        "ended_on": datetime.date(2023, 9, 14),
        "principles": ("serves_participation", "serves_information", "serves_digitalisation"),
        "axes": [
            (
                "المشاركة المواطنة",
                ("serves_participation",),
                [
                    "تعبئة المجتمع المدني ودعم قدراته من أجل تحسين مشاركته عن طريق تقديم العرائض",
                    "تعزيز المشاركة المواطنة عبر تقوية قدرات هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
                    "تشجيع الديمقراطية التشاركية",
                ],
            ),
            ("حق الحصول على المعلومة", ("serves_information",), ["تجويد حق الحصول على المعلومات"]),
            (
                "الرقمنة",
                ("serves_digitalisation",),
                ["تشجيع الولوج إلى الفضاء الرقمي", "تفعيل وتجويد الرقمنة داخل الإدارة"],
            ),
        ],
    },
    {
        "member": ("Zagora", Collectivity.Kind.COMMUNE),
        "title": "ورشة إعداد مشترك مع هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
        "summary": (
            "ورشة صباحية بمقر الجماعة: تقديم الشبكة والجدولة الزمنية والمحاور الأولية، ثم أربع ورشات موازية، "
            "ورشة لكل محور، وعرض النتائج في جلسة عامة."
        ),
        "description": (
            "يوم 1 يونيو 2023 بقاعة الاجتماعات بمقر الجماعة، بمشاركة أعضاء الهيئة الاستشارية المحدثة لدى المجلس.\n\n"
            "- 09:30: كلمة الافتتاح وتقديم الشبكة والبرنامج والمحاور الأولية.\n"
            "- 10:00–11:30: أربع ورشات موازية، واحدة لكل محور.\n"
            "- 11:30–12:20: عرض النتائج."
        ),
        "results": "مقترحات لكل محور تغذي مسودة البرنامج التي يعرضها المجلس للتشاور قبل المصادقة عليها.",
        "started_on": datetime.date(2023, 6, 1),
        "ended_on": datetime.date(2023, 6, 1),
        "principles": ("serves_participation", "serves_transparency"),
        "axes": [
            ("التعاون والشراكة", ("serves_participation",), []),
            ("الحكامة الترابية الجيدة", ("serves_transparency",), []),
            ("التواصل الخارجي", ("serves_information",), []),
            ("الديمقراطية التشاركية", ("serves_participation",), []),
        ],
    },
    {
        "member": ("Chefchaouen", Collectivity.Kind.COMMUNE),
        "title": "الميزانية التشاركية: آلية لتعزيز مبادئ الانفتاح",
        "summary": (
            "ميزانية تشاركية تطلقها الجماعة كآلية من آليات الحوار والتشاور، وتتقاسم تجربتها مع جماعات الجهة "
            "في اللقاء الجهوي بتطوان."
        ),
        "description": (
            "الميزانية التشاركية من الآليات التشاركية للحوار والتشاور (الفصل 139 من الدستور والقوانين التنظيمية "
            "للجماعات الترابية).\n\n"
            "- عرض التجربة في ورشة اللقاء الجهوي حول الميزانية التشاركية (تطوان، 22 ماي 2025).\n"
            "- يمكن إدراج الميزانية التشاركية كمشروع من مشاريع برنامج الانفتاح."
        ),
        "results": "تجربة تتقاسمها الجماعة مع جماعات الجهة الأعضاء في الشبكة.",
        "started_on": datetime.date(2024, 1, 1),
        "ended_on": None,
        "principles": ("serves_participation", "serves_transparency"),
        "axes": [
            (
                "المشاركة المواطنة",
                ("serves_participation",),
                ["إعداد دليل الميزانية التشاركية", "تنظيم التصويت على المشاريع المقترحة"],
            ),
        ],
    },
]


@transaction.atomic
def load_demo() -> list[Practice]:
    """Create (or find again) the published sample practices; returns them."""
    loaded = []
    for data in PRACTICES:
        name_fr, kind = data["member"]
        collectivity = Collectivity.objects.filter(name_fr=name_fr, kind=kind, membership__isnull=False).first()
        if collectivity is None:
            continue
        practice, created = Practice.objects.get_or_create(
            collectivity=collectivity,
            title=data["title"],
            defaults={
                "summary": data["summary"],
                "description": data["description"],
                "results": data["results"],
                "started_on": data["started_on"],
                "ended_on": data["ended_on"],
                "contact_name": CONTACT,
                "status": Practice.Status.PUBLISHED,
                "published_at": timezone.now(),
                "is_sample": True,
                **{name: True for name in data["principles"]},
            },
        )
        if created:
            for n, (title, principles, projects) in enumerate(data["axes"], start=1):
                axis = PracticeAxis.objects.create(
                    practice=practice, order=n, title=title, **{name: True for name in principles}
                )
                PracticeProject.objects.bulk_create(
                    PracticeProject(axis=axis, order=m, title=t) for m, t in enumerate(projects, start=1)
                )
            practice.refresh_search_text()
            practice.save(update_fields=["search_text"])
        loaded.append(practice)
    return loaded
