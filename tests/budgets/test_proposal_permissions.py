"""Who may do what with proposals: any signed-in person proposes; only the author edits, withdraws and appeals;
the collectivity's reviewers (committee members, focal point) and network admins review, answer appeals and
promote ideas. Staff of another collectivity, moderators and polling officers are refused, and nothing is written."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from remacto.budgets.models import Appeal, Proposal
from remacto.budgets.services import proposals as service
from remacto.cocreation.models import Idea, Phase, Programme
from remacto.core.models import AuditLogEntry

from .conftest import campaign_in, move_to
from .test_proposal_services import VALUES, submitted

ROLES = [
    "citizen",
    "committee_member",
    "moderator",
    "focal_point",
    "other_focal_point",
    "other_committee_member",
    "polling_officer",
    "network_admin",
]
REVIEWERS = {"committee_member", "focal_point", "network_admin"}


@pytest.fixture
def author(db):
    from ..conftest import make_user

    return make_user("author@example.ma", "Author")


@pytest.fixture
def open_campaign(commune):
    return campaign_in(commune, "proposals")


@pytest.fixture
def idea(commune, author):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.TRIAGE)
    return Idea.objects.create(
        programme=programme, title="مكتبة", problem="لا مكتبة.", solution="مكتبة.", author=author
    )


def _rejected_with_appeal(campaign, author) -> Appeal:
    proposal = submitted(campaign, author)
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.REJECTED, review_reason="غير ممكن إنجازه.")
    move_to(campaign, "review")
    proposal.refresh_from_db()
    return service.submit_appeal(author, proposal, "أطلب إعادة النظر في القرار.")


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_person_may_propose(request, role, open_campaign):
    user = request.getfixturevalue(role)
    assert service.submit_proposal(user, open_campaign, VALUES).author == user


def test_anonymous_visitors_cannot_propose(open_campaign):
    with pytest.raises(PermissionDenied):
        service.submit_proposal(AnonymousUser(), open_campaign, VALUES)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_review_by_role(request, role, open_campaign, author):
    user = request.getfixturevalue(role)
    proposal = submitted(open_campaign, author)
    if role in REVIEWERS:
        service.review_proposal(user, proposal, "accept", Decimal(50_000), "")
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.ACCEPTED
    else:
        with pytest.raises(PermissionDenied):
            service.review_proposal(user, proposal, "accept", Decimal(50_000), "")
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.SUBMITTED
        assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_appeal_answer_by_role(request, role, open_campaign, author):
    user = request.getfixturevalue(role)
    appeal = _rejected_with_appeal(open_campaign, author)
    if role in REVIEWERS:
        service.answer_appeal(user, appeal, "upheld", None, "القرار صائب بعد إعادة الدراسة.")
        appeal.refresh_from_db()
        assert appeal.is_answered
    else:
        with pytest.raises(PermissionDenied):
            service.answer_appeal(user, appeal, "overturned", Decimal(1000), "")
        appeal.refresh_from_db()
        assert not appeal.is_answered and appeal.proposal.status == Proposal.Status.REJECTED


@pytest.mark.parametrize("role", ROLES)
def test_promotion_by_role(request, role, open_campaign, idea):
    user = request.getfixturevalue(role)
    if role in REVIEWERS:
        assert service.promote_idea(user, open_campaign, idea, VALUES).source_idea == idea
    else:
        with pytest.raises(PermissionDenied):
            service.promote_idea(user, open_campaign, idea, VALUES)
        assert not Proposal.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_author_edits_withdraws_and_appeals(request, role, open_campaign, author):
    user = request.getfixturevalue(role)
    proposal = submitted(open_campaign, author)
    with pytest.raises(PermissionDenied):
        service.edit_proposal(user, proposal, {"title": "تعديل من غير صاحبه"})
    with pytest.raises(PermissionDenied):
        service.withdraw_proposal(user, proposal)
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.REJECTED, review_reason="غير ممكن.")
    move_to(open_campaign, "review")
    with pytest.raises(PermissionDenied):
        service.submit_appeal(user, proposal, "طعن من غير صاحب المقترح.")
    proposal.refresh_from_db()
    assert proposal.title == VALUES["title"] and not Appeal.objects.exists()


def test_staff_of_another_collectivity_cannot_touch_this_campaign_by_url(
    client, open_campaign, author, other_focal_point, idea
):
    proposal = submitted(open_campaign, author)
    client.force_login(other_focal_point)
    kwargs = {"slug": open_campaign.collectivity.slug, "pk": open_campaign.pk}
    assert client.get(reverse("budgets:review", kwargs=kwargs)).status_code == 403
    assert client.get(reverse("budgets:promote_idea", kwargs=kwargs)).status_code == 403
    decide = reverse("budgets:review_one", kwargs={**kwargs, "code": proposal.code})
    assert client.post(decide, {"decision": "accept", "cost": "1000"}).status_code == 403
    promote = reverse("budgets:promote_idea", kwargs=kwargs)
    assert (
        client.post(promote, {"idea": idea.pk, "title": "x", "description": "y", "estimated_cost": "1"}).status_code
        == 403
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and Proposal.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_by_role(client, request, role, open_campaign, author):
    proposal = submitted(open_campaign, author)
    kwargs = {"slug": open_campaign.collectivity.slug, "pk": open_campaign.pk}
    pages = [
        reverse("budgets:review", kwargs=kwargs),
        reverse("budgets:review_one", kwargs={**kwargs, "code": proposal.code}),
        reverse("budgets:promote_idea", kwargs=kwargs),
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # to sign in
    client.force_login(request.getfixturevalue(role))
    for page in pages:
        assert client.get(page).status_code == (200 if role in REVIEWERS else 403)


def test_author_pages_refuse_others(client, open_campaign, author, focal_point):
    proposal = submitted(open_campaign, author)
    client.force_login(focal_point)
    for name in ("proposal_edit", "proposal_withdraw", "appeal"):
        target = reverse(
            f"budgets:{name}",
            kwargs={"slug": open_campaign.collectivity.slug, "pk": open_campaign.pk, "code": proposal.code},
        )
        assert client.get(target).status_code == 403
        assert client.post(target, {"title": "x", "text": "طعن من غير صاحبه."}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
