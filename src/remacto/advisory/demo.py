"""Demo data of the advisory bodies: the equity, equal opportunity and gender approach body of the Ben Guerir
commune (named in the demo scenario: project 2 of its 2024-2025 programme strengthens it), replayed through the
services on the days it happened (``core.demo.on_day``).

The body has five members (the demo advisory member presides; the others are made-up names without an account), a
meeting held some weeks ago with its minutes and one to come, the opinion it gave on the commune's draft budget
(with its vote and recommendations, public) and the request, still open, for its opinion on the draft 2026-2027
openness programme of the co-creation demo. Dates count back from the day the demo is first loaded; the body is
found again by its commune and kind, and nothing is replayed for a body that exists, so running it twice creates
nothing twice.
"""

import datetime

from django.db import transaction

from remacto.accounts.demo import account
from remacto.cases import calendar
from remacto.cocreation.models import Programme
from remacto.core.demo import on_day, working_days_ago
from remacto.territories.models import Collectivity

from .models import AskedBy, Body, BodyKind, BureauRole, SubjectKind
from .services import bodies, meetings, opinions

NAME = "هيئة المساواة وتكافؤ الفرص ومقاربة النوع"
DESCRIPTION = (
    "هيئة استشارية محدثة لدى مجلس جماعة ابن جرير طبقًا للمادة 120 من القانون التنظيمي 113.14 المتعلق بالجماعات، "
    "بشراكة مع فعاليات المجتمع المدني، تدرس القضايا المتعلقة بتفعيل مبادئ المساواة وتكافؤ الفرص ومقاربة النوع، "
    "وتبدي رأيها فيما يعرضه عليها المجلس أو رئيسه."
)
MEMBERS = [
    # (name, or None for the demo advisory member's account; affiliation; role)
    (None, "فاعلة جمعوية في مجال حقوق النساء", BureauRole.PRESIDENT),
    ("لطيفة بنعلي", "جمعية محلية للتنمية النسائية (مثال)", BureauRole.VICE_PRESIDENT),
    ("عبد الإله الصديقي", "جمعية لدعم الأشخاص في وضعية إعاقة (مثال)", BureauRole.RAPPORTEUR),
    ("حسناء الوردي", "جمعية شبابية (مثال)", BureauRole.MEMBER),
    ("إبراهيم القاسمي", "تعاونية فلاحية (مثال)", BureauRole.MEMBER),
]
BUDGET_TITLE = "مشروع ميزانية الجماعة برسم سنة 2027"
BUDGET_QUESTION = "إبداء رأي الهيئة في مدى استحضار مشروع الميزانية لمقاربة النوع وتكافؤ الفرص."
HELD_AGENDA = (
    "1. دراسة مشروع ميزانية الجماعة برسم سنة 2027 من زاوية مقاربة النوع.\n"
    "2. المصادقة على رأي الهيئة في مشروع الميزانية.\n"
    "3. برمجة أنشطة الهيئة للربع الأخير من السنة."
)
HELD_MINUTES = (
    "انعقد الاجتماع بقاعة الاجتماعات بمقر الجماعة بحضور أعضاء الهيئة الخمسة. قدم ممثل مصلحة الميزانية والمحاسبة "
    "عرضًا حول مشروع الميزانية، ثم ناقش الأعضاء الاعتمادات المخصصة للبرامج الاجتماعية والرياضية والثقافية. "
    "وصادقت الهيئة على رأيها بأربعة أصوات وامتناع عضو واحد، وكلفت المقرر بإحالته على رئيس المجلس."
)
OPINION = (
    "تسجل الهيئة إيجابًا تخصيص اعتمادات لدعم الجمعيات العاملة في مجال التمكين الاقتصادي للنساء، وتلاحظ أن مشروع "
    "الميزانية لا يبين توزيع المستفيدين من البرامج الاجتماعية والرياضية حسب الجنس والفئة العمرية، مما يصعب تقييم "
    "أثرها على تكافؤ الفرص."
)
RECOMMENDATIONS = [
    "إرفاق مشروع الميزانية بمعطيات مصنفة حسب الجنس عن المستفيدين من البرامج الاجتماعية والرياضية.",
    "تخصيص حصة من منح الجمعيات لمشاريع تستهدف النساء والفتيات في وضعية هشاشة والأشخاص في وضعية إعاقة.",
    "برمجة ولوجيات الأشخاص في وضعية إعاقة ضمن أشغال تهيئة المرافق الجماعية.",
]
UPCOMING_AGENDA = (
    "1. دراسة مسودة برنامج عمل الانفتاح 2026-2027.\n2. إعداد رأي الهيئة في إدماج مقاربة النوع في المشاريع المقترحة."
)
PROGRAMME_QUESTION = (
    "إبداء رأي الهيئة في مسودة برنامج عمل الانفتاح 2026-2027، ولا سيما في إدماج مقاربة النوع في المشاريع المقترحة."
)


def _replay(commune, today) -> Body:
    focal = account("focal")
    secretariat = account("secretariat")
    nadia = account("advisory")
    with on_day(working_days_ago(80, today)):
        body = bodies.create_body(focal, commune, {"kind": BodyKind.EQUITY, "name": NAME, "description": DESCRIPTION})
        for name, affiliation, role in MEMBERS:
            values = {"user": nadia} if name is None else {"name": name}
            bodies.add_member(focal, body, {**values, "affiliation": affiliation, "role": role})
    received = working_days_ago(55, today)
    with on_day(received, hour=11):
        request = opinions.request_opinion(
            secretariat,
            body,
            {
                "asked_by": AskedBy.PRESIDENT,
                "subject_kind": SubjectKind.BUDGET,
                "subject_title": BUDGET_TITLE,
                "question": BUDGET_QUESTION,
                "received_on": received,
                "deadline_amount": 15,
                "deadline_unit": "working",
            },
        )
    held = working_days_ago(45, today)
    with on_day(held, hour=16):
        meetings.save_meeting(nadia, body, {"held_on": held, "agenda": HELD_AGENDA, "minutes": HELD_MINUTES})
        opinions.give_opinion(
            nadia,
            request,
            {
                "received_on": held,
                "text": OPINION,
                "votes_for": 4,
                "votes_against": 0,
                "votes_abstain": 1,
                "recommendations": RECOMMENDATIONS,
            },
        )
    asked = working_days_ago(4, today)
    programme = Programme.objects.filter(collectivity=commune, cycle="2026-2027").first()
    with on_day(asked, hour=10):
        if programme is not None and not programme.is_adopted:
            opinions.request_opinion(
                secretariat,
                body,
                {
                    "asked_by": AskedBy.COUNCIL,
                    "subject_kind": SubjectKind.PROGRAMME,
                    "programme": programme,
                    "question": PROGRAMME_QUESTION,
                    "received_on": asked,
                    "deadline_amount": 30,
                    "deadline_unit": "calendar",
                },
            )
    with on_day(working_days_ago(3, today), hour=12):
        meetings.save_meeting(nadia, body, {"held_on": calendar.add_working_days(today, 8), "agenda": UPCOMING_AGENDA})
    return body


@transaction.atomic
def load_demo(collectivity_slug: str = "ben-guerir", today: datetime.date | None = None) -> Body:
    """Replay the body's story unless the commune already has its equity body; returns the body."""
    today = today or calendar.today()
    commune = Collectivity.objects.get(slug=collectivity_slug)
    body = Body.objects.filter(collectivity=commune, kind=BodyKind.EQUITY).first()
    return body if body is not None else _replay(commune, today)
