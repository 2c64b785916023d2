"""Reads shared by the pages, the API and the exports: which petitions are public, the threshold of a council,
a petition's progress (per prefecture or province for a region), the case registry's callbacks and the rows of
the CSV exports."""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.accounts.models import Role, User
from remacto.territories.models import Collectivity, Province

from .models import Petition, Signature, Threshold


def public_petitions() -> QuerySet[Petition]:
    """The one visibility rule: every petition of a member collectivity once out of draft."""
    return (
        Petition.objects.exclude(status=Petition.Status.DRAFT)
        .filter(collectivity__membership__isnull=False)
        .select_related("collectivity", "organisation", "case")
    )


def search(qs: QuerySet[Petition], *, q: str = "", member: str = "", status: str = "") -> QuerySet[Petition]:
    """``qs`` filtered by words of the subject (each word, at most eight), member slug and status."""
    if member:
        qs = qs.filter(collectivity__slug=member)
    if status:
        qs = qs.filter(status=status)
    for word in q.split()[:8]:
        qs = qs.filter(subject__icontains=word)
    return qs


def visible_to(user, petition: Petition) -> bool:
    """Drafts are seen by their petitioner and the council's staff only."""
    if petition.status != Petition.Status.DRAFT:
        return True
    return user.is_authenticated and user.has_perm("petitions.view_draft", petition)


def threshold_for(collectivity: Collectivity) -> Threshold | None:
    """The threshold that applies to ``collectivity``: its kind and population band (communes with
    arrondissements have their own). When the population is not recorded, the most demanding band of the kind."""
    rows = list(Threshold.objects.filter(kind=collectivity.kind))
    if collectivity.kind == Collectivity.Kind.COMMUNE:
        special = [row for row in rows if row.with_arrondissements]
        if collectivity.has_arrondissements and special:
            return special[0]
        rows = [row for row in rows if not row.with_arrondissements]
    if not rows:
        return None
    population = collectivity.legal_population
    if population is None:
        return max(rows, key=lambda row: row.signatures)
    for row in rows:
        if row.min_population <= population and (row.max_population is None or population < row.max_population):
            return row
    return max(rows, key=lambda row: row.signatures)


@dataclass(frozen=True)
class ProvinceProgress:
    province: Province
    count: int
    minimum: int

    @property
    def below(self) -> bool:
        return self.count < self.minimum


@dataclass(frozen=True)
class Progress:
    count: int
    required: int | None
    share: int = 0
    provinces: list[ProvinceProgress] = field(default_factory=list)

    @property
    def provinces_below(self) -> list[ProvinceProgress]:
        return [row for row in self.provinces if row.below]

    @property
    def reached(self) -> bool:
        return bool(self.required) and self.count >= self.required and not self.provinces_below

    @property
    def percent(self) -> int:
        if not self.required:
            return 0
        return min(100, self.count * 100 // self.required)


def province_minimum(required: int, share: int) -> int:
    """Signatures needed in each prefecture or province: ``share`` % of ``required``, rounded up."""
    return math.ceil(required * share / 100)


def progress(petition: Petition) -> Progress:
    """Signatures against the petition's threshold (frozen when the collection opened, else the current one);
    for a region, the count in each of its prefectures and provinces against the minimum share."""
    required, share = petition.required_signatures, petition.province_share
    if required is None:
        threshold = threshold_for(petition.collectivity)
        required, share = (threshold.signatures, threshold.province_share) if threshold else (None, 0)
    if petition.collectivity.kind != Collectivity.Kind.REGION or not share or not required:
        return Progress(count=petition.signature_count, required=required, share=0)
    counts = dict(
        petition.signatures.order_by().values_list("province").annotate(n=Count("id")).values_list("province", "n")
    )
    minimum = province_minimum(required, share)
    provinces = [
        ProvinceProgress(province=province, count=counts.get(province.pk, 0), minimum=minimum)
        for province in Province.objects.filter(region_id=petition.collectivity.region_id).order_by("code")
    ]
    return Progress(count=sum(counts.values()), required=required, share=share, provinces=provinces)


def responsible(case) -> Iterable[User]:
    """Who answers a petition: the council secretariat of the collectivity, else its focal points."""
    for kind in (Role.Kind.COUNCIL_SECRETARIAT, Role.Kind.FOCAL_POINT):
        people = list(
            User.objects.filter(roles__collectivity_id=case.collectivity_id, roles__kind=kind, is_active=True)
        )
        if people:
            return people
    return []


def case_url(case) -> str:
    return case.petition.get_absolute_url()


def has_signed(user, petition: Petition) -> bool:
    """Whether ``user`` signed ``petition`` online."""
    return user.is_authenticated and petition.signatures.filter(user=user).exists()


def public_signers(petition: Petition) -> QuerySet[Signature]:
    """Signatures whose signers agreed to show their name (the name and date only are ever shown)."""
    return petition.signatures.filter(show_name=True).order_by("created_at", "id")


def register(collectivity: Collectivity) -> QuerySet[Petition]:
    """Every petition of ``collectivity`` out of draft, oldest first, for the staff's register."""
    return (
        Petition.objects.filter(collectivity=collectivity)
        .exclude(status=Petition.Status.DRAFT)
        .select_related("case", "organisation", "petitioner")
        .order_by("created_at", "id")
    )


def signatures_for_export(petition: Petition) -> QuerySet[Signature]:
    """Signatures for the staff's export: never the hash (nor, stored nowhere, the CIN number)."""
    return petition.signatures.select_related("province").order_by("created_at", "id")


def decision_due(case_ids) -> dict[int, str]:
    """The due date (ISO) of the decision deadline of each case, in one query."""
    from remacto.cases.models import Deadline

    rows = Deadline.objects.filter(case_id__in=case_ids, kind="decision", cancelled=False).values_list("case_id", "due")
    return {case_id: due.isoformat() for case_id, due in rows}


def history(petition: Petition, *, public_only: bool) -> list:
    """The case's status history, each status named in the reader's language (``label``)."""
    if not petition.case_id:
        return []
    from remacto.cases import selectors as cases

    return cases.labelled(cases.history(petition.case, public_only=public_only), Petition.Status)


DEADLINE_KINDS = {"decision": _("decision of the council")}


def deadlines(petition: Petition) -> list:
    """The case's deadlines with the days left (the decision deadline)."""
    if not petition.case_id:
        return []
    from remacto.cases import selectors as cases

    return cases.with_days_left(cases.deadlines(petition.case, include_closed=True), kinds=DEADLINE_KINDS)


def register_url(collectivity) -> str:
    """The public list of a member's petitions (every member's when ``collectivity`` is None)."""
    url = reverse("petitions:list")
    return f"{url}?member={collectivity.slug}" if collectivity is not None else url
