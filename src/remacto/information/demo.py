"""Demo data of access to information (law 31.13): five requests to the Ben Guerir commune, one in each state a
visitor should see, replayed through the services on the days they happened (``core.demo.on_day``), so that
their numbers, deadlines, history, notifications and audit entries are the platform's own.

- answered on time and published for everyone (without the requester's identity): the budget of the six projects
  of the 2024-2025 programme, with the figures of the demo scenario;
- received three working days ago, within its deadline;
- received on paper, its deadline extended with the reasons;
- received by email and refused on a legal reason (personal data, art. 7);
- answered, then complained about to the head of the collectivity, whose answer is due in a few days.

The demo information officer (``information@demo.remacto.ma``) is the commune's only one, so every request is put
in his charge. Requesters are the demo citizen and the demo association's admin (online) and two made-up people
(paper and email). Dates count back from the day the demo is first loaded; a request is found again by its subject,
so running it twice creates nothing twice.
"""

import datetime

from django.db import transaction

from remacto.accounts.demo import account
from remacto.cases import calendar
from remacto.core.demo import on_day, working_days_ago
from remacto.territories.models import Collectivity

from .models import InformationRequest
from .services import complaints, requests

CITIZEN = InformationRequest.RequesterKind.CITIZEN

BUDGET = {
    "subject": "توزيع ميزانية مشاريع برنامج عمل الانفتاح 2024-2025",
    "details": "أرجو موافاتي بالمبلغ المرصود لكل مشروع من المشاريع الست لبرنامج عمل الانفتاح للجماعة، ومصدر تمويله.",
    "requester_kind": CITIZEN,
}
BUDGET_ANSWER = (
    "رصدت الجماعة للمشاريع الست لبرنامج عمل الانفتاح 2024-2025 ما مجموعه 260.000 درهم من ميزانيتها الذاتية، "
    "موزعة كما يلي:\n"
    "- تعبئة المجتمع المدني ودعم قدراته من أجل تحسين مشاركته عن طريق تقديم العرائض: 30.000 درهم؛\n"
    "- تعزيز المشاركة المواطنة عبر تقوية قدرات هيئة المساواة وتكافؤ الفرص ومقاربة النوع: 40.000 درهم؛\n"
    "- تشجيع الديمقراطية التشاركية: 50.000 درهم؛\n"
    "- تجويد حق الحصول على المعلومات: 30.000 درهم؛\n"
    "- تشجيع الولوج إلى الفضاء الرقمي: 60.000 درهم؛\n"
    "- تفعيل وتجويد الرقمنة داخل الإدارة: 50.000 درهم.\n"
    "وتنجز هذه الأنشطة بمشاركة الجمعيات المدعمة من طرف الجماعة."
)
BUDGET_QUESTION = "ما هي الميزانية المرصودة لمشاريع برنامج عمل الانفتاح 2024-2025 للجماعة، وكيف توزع على المشاريع؟"

MINUTES = {
    "subject": "محاضر اجتماعات لجنة تتبع إعداد برنامج عمل الانفتاح",
    "details": "نسخ من محاضر الاجتماعات الثلاثة للجنة التتبع (11 ماي و5 يونيو و4 يوليوز 2023)، مع لوائح الحضور.",
    "requester_kind": CITIZEN,
}
MINUTES_ANSWER = (
    "اجتمعت لجنة التتبع ثلاث مرات: يوم 11 ماي 2023 لفرز الأفكار المقترحة وتصنيفها، ويوم 5 يونيو 2023 لبلورة "
    "الأفكار المقبولة إلى مشاريع للانفتاح، ويوم 4 يوليوز 2023 لوضع الصيغة النهائية لمسودة المشاريع. وتجدون هذه "
    "المراحل في صفحة البرنامج على المنصة."
)
MINUTES_COMPLAINT = (
    "اقتصر الجواب على تواريخ الاجتماعات وموضوعها، دون نسخ المحاضر ولوائح الحضور المطلوبة، ولم يذكر سببًا لحجبها."
)

TENDERS = {
    "subject": "دفاتر التحملات وسندات الطلب الخاصة بتهيئة المساحات الخضراء برسم سنتي 2024 و2025",
    "details": "نسخ من دفاتر التحملات وسندات الطلب ومحاضر التسلم المتعلقة بتهيئة وصيانة المساحات الخضراء بالمدينة.",
    "requester_kind": CITIZEN,
}
TENDERS_REQUESTER = ("عبد الرحيم الناصري", "ص.ب. 120، ابن جرير (عنوان تجريبي)")
TENDERS_EXTENSION = (
    "تتطلب المعلومات المطلوبة جمع وثائق من مصلحة الصفقات ومصلحة الميزانية والمحاسبة، وإخفاء المعطيات الشخصية "
    "الواردة فيها قبل تسليمها، وهو ما يتعذر إنجازه داخل الأجل الأول."
)

SCHOLARSHIPS = {
    "subject": "اللائحة الاسمية للمستفيدين من دعم التمدرس مع عناوينهم وأرقام هواتفهم",
    "details": "لائحة التلاميذ المستفيدين من دعم التمدرس الذي تقدمه الجماعة برسم الموسم الدراسي 2026-2027.",
    "requester_kind": CITIZEN,
}
SCHOLARSHIPS_REQUESTER = ("سناء العلوي", "sanaa.alaoui@example.invalid")
SCHOLARSHIPS_REFUSAL = (
    "تتضمن المعلومات المطلوبة معطيات ذات طابع شخصي تخص التلاميذ المستفيدين وأسرهم، وهي من الاستثناءات المنصوص "
    "عليها في المادة 7 من القانون 31.13، ومحمية بالقانون 09.08. ويمكن للجماعة أن تمدكم بعدد المستفيدين حسب "
    "المؤسسات التعليمية دون أسمائهم إن رغبتم في ذلك."
)

GRANTS = {
    "subject": "لائحة الجمعيات المستفيدة من منح الجماعة برسم سنة 2025",
    "details": "لائحة الجمعيات التي استفادت من دعم الجماعة سنة 2025، مع مبلغ المنحة وموضوع الشراكة لكل جمعية.",
    "requester_kind": CITIZEN,
}

SUBJECTS = [values["subject"] for values in (BUDGET, MINUTES, TENDERS, SCHOLARSHIPS, GRANTS)]


def _budget(commune, citizen, officer, today) -> None:
    with on_day(working_days_ago(30, today)):
        request = requests.file_request(citizen, commune, **BUDGET)
    with on_day(working_days_ago(19, today), hour=11):
        request = requests.answer(officer, request, text=BUDGET_ANSWER)
        requests.publish_answer(officer, request, question=BUDGET_QUESTION)


def _minutes(commune, association, officer, today) -> None:
    with on_day(working_days_ago(28, today), hour=17):
        request = requests.file_request(association, commune, **MINUTES)
    with on_day(working_days_ago(14, today), hour=12):
        request = requests.answer(officer, request, text=MINUTES_ANSWER)
    with on_day(working_days_ago(8, today), hour=9):
        complaints.complain(association, request, text=MINUTES_COMPLAINT)


def _tenders(commune, officer, today) -> None:
    received = working_days_ago(18, today)
    name, contact = TENDERS_REQUESTER
    with on_day(working_days_ago(17, today), hour=9):
        request = requests.record_request(
            officer,
            commune,
            received_on=received,
            channel=InformationRequest.Channel.PAPER,
            requester_name=name,
            requester_contact=contact,
            **TENDERS,
        )
    with on_day(working_days_ago(2, today), hour=15):
        requests.extend(officer, request, reasons=TENDERS_EXTENSION)


def _scholarships(commune, officer, today) -> None:
    name, contact = SCHOLARSHIPS_REQUESTER
    with on_day(working_days_ago(12, today), hour=14):
        request = requests.record_request(
            officer,
            commune,
            received_on=working_days_ago(12, today),
            channel=InformationRequest.Channel.EMAIL,
            requester_name=name,
            requester_contact=contact,
            **SCHOLARSHIPS,
        )
    with on_day(working_days_ago(6, today), hour=11):
        requests.refuse(
            officer,
            request,
            reason=InformationRequest.RefusalReason.EXCEPTION,
            explanation=SCHOLARSHIPS_REFUSAL,
        )


def _grants(commune, citizen, today) -> None:
    with on_day(working_days_ago(3, today), hour=20):
        requests.file_request(citizen, commune, **GRANTS)


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir", today: datetime.date | None = None) -> list[InformationRequest]:
    """Replay the requests that are missing, oldest first (their numbers follow their dates); returns all five."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    citizen = account("citizen")
    association = account("association")
    officer = account("information")
    stories = [
        (BUDGET, lambda: _budget(commune, citizen, officer, today)),
        (MINUTES, lambda: _minutes(commune, association, officer, today)),
        (TENDERS, lambda: _tenders(commune, officer, today)),
        (SCHOLARSHIPS, lambda: _scholarships(commune, officer, today)),
        (GRANTS, lambda: _grants(commune, citizen, today)),
    ]
    existing = set(
        InformationRequest.objects.filter(case__collectivity=commune, subject__in=SUBJECTS).values_list(
            "subject", flat=True
        )
    )
    for values, replay in stories:
        if values["subject"] not in existing:
            replay()
    return list(
        InformationRequest.objects.filter(case__collectivity=commune, subject__in=SUBJECTS)
        .select_related("case")
        .order_by("case__received_on", "pk")
    )
