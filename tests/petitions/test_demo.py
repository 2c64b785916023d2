"""The petitions demo: one petition that reached the threshold loaded by the migrations and was accepted onto the
council's agenda, one still collecting signatures; public pages in Arabic; loading twice adds nothing."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cases import calendar
from remacto.cases.models import Case, CaseEvent
from remacto.core.models import AuditLogEntry
from remacto.petitions import demo, selectors
from remacto.petitions.models import Petition, Signature
from remacto.territories.models import Collectivity

pytestmark = pytest.mark.django_db
S = Petition.Status


@pytest.fixture
def petitions(reference):
    load_accounts()
    return {petition.status: petition for petition in demo.load_demo()}


def _counts():
    return (
        Petition.objects.count(),
        Signature.objects.count(),
        Case.objects.count(),
        CaseEvent.objects.count(),
        AuditLogEntry.objects.filter(action__startswith="petition.").count(),
    )


def test_one_accepted_after_reaching_the_threshold_and_one_collecting(petitions):
    assert set(petitions) == {S.ACCEPTED, S.COLLECTING}
    threshold = selectors.threshold_for(Collectivity.objects.get(slug="ben-guerir"))
    today = calendar.today()
    accepted = petitions[S.ACCEPTED]
    assert accepted.kind == Petition.Kind.ASSOCIATION and accepted.organisation is not None
    assert accepted.required_signatures == threshold.signatures and accepted.threshold == threshold
    assert accepted.signature_count == accepted.signatures.count() >= accepted.required_signatures
    assert accepted.number.startswith("PET-") and accepted.case.answered_on == accepted.decided_on < today
    assert accepted.session_date > accepted.decided_on and accepted.committee
    assert [e.status for e in accepted.case.events.order_by("at")] == [S.SUBMITTED, S.REVIEW, S.ACCEPTED]
    assert accepted.case.deadlines.get(kind="decision").met_on == accepted.decided_on
    collecting = petitions[S.COLLECTING]
    assert collecting.kind == Petition.Kind.CITIZENS and collecting.case is None
    assert 0 < collecting.signature_count == collecting.signatures.count() < collecting.required_signatures
    assert collecting.collection_opened_on < today < collecting.closes_on
    assert set(collecting.signatures.values_list("channel", flat=True)) == {"online", "paper"}


def test_signers_are_named_by_a_hash_only(petitions):
    hashes = list(Signature.objects.values_list("cin_hash", flat=True))
    assert all(len(value) == 64 and not value.startswith("EE") for value in hashes)
    for petition in petitions.values():
        assert len(set(petition.signatures.values_list("cin_hash", flat=True))) == petition.signature_count
    assert AuditLogEntry.objects.filter(action="petition.paper").count() == 3


def test_loading_again_changes_nothing(petitions):
    before = _counts()
    assert len(demo.load_demo()) == 2
    assert _counts() == before


def test_the_petitions_are_public_in_arabic(client, petitions):
    listing = client.get("/ar/petitions/?member=ben-guerir")
    assert listing.status_code == 200
    for petition in petitions.values():
        assert petition.subject in listing.content.decode()
        page = client.get(f"/ar/petitions/{petition.pk}/")
        assert page.status_code == 200 and 'lang="ar"' in page.content.decode()
    collecting = client.get(f"/ar/petitions/{petitions[S.COLLECTING].pk}/").content.decode()
    assert "أمين الرحماني" in collecting  # an online signer who agreed to show their name
    accepted = client.get(f"/ar/petitions/{petitions[S.ACCEPTED].pk}/").content.decode()
    assert petitions[S.ACCEPTED].number in accepted and "Submitted with" not in accepted
