"""Every petition service for eight roles: who may and who may not. Refusals save nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.accounts.models import Role
from remacto.cases.calendar import today
from remacto.petitions.models import Petition, Signature, Threshold
from remacto.petitions.services import lifecycle, signatures
from remacto.petitions.services import thresholds as rules_data

from ..conftest import make_user
from .conftest import ASSOCIATION_CONDITIONS, CITIZEN_CONDITIONS, TEXTS, cin, collecting, draft

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "petitioner",
    "representative",
    "secretariat",
    "focal_point",
    "elsewhere",
    "network_admin",
]
STAFF = {"secretariat", "focal_point", "network_admin"}
SIGNED_IN = set(ROLES) - {"anonymous"}


@pytest.fixture
def people(thresholds, commune, other_commune, petitioner, representative):
    def holder(email, kind, collectivity):
        user = make_user(email)
        Role.objects.create(user=user, kind=kind, collectivity=collectivity)
        return user

    return {
        "anonymous": AnonymousUser(),
        "citizen": make_user("plain@example.ma"),
        "petitioner": petitioner,
        "representative": representative,
        "secretariat": holder("sec@example.ma", Role.Kind.COUNCIL_SECRETARIAT, commune),
        "focal_point": holder("fp@example.ma", Role.Kind.FOCAL_POINT, commune),
        "elsewhere": holder("fp-else@example.ma", Role.Kind.FOCAL_POINT, other_commune),
        "network_admin": holder("na@example.ma", Role.Kind.NETWORK_ADMIN, None),
    }


def submitted(petitioner, commune, secretariat) -> Petition:
    petition = collecting(petitioner, commune, signatures=1)
    signatures.record_paper(secretariat, petition, [{"cin": cin(999), "full_name": "x"}], collected_on=today())
    return lifecycle.submit(petitioner, petition)


def _outcome(call) -> bool:
    try:
        call()
    except (PermissionDenied, ValidationError):
        return False
    return True


SERVICES = {
    "file_citizens": (
        SIGNED_IN,
        lambda p, c, who: lifecycle.file_petition(
            who, c, {"kind": "citizens", "conditions": CITIZEN_CONDITIONS, **TEXTS}
        ),
    ),
    "file_association": (
        {"representative"},
        lambda p, c, who: lifecycle.file_petition(
            who,
            c,
            {
                "kind": "association",
                "organisation": p["representative"].organisations.get(),
                "conditions": ASSOCIATION_CONDITIONS,
                **TEXTS,
            },
        ),
    ),
    "edit_draft": (
        {"petitioner"},
        lambda p, c, who: lifecycle.edit_draft(
            who, draft(p["petitioner"], c), {"kind": "citizens", "conditions": CITIZEN_CONDITIONS, **TEXTS}
        ),
    ),
    "open_collection": (
        {"petitioner"},
        lambda p, c, who: lifecycle.open_collection(
            who, draft(p["petitioner"], c), today() + datetime.timedelta(days=5)
        ),
    ),
    "sign": (
        SIGNED_IN,
        lambda p, c, who: signatures.sign(
            who, collecting(p["petitioner"], c), {"cin": cin(1), "full_name": "x", "confirms": True}
        ),
    ),
    "submit": ({"petitioner"}, lambda p, c, who: lifecycle.submit(who, _reached(p, c))),
    "paper": (
        STAFF,
        lambda p, c, who: signatures.record_paper(
            who, collecting(p["petitioner"], c), [{"cin": cin(2), "full_name": "x"}], collected_on=today()
        ),
    ),
    "review": (STAFF, lambda p, c, who: lifecycle.start_review(who, submitted(p["petitioner"], c, p["secretariat"]))),
    "accept": (
        STAFF,
        lambda p, c, who: lifecycle.accept(
            who, submitted(p["petitioner"], c, p["secretariat"]), {"session_date": today(), "committee": "لجنة"}
        ),
    ),
    "reject": (
        STAFF,
        lambda p, c, who: lifecycle.reject(who, submitted(p["petitioner"], c, p["secretariat"]), {"decision": "سبب"}),
    ),
    "thresholds": (
        {"network_admin"},
        lambda p, c, who: rules_data.update_threshold(
            who,
            Threshold.objects.first(),
            {"signatures": 10, "min_population": 0, "province_share": 0, "legal_source_ar": "مصدر"},
        ),
    ),
    "population": (
        {"focal_point", "network_admin"},
        lambda p, c, who: rules_data.set_population(who, c, {"population": 5}),
    ),
}


def _reached(people, commune) -> Petition:
    petition = collecting(people["petitioner"], commune, signatures=1)
    signatures.record_paper(people["secretariat"], petition, [{"cin": cin(3), "full_name": "x"}], collected_on=today())
    return petition


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, commune, role, service):
    allowed, call = SERVICES[service]
    before = (Signature.objects.count(), Petition.objects.filter(status="draft").count())
    assert _outcome(lambda: call(people, commune, people[role])) is (role in allowed)
    if role not in allowed and service in {"sign", "paper"}:
        assert Signature.objects.count() == before[0]
