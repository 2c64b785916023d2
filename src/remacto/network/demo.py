"""Demo data of the network layer: a published news post of the network (by the demo network admin, on the
training on access to information of the events demo) and one of the Ben Guerir commune (by its demo focal point,
calling for ideas for the 2026-2027 programme of the co-creation demo), written through the services on the days
they were published (``core.demo.on_day``).

No membership application: every collectivity of the reference data is a member, so none can apply. A post is
found again by its space and title, so running it twice creates nothing twice.
"""

import datetime

from django.db import transaction

from remacto.accounts.models import User
from remacto.cases import calendar
from remacto.core.demo import on_day, working_days_ago
from remacto.territories.models import Collectivity

from .models import NewsPost
from .services import news

NETWORK_POST = {
    "title": "دورة تكوينية عن بعد حول الحق في الحصول على المعلومات لفائدة الجماعات الأعضاء",
    "body": (
        "تنظم الشبكة المغربية للجماعات الترابية المنفتحة دورة تكوينية عن بعد حول **الحق في الحصول على المعلومات**، "
        "لفائدة أعضاء المجالس وأطر الجماعات والهيئات الاستشارية وجمعيات المجتمع المدني.\n\n"
        "تتناول الدورة:\n\n"
        "- آجال الرد على الطلبات وتمديدها (القانون 31.13)؛\n"
        "- الاستثناءات المنصوص عليها في المادة 7؛\n"
        "- النشر الاستباقي للمعلومات وتتبع الطلبات على المنصة.\n\n"
        "التسجيل مفتوح من صفحة الأحداث والتكوينات."
    ),
    "status": NewsPost.Status.PUBLISHED,
}
MEMBER_POST = {
    "title": "انطلاق تجميع الأفكار لبرنامج عمل الانفتاح 2026-2027",
    "body": (
        "تدعو جماعة ابن جرير المواطنات والمواطنين وجمعيات المجتمع المدني إلى اقتراح أفكارهم لبرنامج عمل الانفتاح "
        "2026-2027، في محاوره الثلاثة: **المشاركة المواطنة**، و**الحق في الحصول على المعلومات**، و**الرقمنة**.\n\n"
        "تقدم الأفكار عبر المنصة طيلة مدة التجميع، أو خلال ورشة الإعداد المشترك بقاعة الاجتماعات بمقر الجماعة. "
        "وستعرض لجنة التتبع نتائج الفرز على المنصة."
    ),
    "status": NewsPost.Status.PUBLISHED,
}


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir", today: datetime.date | None = None) -> list[NewsPost]:
    """Write the demo posts that are missing; returns the network's post and the member's."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    posts = []
    for collectivity, values, email, days in (
        (None, NETWORK_POST, "admin@demo.remacto.ma", 6),
        (commune, MEMBER_POST, "focal@demo.remacto.ma", 2),
    ):
        post = NewsPost.objects.filter(collectivity=collectivity, title=values["title"]).first()
        if post is None:
            with on_day(working_days_ago(days, today), hour=12):
                post = news.write(User.objects.get(email=email), collectivity, values)
        posts.append(post)
    return posts
