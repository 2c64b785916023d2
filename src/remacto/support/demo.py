"""Demo data of the support desk: a few FAQ entries, marked as sample data (``is_sample``), and two tickets of the
demo focal point of Ben Guerir, replayed through the services on the days they happened (``core.demo.on_day``):
a legal question answered by the demo network admin within its target, and a training request opened yesterday
(a working day), still waiting for its answer. Loading twice creates nothing twice: entries are found again by
their question, tickets by their member and subject. The response-time targets come from the migration's
defaults."""

import datetime

from django.db import transaction

from remacto.accounts.demo import account
from remacto.cases import calendar
from remacto.core.demo import on_day, working_days_ago
from remacto.territories.models import Collectivity

from . import services
from .models import Category, FaqEntry, Ticket

SAMPLES = (
    (
        Category.PLATFORM,
        "كيف نضيف عضوًا جديدًا إلى فريق الجماعة على المنصة؟",
        "تمنح نقطة الارتكاز الأدوار من صفحة «إدارة الأدوار» في فضاء الجماعة، بعد أن ينشئ الشخص حسابه. (مثال)",
    ),
    (
        Category.METHODOLOGY,
        "Dans quel ordre préparer les axes du programme ?",
        "Partez du diagnostic participatif, regroupez les idées retenues par axe, puis classez les axes selon les "
        "priorités exprimées lors des rencontres. (exemple)",
    ),
    (
        Category.LEGAL,
        "ما هو أجل الرد على طلب الحصول على المعلومات؟",
        "عشرون يوم عمل من تاريخ التوصل بالطلب، قابلة للتمديد مرة واحدة بمدة مماثلة، وثلاثة أيام في حالة "
        "الاستعجال (القانون 31.13). (مثال)",
    ),
)


def load_demo() -> list[FaqEntry]:
    """Create the sample FAQ entries that are missing; returns all of them."""
    entries = []
    for category, question, answer in SAMPLES:
        entry, _created = FaqEntry.objects.get_or_create(
            question=question, is_sample=True, defaults={"category": category, "answer": answer}
        )
        entries.append(entry)
    return entries


ANSWERED = (
    Category.LEGAL,
    "احتساب أجل الرد على طلب معلومات توصلنا به عبر البريد",
    "توصلت الجماعة بطلب للحصول على معلومات عبر البريد العادي بعد أيام من تاريخ إرساله. هل يحتسب أجل العشرين يوم "
    "عمل من تاريخ الإرسال أم من تاريخ التوصل الفعلي بمكتب الضبط؟ وكيف نسجله على المنصة؟",
    "يحتسب الأجل من تاريخ التوصل بالطلب كما هو مثبت في سجل مكتب الضبط (المادة 16 من القانون 31.13). سجلوا الطلب من "
    "صفحة «تسجيل طلب ورقي» في فضاء الحصول على المعلومات مع تاريخ التوصل الحقيقي، وستحتسب المنصة الأجل بأيام العمل مع "
    "استثناء العطل، وتذكر المكلف بالطلب قبل انقضائه.",
)
OPEN = (
    Category.TRAINING,
    "طلب دورة تكوينية لفائدة أعضاء هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
    "نرغب في تنظيم دورة تكوينية لفائدة أعضاء الهيئة حول إعداد الآراء الاستشارية وتتبع الميزانية المستجيبة للنوع، "
    "قبل دراستها لمسودة برنامج عمل الانفتاح 2026-2027. هل يمكن برمجتها خلال الشهر المقبل؟",
)


def _answered(commune, focal, admin, today) -> None:
    category, subject, question, answer = ANSWERED
    with on_day(working_days_ago(14, today), hour=9):
        ticket = services.open_ticket(focal, commune, category=category, subject=subject, message=question)
    with on_day(working_days_ago(12, today), hour=15):
        services.reply(admin, ticket, body=answer)


def _open(commune, focal, today) -> None:
    category, subject, question = OPEN
    with on_day(working_days_ago(1, today), hour=16):
        services.open_ticket(focal, commune, category=category, subject=subject, message=question)


@transaction.atomic
def load_tickets(collectivity_slug: str = "ben-guerir", today: datetime.date | None = None) -> list[Ticket]:
    """Replay the demo tickets that are missing; returns both, oldest first."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    focal = account("focal")
    admin = account("admin")
    subjects = [ANSWERED[1], OPEN[1]]
    existing = set(Ticket.objects.filter(collectivity=commune, subject__in=subjects).values_list("subject", flat=True))
    if ANSWERED[1] not in existing:
        _answered(commune, focal, admin, today)
    if OPEN[1] not in existing:
        _open(commune, focal, today)
    return list(Ticket.objects.filter(collectivity=commune, subject__in=subjects).order_by("opened_at", "pk"))
