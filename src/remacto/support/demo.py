"""Demo data of the support desk: a few FAQ entries, marked as sample data (``is_sample``); loading twice creates
nothing twice. The response-time targets come from the migration's defaults."""

from .models import Category, FaqEntry

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
