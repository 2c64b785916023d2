"""Paper ballots typed twice: agreement stores the ballot, disagreement waits for a correction, a voter who voted
online is refused on their sheet (and the reverse), bad input is refused with the sheet number, nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from remacto.accounts.models import Role
from remacto.budgets import identity, selectors
from remacto.budgets.models import Ballot, District, PaperBatch, PaperEntry
from remacto.budgets.services import paper
from remacto.budgets.services.ballots import AlreadyVoted, check_choices, store_ballot
from remacto.core.models import AuditLogEntry

from ..conftest import _role_holder, make_user
from .conftest import accepted, campaign_in, move_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here; the pages' tests read them in Arabic."""
    with translation.override("en"):
        yield


@pytest.fixture
def second_officer(commune):
    return _role_holder(Role.Kind.POLLING_OFFICER, commune, "desk2@example.ma")


@pytest.fixture
def batch(campaign, polling_officer):
    return paper.open_batch(polling_officer, campaign, "مكتب 3")


def cin_campaign(campaign):
    campaign.checks_cin = True
    campaign.save()
    return campaign


def twice(batch, first, second, sheet, identity_text, choices, second_choices=None, second_identity=None):
    one = paper.enter_sheet(first, batch.campaign, batch, 1, sheet, identity_text, choices)
    two = paper.enter_sheet(
        second, batch.campaign, batch, 2, sheet, second_identity or identity_text, second_choices or choices
    )
    return one, two


def test_two_agreeing_entries_store_one_paper_ballot(batch, polling_officer, second_officer):
    one = paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "Voter@Example.ma", "p1 P4")
    assert one.outcome == "" and not Ballot.objects.exists()
    two = paper.enter_sheet(second_officer, batch.campaign, batch, 2, 1, " voter@example.ma ", "P4,P1")
    assert two.outcome == PaperEntry.Outcome.STORED
    ballot = Ballot.objects.get()
    assert ballot.channel == Ballot.Channel.PAPER and two.ballot == ballot
    assert sorted(ballot.choices.values_list("proposal__code", flat=True)) == ["P1", "P4"]
    assert ballot.voter_key == identity.voter_key(batch.campaign_id, "email", "voter@example.ma")
    assert batch.campaign.__class__.objects.get(pk=batch.campaign_id).rules_locked
    assert selectors.batch_sheets(batch) == [{"sheet": 1, "rounds": [1, 2], "state": "stored"}]


def test_identity_is_stored_only_as_a_keyed_hash(campaign, batch, polling_officer):
    cin_campaign(campaign)
    entry = paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 5, "ab 123456", "P1")
    assert entry.identity_hash == identity.voter_key(campaign.pk, "cin", "AB123456")
    assert "123456" not in str(PaperEntry.objects.values().get())
    assert "123456" not in str(list(AuditLogEntry.objects.values("details", "object_repr")))


def test_disagreement_waits_for_a_final_correction(batch, polling_officer, second_officer, focal_point):
    _one, two = twice(batch, polling_officer, second_officer, 7, "a@example.ma", "P1 P2", second_choices="P1 P4")
    assert two.outcome == PaperEntry.Outcome.MISMATCH and not Ballot.objects.exists()
    assert selectors.batch_sheets(batch)[0]["state"] == "mismatch"
    assert paper.sheets_to_finish(batch) == [7]
    with pytest.raises(ValidationError):
        paper.close_batch(polling_officer, batch.campaign, batch)
    fixed = paper.correct_sheet(polling_officer, batch.campaign, batch, 7, "a@example.ma", "P1 P4")
    assert fixed.round == 3 and fixed.outcome == PaperEntry.Outcome.STORED
    assert list(Ballot.objects.get().choices.values_list("proposal__code", flat=True)) == ["P1", "P4"]
    with pytest.raises(ValidationError, match="no disagreement"):
        paper.correct_sheet(focal_point, batch.campaign, batch, 7, "a@example.ma", "P1")
    assert paper.close_batch(polling_officer, batch.campaign, batch).status == PaperBatch.Status.CLOSED
    with pytest.raises(ValidationError, match="closed"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 8, "b@example.ma", "P1")


def test_identity_disagreement_is_a_mismatch_too(batch, polling_officer, second_officer):
    _one, two = twice(batch, polling_officer, second_officer, 2, "a@example.ma", "P1", second_identity="b@example.ma")
    assert two.outcome == PaperEntry.Outcome.MISMATCH


def test_correction_only_for_a_disagreement(batch, polling_officer):
    paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 3, "a@example.ma", "P1")
    with pytest.raises(ValidationError, match="no disagreement"):
        paper.correct_sheet(polling_officer, batch.campaign, batch, 3, "a@example.ma", "P1")


def test_one_person_may_not_type_both_entries(batch, polling_officer):
    paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "P1")
    with pytest.raises(ValidationError, match="two people"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 2, 1, "a@example.ma", "P1")
    assert PaperEntry.objects.count() == 1


def test_same_sheet_in_the_same_round_is_refused(batch, polling_officer, second_officer, focal_point):
    paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 4, "a@example.ma", "P1")
    for person in (polling_officer, second_officer, focal_point):
        with pytest.raises(ValidationError, match="already typed in this round"):
            paper.enter_sheet(person, batch.campaign, batch, 1, 4, "a@example.ma", "P1")
    assert PaperEntry.objects.count() == 1


def test_voter_who_voted_online_is_refused_on_paper(campaign, batch, polling_officer, second_officer, citizen):
    key = identity.voter_key(campaign.pk, identity.identity_kind(campaign), "citizen@example.ma")
    store_ballot(campaign, check_choices(campaign, [("P2", 1)], by="code"), voter_key=key, user=citizen)
    _one, two = twice(batch, polling_officer, second_officer, 9, "CITIZEN@example.ma", "P1")
    assert two.outcome == PaperEntry.Outcome.ALREADY_VOTED and two.ballot is None
    assert Ballot.objects.count() == 1 and Ballot.objects.get().channel == Ballot.Channel.ONLINE
    assert selectors.batch_sheets(batch)[0]["state"] == "already_voted"


def test_voter_who_voted_on_paper_cannot_vote_online(campaign, batch, polling_officer, second_officer, citizen):
    cin_campaign(campaign)
    twice(batch, polling_officer, second_officer, 1, "AB 123456", "P1")
    online_key = identity.voter_key(campaign.pk, "cin", "ab123456")
    with pytest.raises(AlreadyVoted):
        store_ballot(campaign, check_choices(campaign, [("P2", 1)], by="code"), voter_key=online_key, user=citizen)
    assert Ballot.objects.count() == 1


def test_two_sheets_of_one_voter_count_once(batch, polling_officer, second_officer):
    twice(batch, polling_officer, second_officer, 1, "a@example.ma", "P1")
    _one, two = twice(batch, polling_officer, second_officer, 2, "a@example.ma", "P2")
    assert two.outcome == PaperEntry.Outcome.ALREADY_VOTED and Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("P1 P9", "Sheet 12: the code “P9” is not on this ballot."),
        ("P1 P2 P3", "Sheet 12: The chosen projects cost"),
        ("P1 P1", "Sheet 12: The same project is chosen twice."),
        ("", "Sheet 12: Choose at least 1 project."),
        ("P1 P2:x", "Sheet 12: “P2:x” is not a project code"),
    ],
)
def test_bad_choices_are_refused_with_the_sheet_number(batch, polling_officer, choices, message):
    with pytest.raises(ValidationError) as caught:
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 12, "a@example.ma", choices)
    assert " ".join(caught.value.messages).startswith(message)
    assert not PaperEntry.objects.exists()


def test_over_max_and_over_points(commune, polling_officer):
    approval = campaign_in(commune, "voting", ballot_type="approval", max_choices=2)
    for code in ("A", "B", "C"):
        accepted(approval, code, 1000)
    batch = paper.open_batch(polling_officer, approval, "1")
    with pytest.raises(ValidationError, match="Sheet 3: Choose at most 2 projects"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 3, "a@example.ma", "A B C")
    cumulative = campaign_in(commune, "voting", ballot_type="cumulative", max_points=5)
    for code in ("A", "B"):
        accepted(cumulative, code, 1000)
    batch = paper.open_batch(polling_officer, cumulative, "1")
    with pytest.raises(ValidationError, match="Sheet 4: You gave 6 points; you have 5 to share"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 4, "a@example.ma", "A:4 B:2")
    entry = paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 5, "a@example.ma", "b:٢ A:3")
    assert entry.choices == [["A", 3], ["B", 2]]


@pytest.mark.parametrize(
    ("identity_text", "kind"),
    [("", "email"), ("not-an-email", "email"), ("a\x00b@example.ma", "email"), ("12", "cin"), ("x" * 101, "email")],
)
def test_bad_identities_are_refused(campaign, batch, polling_officer, identity_text, kind):
    if kind == "cin":
        cin_campaign(campaign)
    with pytest.raises(ValidationError) as caught:
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, identity_text, "P1")
    assert caught.value.message_dict["identity"][0].startswith("Sheet 1:")
    assert not PaperEntry.objects.exists()


def test_nul_bytes_in_choices_and_desk_are_refused(campaign, batch, polling_officer):
    with pytest.raises(ValidationError):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "P1\x00")
    with pytest.raises(ValidationError):
        paper.open_batch(polling_officer, campaign, "desk\x00")
    assert PaperBatch.objects.count() == 1 and not PaperEntry.objects.exists()


def test_round_and_sheet_must_be_valid(batch, polling_officer):
    with pytest.raises(ValidationError):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 3, 1, "a@example.ma", "P1")
    with pytest.raises(ValidationError):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 0, "a@example.ma", "P1")


def test_districts_are_typed_and_compared(commune, polling_officer, second_officer):
    campaign = campaign_in(commune, "voting")
    north = District.objects.create(campaign=campaign, name="الشمال", budget=200_000)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=200_000, position=1)
    accepted(campaign, "N1", 100_000, district=north)
    accepted(campaign, "S1", 100_000, district=south)
    batch = paper.open_batch(polling_officer, campaign, "1")
    with pytest.raises(ValidationError, match="district"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "N1")
    with pytest.raises(ValidationError, match="not on this ballot"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "N1", south)
    paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "N1", north)
    two = paper.enter_sheet(second_officer, batch.campaign, batch, 2, 1, "a@example.ma", "N1", north)
    assert two.outcome == PaperEntry.Outcome.STORED and two.ballot.district == north


def test_entry_window(campaign, polling_officer, settings):
    batch = paper.open_batch(polling_officer, campaign, "1")
    move_to(campaign, "ballot")
    batch.campaign.refresh_from_db()
    with pytest.raises(ValidationError, match="opening of voting"):
        paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "P1")
    campaign.voting_start = timezone.now() - datetime.timedelta(days=5)
    campaign.voting_end = timezone.now() - datetime.timedelta(hours=10)
    campaign.save()
    batch.campaign.refresh_from_db()
    settings.BUDGETS_PAPER_ENTRY_HOURS = 24
    assert paper.entry_open(campaign)
    paper.enter_sheet(polling_officer, batch.campaign, batch, 1, 1, "a@example.ma", "P1")
    settings.BUDGETS_PAPER_ENTRY_HOURS = 6
    assert not paper.entry_open(campaign)
    settings.BUDGETS_PAPER_ENTRY_HOURS = 24
    campaign.results_published_at = timezone.now()
    assert not paper.entry_open(campaign)


@pytest.mark.parametrize("who", ["citizen", "committee_member", "moderator", "other_focal_point"])
def test_only_desk_staff_of_the_collectivity_enter_paper(request, campaign, batch, who):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        paper.open_batch(person, campaign, "x")
    with pytest.raises(PermissionDenied):
        paper.enter_sheet(person, batch.campaign, batch, 1, 1, "a@example.ma", "P1")
    with pytest.raises(PermissionDenied):
        paper.close_batch(person, batch.campaign, batch)
    assert not PaperEntry.objects.exists()


@pytest.mark.parametrize("who", ["polling_officer", "focal_point", "network_admin"])
def test_desk_staff_enter_paper(request, campaign, who):
    person = request.getfixturevalue(who)
    batch = paper.open_batch(person, campaign, "x")
    assert paper.enter_sheet(person, batch.campaign, batch, 1, 1, "a@example.ma", "P1").pk


def test_batch_of_another_campaign_is_refused(campaign, other_campaign, polling_officer, network_admin):
    foreign = paper.open_batch(network_admin, other_campaign, "Zagora 1")
    with pytest.raises(ValidationError, match="another campaign"):
        paper.enter_sheet(polling_officer, campaign, foreign, 1, 1, "a@example.ma", "P1")
    with pytest.raises(ValidationError, match="another campaign"):
        paper.close_batch(polling_officer, campaign, foreign)
    assert not PaperEntry.objects.exists() and foreign.is_open


def test_every_entry_action_is_audited_without_personal_data(batch, polling_officer, second_officer):
    twice(batch, polling_officer, second_officer, 1, "secret@example.ma", "P1", second_choices="P2")
    paper.correct_sheet(polling_officer, batch.campaign, batch, 1, "secret@example.ma", "P2")
    codes = list(
        AuditLogEntry.objects.filter(action__startswith="paper.").order_by("id").values_list("action", flat=True)
    )
    assert codes == ["paper.batch_open", "paper.entry", "paper.entry", "paper.correct"]
    assert "secret" not in str(list(AuditLogEntry.objects.values("details", "object_repr")))
    entry = AuditLogEntry.objects.filter(action="paper.entry").order_by("id").last()
    assert entry.details == {"sheet": 1, "round": 2, "outcome": "mismatch"}


def test_new_account_is_not_needed_for_paper(batch, polling_officer, second_officer):
    make_user("someone@example.ma")
    _one, two = twice(batch, polling_officer, second_officer, 1, "someone@example.ma", "P3")
    assert two.ballot.user is None
