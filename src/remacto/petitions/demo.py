"""Demo data of petitions: two petitions to the council of the Ben Guerir commune, replayed through the services on
the days they happened (``core.demo.on_day``), with the signature threshold the migrations loaded (the commune's
population is not recorded, so the most demanding band of communes applies and the threshold is frozen when each
collection opens).

- an association's petition (the demo association, through its admin) that reached its threshold with two paper
  lists typed by the council secretariat and a few online signatures, was submitted (its case number and decision
  deadline come from there), reviewed by the bureau and accepted onto the agenda of the next ordinary session;
- a citizens' petition (the demo citizen as agent) collecting signatures, with a few online and one paper list.

Signers typed from the paper lists are made-up names with made-up national ID numbers (stored hashed, as every
signature). Dates count back from the day the demo is first loaded; a petition is found again by its council and
subject, so running it twice creates nothing twice.
"""

import datetime
import itertools

from django.db import transaction

from remacto.accounts.demo import account
from remacto.accounts.models import Organisation
from remacto.cases import calendar
from remacto.core.demo import on_day, working_days_ago
from remacto.territories.models import Collectivity

from . import conditions
from .models import Petition
from .services import lifecycle, signatures

SPACE = {
    "kind": Petition.Kind.ASSOCIATION,
    "subject": "إحداث فضاء جمعوي متعدد الاختصاصات لفائدة جمعيات المجتمع المدني بالمدينة",
    "reasons": (
        "تنشط بالمدينة عشرات الجمعيات في مجالات التنمية والثقافة والرياضة والعمل الاجتماعي، ولا تتوفر أغلبها على مقر "
        "لعقد اجتماعاتها وتنظيم أنشطتها. وقد أبرزت الدورات التكوينية التي نظمتها الجماعة في إطار برنامج عمل الانفتاح "
        "حاجة الجمعيات إلى فضاء مشترك للتكوين والتنسيق والتشاور مع الجماعة."
    ),
    "expected_outcome": (
        "أن يتداول المجلس في إحداث فضاء جمعوي متعدد الاختصاصات بإحدى البنايات الجماعية غير المستغلة، وأن يحدد "
        "شروط استعماله بشراكة مع الجمعيات."
    ),
    "conditions": list(conditions.ASSOCIATION),
}
TRANSPORT = {
    "kind": Petition.Kind.CITIZENS,
    "subject": "برمجة خط للنقل الحضري يربط الأحياء الجديدة بمركز المدينة والمستشفى الإقليمي",
    "reasons": (
        "يضطر سكان الأحياء الجديدة إلى قطع مسافات طويلة للوصول إلى مركز المدينة والمستشفى الإقليمي والمؤسسات "
        "التعليمية، في غياب أي خط للنقل الحضري يخدم هذه الأحياء، مما يثقل كاهل الأسر ويحد من ولوج التلاميذ والمرضى "
        "والأشخاص المسنين إلى الخدمات."
    ),
    "expected_outcome": (
        "أن يدرج المجلس في جدول أعمال دورته العادية نقطة حول برمجة خط للنقل الحضري يربط الأحياء الجديدة بمركز المدينة "
        "والمستشفى الإقليمي، في إطار التدبير المفوض لمرفق النقل الحضري."
    ),
    "conditions": list(conditions.CITIZENS),
}
SUBJECTS = [SPACE["subject"], TRANSPORT["subject"]]
COMMITTEE = "لجنة المرافق العمومية والخدمات"
SESSION_MONTHS = (2, 5, 10)
"""A commune's council holds its ordinary sessions in the first week of February, May and October (113.14)."""
DECISION = (
    "استوفت العريضة الشروط القانونية وبلغ عدد توقيعاتها العتبة المطلوبة. تدرس اللجنة إمكانية تخصيص إحدى البنايات "
    "الجماعية غير المستغلة لهذا الغرض، وتعرض تقريرها على المجلس في دورته العادية."
)

FIRST_NAMES = [
    "محمد", "فاطمة", "أحمد", "خديجة", "يوسف", "مريم", "عبد الله", "زينب", "الحسين", "نعيمة", "إبراهيم", "سعاد",
    "عبد الرحمن", "حليمة", "مصطفى", "لطيفة", "عمر", "رشيدة", "سعيد", "أسماء",
]  # fmt: skip
FAMILY_NAMES = [
    "الرحماني", "بنعلي", "العمراني", "الإدريسي", "الحمري", "الزياني", "الصديقي", "الوردي", "القاسمي", "البوعزاوي",
    "الشرقاوي", "المسعودي", "الناصري", "الفاسي", "التازي", "العلوي", "البقالي", "الدكالي", "السباعي",
]  # fmt: skip
ONLINE_SIGNERS = {
    # demo account (``accounts.demo.account``): (made-up national ID number, name as on the card)
    "citizen": ("EE100231", "أمين الرحماني"),
    "association": ("EE204518", "فاطمة بنعلي"),
    "advisory": ("EE310744", "نادية العمراني"),
    "committee": ("EE412093", "خديجة الإدريسي"),
}


def _paper_rows(start: int, count: int) -> list[dict]:
    """``count`` made-up signers of a paper list, numbered from ``start`` (their ID numbers differ from each other
    and from the online signers')."""
    names = itertools.islice(itertools.product(FAMILY_NAMES, FIRST_NAMES), start, start + count)
    return [
        {"cin": f"EE{700000 + start + n:06d}", "full_name": f"{first} {family}"}
        for n, (family, first) in enumerate(names)
    ]


def _sign_online(petition: Petition, signers) -> None:
    for signer in signers:
        cin, name = ONLINE_SIGNERS[signer]
        signatures.sign(account(signer), petition, {"cin": cin, "full_name": name, "show_name": True, "confirms": True})


def _next_session(after: datetime.date) -> datetime.date:
    """The first working day of the next month of ordinary session after ``after``."""
    day = after.replace(day=1)
    while True:
        day = (day + datetime.timedelta(days=32)).replace(day=1)
        if day.month in SESSION_MONTHS:
            while not calendar.is_working_day(day):
                day += datetime.timedelta(days=1)
            return day


def _space(commune, today) -> None:
    fatima = account("association")
    secretariat = account("secretariat")
    organisation = Organisation.objects.get(slug="jamiyat-al-amal-ben-guerir")
    opened = working_days_ago(75, today)
    with on_day(opened):
        petition = lifecycle.file_petition(fatima, commune, {**SPACE, "organisation": organisation})
        petition = lifecycle.open_collection(fatima, petition, opened + datetime.timedelta(days=90))
    with on_day(working_days_ago(70, today), hour=18):
        _sign_online(petition, ["association", "citizen"])
    for typed, collected, start, count in ((60, 62, 0, 120), (50, 51, 120, 90)):
        with on_day(working_days_ago(typed, today), hour=11):
            signatures.record_paper(
                secretariat, petition, _paper_rows(start, count), collected_on=working_days_ago(collected, today)
            )
    with on_day(working_days_ago(48, today)):
        petition = lifecycle.submit(fatima, petition)
    with on_day(working_days_ago(44, today)):
        petition = lifecycle.start_review(secretariat, petition)
    decided = working_days_ago(20, today)
    session = _next_session(decided)
    with on_day(decided, hour=12):
        lifecycle.accept(
            secretariat,
            petition,
            {
                "session_date": session,
                "committee": COMMITTEE,
                "decision": DECISION,
            },
        )


def _transport(commune, today) -> None:
    amine = account("citizen")
    secretariat = account("secretariat")
    opened = working_days_ago(12, today)
    with on_day(opened, hour=19):
        petition = lifecycle.file_petition(amine, commune, TRANSPORT)
        petition = lifecycle.open_collection(amine, petition, opened + datetime.timedelta(days=60))
        _sign_online(petition, ["citizen"])
    with on_day(working_days_ago(10, today), hour=21):
        _sign_online(petition, ["committee", "advisory"])
    with on_day(working_days_ago(4, today), hour=10):
        signatures.record_paper(secretariat, petition, _paper_rows(300, 38), collected_on=working_days_ago(5, today))


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir", today: datetime.date | None = None) -> list[Petition]:
    """Replay the petitions that are missing, oldest first; returns both."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    existing = set(
        Petition.objects.filter(collectivity=commune, subject__in=SUBJECTS).values_list("subject", flat=True)
    )
    if SPACE["subject"] not in existing:
        _space(commune, today)
    if TRANSPORT["subject"] not in existing:
        _transport(commune, today)
    return list(Petition.objects.filter(collectivity=commune, subject__in=SUBJECTS).order_by("created_at", "pk"))
