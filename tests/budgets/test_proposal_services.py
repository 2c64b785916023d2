"""Proposal services: submission in the window with photos and codes, edits, withdrawal, review with a cost or a
public reason, appeals, promotion of co-creation ideas, and nothing half-saved when something is refused."""

import io
import os
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from remacto.accounts.models import Organisation
from remacto.budgets.models import Appeal, District, Proposal, ProposalPhoto
from remacto.budgets.services import campaigns
from remacto.budgets.services import proposals as service
from remacto.cocreation.models import Idea, Phase, Programme
from remacto.core import audit
from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification

from ..conftest import make_user
from .conftest import campaign_in, move_to

VALUES = {
    "title": "ملعب قرب للأطفال",
    "description": "إنشاء ملعب صغير للأطفال في حي السلام مع إنارة ومقاعد.",
    "place": "حي السلام",
    "estimated_cost": Decimal(90_000),
}


def png(size=(4, 4), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", **save)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def photo(name="p.png", content=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else png())


@pytest.fixture
def open_campaign(commune):
    return campaign_in(commune, "proposals")


@pytest.fixture
def districts(open_campaign):
    return [
        District.objects.create(campaign=open_campaign, name="السلام", budget=Decimal(200_000), position=1),
        District.objects.create(campaign=open_campaign, name="الرياض", budget=Decimal(150_000), position=2),
    ]


def submitted(campaign, author, **values) -> Proposal:
    return service.submit_proposal(author, campaign, {**VALUES, **values})


def rejected(campaign, author, reviewer) -> Proposal:
    proposal = submitted(campaign, author)
    service.review_proposal(reviewer, proposal, "reject", None, "المشروع خارج اختصاص الجماعة.")
    proposal.refresh_from_db()
    return proposal


# Submission -----------------------------------------------------------------------------------------------------


def test_resident_proposes_with_photos_and_gets_the_next_code(citizen, open_campaign):
    first = service.submit_proposal(citizen, open_campaign, VALUES, files=[photo(), photo("g.jpg", jpeg_with_gps())])
    second = submitted(open_campaign, citizen)
    assert (first.code, second.code) == ("P-1", "P-2")
    assert first.status == Proposal.Status.SUBMITTED and first.author == citizen and first.cost is None
    assert [p.position for p in first.photos.all()] == [1, 2]
    stored = first.photos.get(position=2).image.open("rb").read()
    assert b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_codes_skip_imported_and_follow_the_highest(citizen, open_campaign):
    Proposal.objects.create(campaign=open_campaign, code="P-7", title="t", description="d", estimated_cost=1)
    Proposal.objects.create(campaign=open_campaign, code="B12", title="t", description="d", estimated_cost=1)
    assert submitted(open_campaign, citizen).code == "P-8"


@pytest.mark.parametrize("phase", ["review", "ballot", "voting", "counting"])
def test_proposals_are_refused_outside_the_window(citizen, commune, phase):
    campaign = campaign_in(commune, phase)
    with pytest.raises(ValidationError, match="تقديم المقترحات ليس مفتوحا في هذه الحملة"):
        submitted(campaign, citizen)
    assert not Proposal.objects.filter(campaign=campaign).exists()


def test_district_is_required_and_must_belong_to_the_campaign(citizen, open_campaign, districts, commune):
    with pytest.raises(ValidationError) as exc:
        submitted(open_campaign, citizen)
    assert "district" in exc.value.message_dict
    other = campaign_in(commune, "proposals")
    foreign = District.objects.create(campaign=other, name="خارج", budget=Decimal(1000))
    with pytest.raises(ValidationError) as exc:
        submitted(open_campaign, citizen, district=foreign)
    assert "district" in exc.value.message_dict
    with pytest.raises(ValidationError):
        submitted(open_campaign, citizen, district=foreign.pk)  # a bare id is not a district
    assert submitted(open_campaign, citizen, district=districts[1]).district == districts[1]
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"estimated_cost": None}, "estimated_cost"),
        ({"estimated_cost": ""}, "estimated_cost"),
        ({"estimated_cost": Decimal(-5)}, "estimated_cost"),
        ({"estimated_cost": Decimal(0)}, "estimated_cost"),
        ({"estimated_cost": "NaN"}, "estimated_cost"),
        ({"title": ""}, "title"),
        ({"title": "\u200b\u200b"}, "title"),
        ({"title": "ملعب\x00"}, "title"),
        ({"description": "وصف\x00"}, "description"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_bad_values_are_refused_on_their_field(citizen, open_campaign, values, field):
    with pytest.raises(ValidationError) as exc:
        submitted(open_campaign, citizen, **values)
    assert field in exc.value.message_dict
    assert not Proposal.objects.exists()


def test_unknown_fields_are_refused(citizen, open_campaign):
    with pytest.raises(ValidationError):
        submitted(open_campaign, citizen, status="accepted")
    assert not Proposal.objects.exists()


def test_organisation_must_be_one_of_the_authors(citizen, association_member, open_campaign):
    organisation = Organisation.objects.get(slug="al-amal")
    with pytest.raises(ValidationError) as exc:
        submitted(open_campaign, citizen, organisation=organisation)
    assert "organisation" in exc.value.message_dict
    assert submitted(open_campaign, association_member, organisation=organisation).organisation == organisation


@pytest.mark.parametrize(
    "files",
    [
        [photo(), photo(), photo(), photo()],  # four
        [photo("plan.pdf", b"%PDF-1.4 x")],  # not a photo
        [photo("a.png", png()[:40])],  # corrupt
        [photo("big.png", png((11_000, 11_000), mode="1"))],  # a decompression bomb, refused from its header
        [photo(), photo("huge.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024))],  # larger than 5 MB
    ],
)
def test_bad_photos_refuse_the_whole_proposal(citizen, open_campaign, files):
    with pytest.raises(ValidationError) as exc:
        service.submit_proposal(citizen, open_campaign, VALUES, files=files)
    assert "photos" in exc.value.message_dict
    assert not Proposal.objects.exists() and not ProposalPhoto.objects.exists()


def test_a_photo_failing_while_stored_leaves_nothing(citizen, open_campaign, monkeypatch):
    calls = []

    def broken(upload, kind):
        calls.append(upload.name)
        if len(calls) == 2:
            raise ValidationError({"attachments": "broken"})
        from remacto.cocreation.uploads import without_metadata

        return without_metadata(upload, kind)

    monkeypatch.setattr(service, "without_metadata", broken)
    with pytest.raises(ValidationError) as exc:
        service.submit_proposal(citizen, open_campaign, VALUES, files=[photo("a.png"), photo("b.png")])
    assert "photos" in exc.value.message_dict
    assert not Proposal.objects.exists() and not ProposalPhoto.objects.exists()
    assert not default_storage.exists("proposals") or not any(default_storage.listdir("proposals"))


def test_rate_limit_refuses_the_fourth_proposal_in_an_hour(citizen, open_campaign):
    for _ in range(3):
        submitted(open_campaign, citizen)
    with pytest.raises(ValidationError) as exc:
        submitted(open_campaign, citizen)
    from remacto.participation.limits import retry_after

    assert retry_after(exc.value) is not None
    assert Proposal.objects.count() == 3


def test_refused_attempts_do_not_count_against_the_limit(citizen, open_campaign):
    for _ in range(5):
        with pytest.raises(ValidationError):
            submitted(open_campaign, citizen, title="")
    for _ in range(3):
        submitted(open_campaign, citizen)


# Edits and withdrawal -------------------------------------------------------------------------------------------


def test_author_edits_while_open_and_awaiting_review(citizen, committee_member, open_campaign):
    proposal = submitted(open_campaign, citizen)
    service.edit_proposal(citizen, proposal, {**VALUES, "title": "ملعب جديد"})
    proposal.refresh_from_db()
    assert proposal.title == "ملعب جديد" and proposal.code == "P-1"
    other = make_user("other@example.ma")
    with pytest.raises(PermissionDenied):
        service.edit_proposal(other, proposal, {"title": "سرقة"})
    service.review_proposal(committee_member, proposal, "accept", Decimal(80_000), "")
    with pytest.raises(ValidationError):
        service.edit_proposal(citizen, proposal, {"title": "بعد المراجعة"})
    proposal.refresh_from_db()
    assert proposal.title == "ملعب جديد"


def test_edit_is_refused_once_proposals_close(citizen, open_campaign):
    proposal = submitted(open_campaign, citizen)
    move_to(open_campaign, "review")
    with pytest.raises(ValidationError):
        service.edit_proposal(citizen, proposal, {"title": "متأخر"})


def test_author_withdraws_before_voting_and_the_row_stays(citizen, committee_member, open_campaign):
    proposal = submitted(open_campaign, citizen)
    service.review_proposal(committee_member, proposal, "accept", Decimal(80_000), "")
    service.withdraw_proposal(citizen, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        service.withdraw_proposal(citizen, proposal)
    with pytest.raises(ValidationError):
        service.review_proposal(committee_member, proposal, "accept", Decimal(80_000), "")


def test_withdrawal_is_refused_once_voting_starts_or_by_others(citizen, open_campaign, focal_point):
    proposal = submitted(open_campaign, citizen)
    with pytest.raises(PermissionDenied):
        service.withdraw_proposal(focal_point, proposal)
    move_to(open_campaign, "voting")
    with pytest.raises(ValidationError):
        service.withdraw_proposal(citizen, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


# Review ---------------------------------------------------------------------------------------------------------


def test_accepting_puts_the_proposal_on_the_ballot_audits_and_notifies(citizen, committee_member, open_campaign):
    proposal = submitted(open_campaign, citizen)
    move_to(open_campaign, "review")
    service.review_proposal(committee_member, proposal, "accept", Decimal(85_000), "تمت دراسة الكلفة.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.cost == Decimal(85_000)
    assert proposal.reviewed_by == committee_member and proposal.reviewed_at
    entry = AuditLogEntry.objects.get(action="proposal.review")
    assert entry.details["status"] == "accepted" and entry.collectivity == open_campaign.collectivity
    assert "في ورقة التصويت" in audit.describe(entry) and "85.000,00" in audit.describe(entry)
    note = Notification.objects.get(recipient=citizen)
    assert note.kind == "budget.review" and note.url == proposal.get_absolute_url()


def test_notification_is_in_the_recipients_language(
    committee_member, open_campaign, mailoutbox, django_capture_on_commit_callbacks
):
    author = make_user("fr@example.ma", preferred_language="fr")
    proposal = submitted(open_campaign, author)
    with django_capture_on_commit_callbacks(execute=True):
        service.review_proposal(committee_member, proposal, "reject", None, "Le terrain n'appartient pas à la commune.")
    assert "Votre proposition" in mailoutbox[0].body


@pytest.mark.parametrize("cost", [None, "", Decimal(0), Decimal(-10), "abc", Decimal(500_000)])
def test_accepting_needs_a_positive_cost_within_the_budget(citizen, committee_member, open_campaign, cost):
    proposal = submitted(open_campaign, citizen)
    with pytest.raises(ValidationError) as exc:
        service.review_proposal(committee_member, proposal, "accept", cost, "")
    assert "cost" in exc.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.cost is None
    assert not AuditLogEntry.objects.filter(action="proposal.review").exists()
    assert not Notification.objects.exists()


def test_cost_is_checked_against_the_district_budget(citizen, committee_member, open_campaign, districts):
    proposal = submitted(open_campaign, citizen, district=districts[1])
    with pytest.raises(ValidationError):
        service.review_proposal(committee_member, proposal, "accept", Decimal(160_000), "")
    service.review_proposal(committee_member, proposal, "accept", Decimal(150_000), "")


@pytest.mark.parametrize("reason", ["", "   ", "قصير", "\u200b" * 12, "سبب فيه حرف\x00 ممنوع"])
def test_rejecting_needs_a_public_reason(citizen, committee_member, open_campaign, reason):
    proposal = submitted(open_campaign, citizen)
    with pytest.raises(ValidationError) as exc:
        service.review_proposal(committee_member, proposal, "reject", None, reason)
    assert "reason" in exc.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_unknown_decision_is_refused(citizen, committee_member, open_campaign):
    proposal = submitted(open_campaign, citizen)
    with pytest.raises(ValidationError):
        service.review_proposal(committee_member, proposal, "withdrawn", Decimal(1), "سبب واضح وكاف")


def test_rejection_clears_the_cost_and_a_decision_can_be_corrected(citizen, committee_member, open_campaign):
    proposal = submitted(open_campaign, citizen)
    service.review_proposal(committee_member, proposal, "accept", Decimal(85_000), "")
    service.review_proposal(committee_member, proposal, "reject", None, "الأرض ليست ملكا للجماعة.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED and proposal.cost is None


@pytest.mark.parametrize("when", ["locked", "voting", "upcoming"])
def test_review_is_refused_after_the_lock_or_once_voting_starts(citizen, committee_member, commune, when):
    campaign = campaign_in(commune, "proposals")
    proposal = submitted(campaign, citizen)
    if when == "locked":
        campaigns.lock_rules(make_role_holder_focal(commune), campaign)
    elif when == "voting":
        move_to(campaign, "voting")
    else:
        campaign.proposals_start = campaign.voting_start
        campaign.proposals_end = campaign.voting_start
        campaign.appeals_end = campaign.voting_start
        campaign.save()
    with pytest.raises(ValidationError):
        service.review_proposal(committee_member, proposal, "accept", Decimal(1000), "")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def make_role_holder_focal(collectivity):
    from remacto.accounts.models import Role

    user = make_user("lock@example.ma")
    Role.objects.create(user=user, kind=Role.Kind.FOCAL_POINT, collectivity=collectivity)
    return user


# Appeals --------------------------------------------------------------------------------------------------------


def test_author_appeals_once_while_appeals_are_open(citizen, committee_member, open_campaign):
    proposal = rejected(open_campaign, citizen, committee_member)
    with pytest.raises(ValidationError, match="الطعون ليست مفتوحة في هذه الحملة"):
        service.submit_appeal(citizen, proposal, "أطلب إعادة دراسة المشروع من فضلكم.")
    move_to(open_campaign, "review")
    appeal = service.submit_appeal(citizen, proposal, "أطلب إعادة دراسة المشروع من فضلكم.")
    assert appeal.proposal == proposal and not appeal.is_answered
    with pytest.raises(ValidationError):
        service.submit_appeal(citizen, proposal, "طعن ثان في نفس القرار.")
    assert Appeal.objects.count() == 1


def test_appeal_is_refused_for_others_and_other_statuses_and_after_the_window(citizen, committee_member, open_campaign):
    proposal = submitted(open_campaign, citizen)
    move_to(open_campaign, "review")
    with pytest.raises(ValidationError):
        service.submit_appeal(citizen, proposal, "لم يرفض بعد ولكنني أطعن.")
    service.review_proposal(committee_member, proposal, "reject", None, "المشروع غير قابل للإنجاز.")
    with pytest.raises(PermissionDenied):
        service.submit_appeal(make_user("x@example.ma"), proposal, "لست صاحب المقترح.")
    with pytest.raises(ValidationError) as exc:
        service.submit_appeal(citizen, proposal, "قصير")
    assert "text" in exc.value.message_dict
    move_to(open_campaign, "ballot")
    with pytest.raises(ValidationError):
        service.submit_appeal(citizen, proposal, "بعد انتهاء أجل الطعون.")
    assert not Appeal.objects.exists()


def test_overturned_appeal_puts_the_proposal_on_the_ballot(citizen, committee_member, focal_point, open_campaign):
    proposal = rejected(open_campaign, citizen, committee_member)
    move_to(open_campaign, "review")
    appeal = service.submit_appeal(citizen, proposal, "الأرض في ملك الجماعة حسب الرسم العقاري.")
    with pytest.raises(ValidationError) as exc:
        service.answer_appeal(focal_point, appeal, "overturned", None, "")
    assert "cost" in exc.value.message_dict
    service.answer_appeal(focal_point, appeal, "overturned", Decimal(70_000), "تم التحقق من الرسم العقاري.")
    proposal.refresh_from_db()
    appeal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.cost == Decimal(70_000)
    assert appeal.decision == "overturned" and appeal.answered_by == focal_point
    assert AuditLogEntry.objects.filter(action="proposal.appeal").count() == 1
    assert Notification.objects.filter(recipient=citizen, kind="budget.appeal").count() == 1
    with pytest.raises(ValidationError):
        service.answer_appeal(focal_point, appeal, "upheld", None, "جواب ثان على نفس الطعن.")
    with pytest.raises(ValidationError):  # the answer is final
        service.review_proposal(committee_member, proposal, "reject", None, "محاولة تغيير بعد الطعن.")


def test_a_pending_appeal_is_answered_not_reviewed_again(citizen, committee_member, open_campaign):
    proposal = rejected(open_campaign, citizen, committee_member)
    move_to(open_campaign, "review")
    service.submit_appeal(citizen, proposal, "أطلب إعادة دراسة المشروع من فضلكم.")
    with pytest.raises(ValidationError):
        service.review_proposal(committee_member, proposal, "accept", Decimal(1000), "")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED


def test_upheld_appeal_needs_a_public_answer(citizen, committee_member, open_campaign):
    proposal = rejected(open_campaign, citizen, committee_member)
    move_to(open_campaign, "review")
    appeal = service.submit_appeal(citizen, proposal, "أطلب إعادة دراسة المشروع من فضلكم.")
    with pytest.raises(ValidationError) as exc:
        service.answer_appeal(committee_member, appeal, "upheld", None, "")
    assert "answer" in exc.value.message_dict
    with pytest.raises(ValidationError):
        service.answer_appeal(committee_member, appeal, "maybe", None, "جواب واضح بما فيه الكفاية.")
    service.answer_appeal(committee_member, appeal, "upheld", None, "الأرض ليست في ملك الجماعة.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED


# Promotion of co-creation ideas ---------------------------------------------------------------------------------


@pytest.fixture
def idea(commune, citizen):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.TRIAGE)
    return Idea.objects.create(
        programme=programme, title="مكتبة الحي", problem="لا توجد مكتبة.", solution="فتح مكتبة.", author=citizen
    )


def test_staff_promote_an_idea_keeping_its_author_and_provenance(focal_point, citizen, open_campaign, idea):
    proposal = service.promote_idea(focal_point, open_campaign, idea, {**VALUES, "title": idea.title})
    assert proposal.source_idea == idea and proposal.author == citizen and proposal.code == "P-1"
    assert proposal.status == Proposal.Status.SUBMITTED
    assert AuditLogEntry.objects.get(action="proposal.promote").details["idea"] == idea.pk
    assert Notification.objects.filter(recipient=citizen, kind="budget.promoted").exists()
    with pytest.raises(ValidationError) as exc:
        service.promote_idea(focal_point, open_campaign, idea, VALUES)
    assert "idea" in exc.value.message_dict
    assert Proposal.objects.count() == 1


def test_ideas_of_another_collectivity_or_hidden_are_refused(focal_point, open_campaign, idea, other_commune):
    programme = Programme.objects.create(collectivity=other_commune, cycle="2026-2027", title="Zagora")
    foreign = Idea.objects.create(programme=programme, title="فكرة", problem="مشكلة", solution="حل")
    for refused in (foreign, None):
        with pytest.raises(ValidationError):
            service.promote_idea(focal_point, open_campaign, refused, VALUES)
    idea.is_hidden = True
    idea.save()
    with pytest.raises(ValidationError):
        service.promote_idea(focal_point, open_campaign, idea, VALUES)
    assert not Proposal.objects.exists()


def test_an_idea_may_be_promoted_into_two_campaigns(focal_point, commune, open_campaign, idea):
    service.promote_idea(focal_point, open_campaign, idea, VALUES)
    second = campaign_in(commune, "review")
    assert service.promote_idea(focal_point, second, idea, VALUES).code == "P-1"


def test_promotion_needs_the_cost_and_nothing_is_saved_otherwise(focal_point, open_campaign, idea):
    with pytest.raises(ValidationError) as exc:
        service.promote_idea(focal_point, open_campaign, idea, {**VALUES, "estimated_cost": None})
    assert "estimated_cost" in exc.value.message_dict
    assert not Proposal.objects.exists() and not AuditLogEntry.objects.exists()


# Parallel submissions (PostgreSQL) ------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set")
def test_parallel_submissions_get_distinct_codes_and_the_limit_holds(commune):
    from ..threads import at_once

    campaign = campaign_in(commune, "proposals")
    people = [make_user(f"resident{n}@example.ma") for n in range(8)]
    results, errors = at_once(8, lambda n: submitted(campaign, people[n], title=f"مشروع {n}"))
    assert not errors, errors
    assert sorted(p.code for p in results) == sorted(f"P-{n}" for n in range(1, 9))
    one = make_user("fast@example.ma")
    results, errors = at_once(10, lambda n: submitted(campaign, one, title=f"سريع {n}"))
    assert len(results) == 3 and len(errors) == 7 and all(e.code == "too_fast" for e in errors), errors
    assert Proposal.objects.filter(campaign=campaign).count() == 11


def test_field_and_photo_errors_come_together_and_photos_get_safe_names(citizen, open_campaign):
    with pytest.raises(ValidationError) as exc:
        service.submit_proposal(citizen, open_campaign, {**VALUES, "title": ""}, files=[photo("a.pdf", b"%PDF-1")])
    assert {"title", "photos"} <= set(exc.value.message_dict)
    proposal = service.submit_proposal(citizen, open_campaign, VALUES, files=[photo("evil.html", png())])
    assert proposal.photos.get().image.name.endswith("/p-1-1.png")


def test_withdrawn_proposals_take_no_more_supports_or_comments(citizen, open_campaign):
    proposal = submitted(open_campaign, citizen)
    assert proposal.accepts("support", citizen) and proposal.accepts("comment", citizen)
    service.withdraw_proposal(citizen, proposal)
    proposal.refresh_from_db()
    assert not proposal.accepts("support", citizen) and not proposal.accepts("comment", citizen)
    assert proposal.accepts("follow", citizen) and proposal.accepts("flag", citizen)
