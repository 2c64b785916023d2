"""Demo data of the network layer, written through the services on the days it happened (``core.demo.on_day``):

- a published news post of the network (by the demo network admin, on the training on access to information of the
  events demo) and one of the Ben Guerir commune (by its demo focal point, calling for ideas for the 2026-2027
  programme of the co-creation demo);
- a membership application waiting for the network admins' decision, made by the demo applicant for the provincial
  council of Ben Guerir's province (a council the reference data loads without membership), with a made-up focal
  point and a one-page sample deliberation. It is skipped when that council is already a member or has applied.

A post is found again by its space and title, the application by its council, so running it twice creates nothing
twice.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from remacto.accounts.demo import account
from remacto.cases import calendar
from remacto.core.demo import on_day, working_days_ago
from remacto.territories.models import Collectivity

from .models import MembershipApplication, NewsPost
from .services import applications, news

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


FOCAL_POINT = {
    "focal_name": "حسن البوعزاوي",
    "focal_title": "رئيس مصلحة الشراكة والتعاون",
    "focal_email": "pf.rehamna@demo.remacto.ma",
    "focal_phone": "+212 5 24 00 00 00",
    "charter_accepted": True,
}
DELIBERATION = "Deliberation du conseil sur l'adhesion au reseau - document d'exemple pour la demonstration"


def sample_pdf(text: str) -> bytes:
    """A valid one-page PDF showing one line of ASCII ``text`` (no parenthesis or backslash)."""
    stream = b"BT /F1 12 Tf 56 780 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(pdf)


@transaction.atomic
def load_application(
    collectivity_slug: str = "ben-guerir", today: datetime.date | None = None
) -> MembershipApplication | None:
    """The demo's pending application, made if missing, for the provincial council of the demo commune's province;
    None when that council is a member, or another applicant's application is there."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    council = Collectivity.objects.filter(
        kind=Collectivity.Kind.PROVINCE_COUNCIL, province=commune.province, membership__isnull=True
    ).first()
    if council is None:
        return None
    found = MembershipApplication.objects.filter(collectivity=council).first()
    if found is not None:
        return found if found.applicant and found.applicant.email == "applicant@demo.remacto.ma" else None
    with on_day(working_days_ago(5, today), hour=11):
        return applications.apply(
            account("applicant"),
            council,
            FOCAL_POINT,
            ContentFile(sample_pdf(DELIBERATION), name="deliberation.pdf"),
        )


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir", today: datetime.date | None = None) -> list[NewsPost]:
    """Write the demo posts that are missing; returns the network's post and the member's."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    posts = []
    for collectivity, values, writer, days in ((None, NETWORK_POST, "admin", 6), (commune, MEMBER_POST, "focal", 2)):
        post = NewsPost.objects.filter(collectivity=collectivity, title=values["title"]).first()
        if post is None:
            with on_day(working_days_ago(days, today), hour=12):
                post = news.write(account(writer), collectivity, values)
        posts.append(post)
    return posts
