"""Demo participatory budgets: a finished Al Hoceima campaign and an open Béni Mellal one.

What the sources say is kept; everything else is marked as sample data. Al Hoceima launched its first cycle on
28 October 2024 and voted in person on Saturday 12 April 2025; its budget, projects and results are not public,
so they are made up here. Béni Mellal's 2025 envelope was 400,000 MAD and its winner the restoration of the
traditional public fountains; the open campaign reuses that envelope for a made-up 2026 round whose dates move
with today, so a visitor can always vote. Idempotent; used by ``manage.py load_demo``.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from remacto.accounts.models import User
from remacto.territories.models import Collectivity

from .identity import voter_key
from .models import Ballot, BallotChoice, BallotType, Campaign, ImplementationStatus, Proposal
from .services import counting

SAMPLE_NOTE = "بيانات تجريبية: المصادر لا تذكر هذه الأرقام ولا هذه المشاريع."
SAMPLE_NOTE_FR = "Données d’exemple : les sources ne donnent ni ces chiffres ni ces projets."

AL_HOCEIMA_PROJECTS = [
    ("AH-1", "تهيئة ساحة للقرب بحي سيدي عابد", "Aménagement d’une place de proximité à Sidi Abed", 350_000),
    (
        "AH-2",
        "إنارة عمومية بالطاقة الشمسية لدرج حي المرسى",
        "Éclairage solaire des escaliers du quartier Mersa",
        180_000,
    ),
    ("AH-3", "ملعب قرب للشباب بحي باريو", "Terrain de proximité pour les jeunes à Barrio", 420_000),
    ("AH-4", "مكتبة حي ونادٍ للقراءة", "Bibliothèque de quartier et club de lecture", 150_000),
    ("AH-5", "تشجير وممرات للراجلين بحي مرموشة", "Arbres et cheminements piétons à Marmoucha", 200_000),
    ("AH-6", "ولوجيات للأشخاص في وضعية إعاقة أمام المرافق العمومية", "Accessibilité des équipements publics", 120_000),
]
BENI_MELLAL_PROJECTS = [
    ("BM-1", "ترميم السقايات العمومية التقليدية", "Restauration des fontaines publiques traditionnelles", 180_000),
    ("BM-2", "تهيئة فضاء أخضر بحي أولاد حمدان", "Aménagement d’un espace vert à Ouled Hamdane", 150_000),
    ("BM-3", "ممرات آمنة قرب المدارس", "Passages sécurisés près des écoles", 90_000),
    ("BM-4", "فضاء رياضي مفتوح للشباب", "Espace sportif ouvert pour les jeunes", 160_000),
    ("BM-5", "نقط ماء للشرب في الحدائق العمومية", "Points d’eau potable dans les jardins publics", 60_000),
]


def _local(year: int, month: int, day: int, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _campaign(collectivity: Collectivity, title: str, **values) -> Campaign:
    campaign = Campaign.objects.filter(collectivity=collectivity, title_ar=title, is_sample=True).first()
    if campaign is None:
        campaign = Campaign(collectivity=collectivity, is_sample=True)
    campaign.title_ar = title
    for name, value in values.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    return campaign


def _proposals(campaign: Campaign, rows) -> list[Proposal]:
    found = []
    for position, (code, title_ar, title_fr, cost) in enumerate(rows, start=1):
        proposal, _created = Proposal.objects.update_or_create(
            campaign=campaign,
            code=code,
            defaults={
                "title": title_ar,
                "description": f"{title_fr}.\n\n{SAMPLE_NOTE}",
                "estimated_cost": Decimal(cost),
                "cost": Decimal(cost),
                "status": Proposal.Status.ACCEPTED,
                "review_reason": "مشروع قابل للإنجاز في حدود الكلفة المقدرة (بيانات تجريبية).",
                "position": position,
                "is_sample": True,
            },
        )
        found.append(proposal)
    return found


def _ballots(campaign: Campaign, proposals: list[Proposal], count: int, channel: str, seed: int) -> None:
    """``count`` sample ballots (once: an existing demo keeps its ballots), each fitting the budget."""
    if campaign.ballots.exists():
        return
    rng = random.Random(seed)  # noqa: S311 - made-up demo ballots, not security
    weights = [len(proposals) - i for i in range(len(proposals))]
    start = campaign.voting_start
    span = max((min(campaign.voting_end, timezone.now()) - start).total_seconds(), 60)
    for number in range(1, count + 1):
        chosen: list[Proposal] = []
        spent = Decimal(0)
        for proposal in rng.choices(proposals, weights=weights, k=3):
            if proposal not in chosen and spent + proposal.cost <= campaign.budget:
                chosen.append(proposal)
                spent += proposal.cost
        ballot = Ballot.objects.create(
            campaign=campaign,
            voter_key=voter_key(campaign.pk, "code", f"demo-{number}"),
            channel=channel,
            receipt=f"DEMO{campaign.pk:02d}{number:04d}"[:16],
            cast_at=start + datetime.timedelta(seconds=rng.uniform(0, span)),
            is_sample=True,
        )
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, proposal=p) for p in chosen)


def al_hoceima() -> Campaign:
    """The finished 2025 campaign: in-person vote on 12 April 2025, made-up projects and ballots."""
    collectivity = Collectivity.objects.get(slug="al-hoceima")
    campaign = _campaign(
        collectivity,
        "الميزانية التشاركية لجماعة الحسيمة 2025",
        title_fr="Budget participatif de la commune d’Al Hoceïma 2025",
        description_ar=(
            "أول دورة للميزانية التشاركية بالحسيمة، انطلقت يوم 28 أكتوبر 2024، وأعد مشاريعها منتدبو الأحياء، "
            f"وجرى التصويت حضورياً يوم السبت 12 أبريل 2025.\n\n{SAMPLE_NOTE}"
        ),
        description_fr=(
            "Premier cycle de budget participatif d’Al Hoceïma, lancé le 28 octobre 2024 ; projets préparés par "
            f"les délégués de quartier ; vote en personne le samedi 12 avril 2025.\n\n{SAMPLE_NOTE_FR}"
        ),
        budget=Decimal(1_000_000),
        proposals_start=_local(2024, 10, 28),
        proposals_end=_local(2025, 2, 28),
        review_end=_local(2025, 3, 20),
        appeals_end=_local(2025, 3, 31),
        voting_start=_local(2025, 4, 12, 8),
        voting_end=_local(2025, 4, 12, 18),
        ballot_type=BallotType.KNAPSACK,
        rule="greedy",
        verification="desk_code",
        rules_locked_at=_local(2025, 4, 12, 8),
    )
    _ballots(campaign, _proposals(campaign, AL_HOCEIMA_PROJECTS), 180, Ballot.Channel.PAPER, seed=2025)
    if campaign.results_published_at is None:
        _count_and_publish(campaign)
    return campaign


def _count_and_publish(campaign: Campaign) -> None:
    """Count the demo ballots, publish the results and start carrying out the first selected project."""
    admin = User.objects.get(email="admin@demo.remacto.ma")
    published = _local(2025, 4, 14, 12)  # the demo pretends the results came out two days after the vote
    count = counting.count_campaign(campaign)
    type(count).objects.filter(pk=count.pk).update(finished_at=published)
    counting.publish(campaign, count, actor=admin, at=published)
    first = campaign.proposals.get(code=count.selected[0])
    note = "انطلقت الأشغال (بيانات تجريبية)."
    counting.update_implementation(
        admin, first, {"status": ImplementationStatus.IN_PROGRESS, "progress": 40, "note": note}
    )


def beni_mellal() -> Campaign:
    """The open 2026 campaign: the 400,000 MAD envelope of 2025, voting open around today."""
    collectivity = Collectivity.objects.get(slug="beni-mellal")
    now = timezone.now()
    campaign = _campaign(
        collectivity,
        "الميزانية التشاركية لجماعة بني ملال 2026",
        title_fr="Budget participatif de la commune de Béni Mellal 2026",
        description_ar=(
            "غلاف مالي قدره 400.000 درهم، كما في دورة 2025 التي فاز فيها مشروع ترميم السقايات التقليدية. "
            f"صوّت على المشاريع التي تفضلها في حدود الميزانية.\n\n{SAMPLE_NOTE}"
        ),
        description_fr=(
            "Une enveloppe de 400 000 MAD, comme en 2025, où la restauration des fontaines traditionnelles l’a "
            f"emporté. Votez pour les projets que vous préférez dans la limite du budget.\n\n{SAMPLE_NOTE_FR}"
        ),
        budget=Decimal(400_000),
        proposals_start=now - datetime.timedelta(days=60),
        proposals_end=now - datetime.timedelta(days=30),
        review_end=now - datetime.timedelta(days=20),
        appeals_end=now - datetime.timedelta(days=10),
        voting_start=now - datetime.timedelta(days=3),
        voting_end=now + datetime.timedelta(days=14),
        ballot_type=BallotType.KNAPSACK,
        rule="mes",
        completion="add1",
        verification="email",
        min_age=16,
        rules_locked_at=now - datetime.timedelta(days=3),
    )
    _ballots(campaign, _proposals(campaign, BENI_MELLAL_PROJECTS), 60, Ballot.Channel.ONLINE, seed=2026)
    return campaign


@transaction.atomic
def load_demo() -> list[Campaign]:
    """Create or refresh the two demo campaigns."""
    return [al_hoceima(), beni_mellal()]
