"""Proposal pages: the list with search, filters, pages and empty states; the proposal page with its photos, review,
appeal and participation; proposing (with the 429 of the limit), editing, withdrawing, appealing; the review queue
and promotion of ideas; query counts capped and Arabic rendering."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remacto.budgets.models import Appeal, District, Proposal, ProposalPhoto
from remacto.budgets.services import proposals as service
from remacto.cocreation.models import Idea, Phase, Programme

from .conftest import campaign_in, move_to
from .test_proposal_services import VALUES, png, submitted


def url(name: str, campaign, code: str | None = None, **extra) -> str:
    kwargs = {"slug": campaign.collectivity.slug, "pk": campaign.pk, **extra}
    if code is not None:
        kwargs["code"] = code
    return reverse(f"budgets:{name}", kwargs=kwargs)


@pytest.fixture
def open_campaign(commune):
    return campaign_in(commune, "proposals")


@pytest.fixture
def many(open_campaign, citizen):
    """25 proposals, every fifth about a library; a district each in turn."""
    districts = [
        District.objects.create(campaign=open_campaign, name="السلام", budget=Decimal(200_000), position=1),
        District.objects.create(campaign=open_campaign, name="الرياض", budget=Decimal(150_000), position=2),
    ]
    rows = [
        Proposal(
            campaign=open_campaign,
            code=f"P-{n}",
            title="مكتبة الحي" if n % 5 == 0 else f"مشروع رقم {n}",
            description="وصف المشروع",
            estimated_cost=Decimal(10_000 + n),
            district=districts[n % 2],
            author=citizen,
            status=Proposal.Status.REJECTED if n == 3 else Proposal.Status.SUBMITTED,
            review_reason="غير قابل للإنجاز" if n == 3 else "",
        )
        for n in range(1, 26)
    ]
    Proposal.objects.bulk_create(rows)
    return districts


# The list -------------------------------------------------------------------------------------------------------


def test_list_paginates_searches_and_filters(client, open_campaign, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = client.get(url("proposals", open_campaign))
    html = page.content.decode()
    assert page.status_code == 200 and "P-25" in html and "P-1<" not in html  # 20 a page, newest first
    assert "?page=2" in html
    with django_assert_max_num_queries(6):
        second = client.get(url("proposals", open_campaign) + "?page=2").content.decode()
    assert "P-1<" in second or "P-1\u2069" in second
    # spelling variants fold: "مكتبه" (ta marbuta written as ha) finds "مكتبة"
    found = client.get(url("proposals", open_campaign), {"q": "مكتبه"}).content.decode()
    assert found.count('class="card proposal-card"') == 5
    rejected = client.get(url("proposals", open_campaign), {"status": "rejected"}).content.decode()
    assert rejected.count('class="card proposal-card"') == 1 and "غير قابل للإنجاز" in rejected
    by_district = client.get(url("proposals", open_campaign), {"district": many[0].pk}).content.decode()
    assert by_district.count('class="card proposal-card"') == 12  # even numbers among 1..25 on the first page


@pytest.mark.parametrize("query", [{"status": "nope"}, {"district": "999999"}, {"district": "x"}, {"q": "x" * 500}])
def test_bad_filters_give_a_page_not_an_error(client, open_campaign, many, query):
    assert client.get(url("proposals", open_campaign), query).status_code == 200


def test_list_empty_states(client, open_campaign, many):
    empty = client.get(url("proposals", campaign_in(open_campaign.collectivity, "proposals"))).content.decode()
    assert "لم يقترح أي مشروع بعد" in empty
    none_found = client.get(url("proposals", open_campaign), {"q": "غيرموجود"}).content.decode()
    assert "لا يوجد مقترح يطابق بحثك" in none_found


def test_hidden_proposals_are_left_out_of_the_list(client, open_campaign, citizen):
    submitted(open_campaign, citizen, title="مقترح مخفي")
    Proposal.objects.update(is_hidden=True, hidden_reason="إساءة")
    assert "مقترح مخفي" not in client.get(url("proposals", open_campaign)).content.decode()


# The proposal page ----------------------------------------------------------------------------------------------


def test_proposal_page_shows_review_cost_photos_district_idea_and_appeal(
    client, commune, citizen, committee_member, django_assert_max_num_queries
):
    campaign = campaign_in(commune, "proposals")
    district = District.objects.create(campaign=campaign, name="السلام", budget=Decimal(200_000))
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.TRIAGE)
    idea = Idea.objects.create(programme=programme, title="فكرة المكتبة", problem="م", solution="ح", author=citizen)
    proposal = service.promote_idea(committee_member, campaign, idea, {**VALUES, "district": district})
    ProposalPhoto.objects.create(proposal=proposal, image=SimpleUploadedFile("a.png", png()), position=1)
    service.review_proposal(committee_member, proposal, "reject", None, "الأرض ليست في ملك الجماعة.")
    move_to(campaign, "review")
    Appeal.objects.create(proposal=proposal, text="الأرض في ملك الجماعة.", answer="", decision="")
    with django_assert_max_num_queries(8):
        page = client.get(proposal.get_absolute_url())
    html = page.content.decode()
    for text in ("الأرض ليست في ملك الجماعة.", "الأرض في ملك الجماعة.", "فكرة المكتبة", "السلام", "90.000,00"):
        assert text in html
    assert url("proposal_photo", campaign, proposal.code, photo=proposal.photos.get().pk) in html
    assert 'dir="auto"' in html and "<bdi>" in html
    assert "participation-blocks" in html
    client.force_login(citizen)  # the author: support, follow and comment forms, and the author's links
    with django_assert_max_num_queries(14):
        assert client.get(proposal.get_absolute_url()).status_code == 200


def test_photo_is_served_and_hidden_with_its_proposal(client, open_campaign, citizen, moderator):
    proposal = service.submit_proposal(citizen, open_campaign, VALUES, files=[SimpleUploadedFile("a.png", png())])
    photo_url = url("proposal_photo", open_campaign, proposal.code, photo=proposal.photos.get().pk)
    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert client.get(url("proposal_photo", open_campaign, "P-99", photo=proposal.photos.get().pk)).status_code == 404
    Proposal.objects.update(is_hidden=True)
    assert client.get(photo_url).status_code == 404
    client.force_login(moderator)
    assert client.get(photo_url).status_code == 200


def test_unknown_code_or_campaign_of_another_member_is_404(client, open_campaign, other_commune, citizen):
    proposal = submitted(open_campaign, citizen)
    assert client.get(url("proposal", open_campaign, "P-404")).status_code == 404
    wrong = reverse("budgets:proposal", kwargs={"slug": other_commune.slug, "pk": open_campaign.pk, "code": "P-1"})
    assert client.get(wrong).status_code == 404
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_hidden_proposal_page_hides_its_content(client, open_campaign, citizen):
    proposal = submitted(open_campaign, citizen, title="عنوان سيخفى")
    Proposal.objects.update(is_hidden=True, hidden_reason="إساءة")
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "عنوان سيخفى" not in html and "إساءة" in html


# Proposing, editing, withdrawing, appealing ---------------------------------------------------------------------


def form_data(**values):
    data = {"title": VALUES["title"], "description": VALUES["description"], "place": "", "estimated_cost": "90 000"}
    data.update(values)
    return data


def test_resident_proposes_with_a_photo_and_sees_a_confirmation(client, open_campaign, citizen):
    client.force_login(citizen)
    assert client.get(url("propose", open_campaign)).status_code == 200
    response = client.post(
        url("propose", open_campaign), {**form_data(), "photos": [SimpleUploadedFile("a.png", png())]}, follow=True
    )
    proposal = Proposal.objects.get()
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    assert proposal.estimated_cost == Decimal(90_000) and proposal.photos.count() == 1
    assert "P-1" in response.content.decode() and 'class="message' in response.content.decode()


def test_propose_form_shows_errors_and_saves_nothing(client, open_campaign, citizen):
    client.force_login(citizen)
    bad = client.post(url("propose", open_campaign), form_data(estimated_cost="-5"))
    assert bad.status_code == 200 and "has-error" in bad.content.decode()
    photos = [SimpleUploadedFile(f"{n}.png", png()) for n in range(4)]
    too_many = client.post(url("propose", open_campaign), {**form_data(), "photos": photos})
    assert too_many.status_code == 200 and "has-error" in too_many.content.decode()
    pdf = client.post(
        url("propose", open_campaign), {**form_data(), "photos": [SimpleUploadedFile("a.pdf", b"%PDF-1")]}
    )
    assert "a.pdf" in pdf.content.decode()
    assert not Proposal.objects.exists() and not ProposalPhoto.objects.exists()


def test_tampered_district_is_refused(client, open_campaign, citizen, commune):
    District.objects.create(campaign=open_campaign, name="السلام", budget=Decimal(1000))
    other = District.objects.create(campaign=campaign_in(commune, "proposals"), name="أخرى", budget=Decimal(1000))
    client.force_login(citizen)
    for value in (str(other.pk), "abc", "", "-1"):
        response = client.post(url("propose", open_campaign), form_data(district=value))
        assert response.status_code == 200 and "has-error" in response.content.decode()
    assert not Proposal.objects.exists()


def test_nul_bytes_are_refused(client, open_campaign, citizen):
    client.force_login(citizen)
    response = client.post(url("propose", open_campaign), form_data(title="ملعب\x00"))
    assert response.status_code in (200, 400)
    assert not Proposal.objects.exists()


def test_limit_answers_429(client, open_campaign, citizen):
    client.force_login(citizen)
    for _ in range(3):
        assert client.post(url("propose", open_campaign), form_data()).status_code == 302
    refused = client.post(url("propose", open_campaign), form_data())
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Proposal.objects.count() == 3


def test_propose_outside_the_window(client, commune, citizen):
    campaign = campaign_in(commune, "review")
    client.force_login(citizen)
    assert client.get(url("propose", campaign)).status_code == 200
    assert client.post(url("propose", campaign), form_data()).status_code == 403
    assert not Proposal.objects.exists()


def test_propose_needs_signing_in(client, open_campaign):
    assert client.get(url("propose", open_campaign)).status_code == 302


def test_author_edits_and_withdraws(client, open_campaign, citizen):
    proposal = submitted(open_campaign, citizen)
    client.force_login(citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert url("proposal_edit", open_campaign, "P-1") in page and url("proposal_withdraw", open_campaign, "P-1") in page
    response = client.post(url("proposal_edit", open_campaign, "P-1"), form_data(title="عنوان معدل"), follow=True)
    assert "عنوان معدل" in response.content.decode()
    assert client.get(url("proposal_withdraw", open_campaign, "P-1")).status_code == 200
    client.post(url("proposal_withdraw", open_campaign, "P-1"), follow=True)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert client.get(url("proposal_edit", open_campaign, "P-1")).status_code == 302


def test_author_appeals_from_the_page(client, open_campaign, citizen, committee_member):
    proposal = submitted(open_campaign, citizen)
    service.review_proposal(committee_member, proposal, "reject", None, "الأرض ليست في ملك الجماعة.")
    move_to(open_campaign, "review")
    client.force_login(citizen)
    assert url("appeal", open_campaign, "P-1") in client.get(proposal.get_absolute_url()).content.decode()
    short = client.post(url("appeal", open_campaign, "P-1"), {"text": "لا"})
    assert short.status_code == 200 and not Appeal.objects.exists()
    response = client.post(
        url("appeal", open_campaign, "P-1"), {"text": "الأرض في ملك الجماعة حسب الرسم."}, follow=True
    )
    assert Appeal.objects.get().proposal == proposal
    assert "الأرض في ملك الجماعة حسب الرسم." in response.content.decode()
    again = client.get(url("appeal", open_campaign, "P-1"))
    assert again.status_code == 302  # appealed once already


# Staff: review queue and promotion ------------------------------------------------------------------------------


def test_review_queue_decides_each_proposal(
    client, open_campaign, many, committee_member, django_assert_max_num_queries
):
    client.force_login(committee_member)
    with django_assert_max_num_queries(10):
        queue = client.get(url("review", open_campaign))
    html = queue.content.decode()
    assert queue.status_code == 200 and html.count('class="triage-form"') == 20
    target = url("review_one", open_campaign, "P-2")
    response = client.post(
        target, {"decision": "accept", "cost": "12 000", "reason": "", "next": url("review", open_campaign)}
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"#proposal-{Proposal.objects.get(code='P-2').pk}"
    )
    assert Proposal.objects.get(code="P-2").cost == Decimal(12_000)
    missing = client.post(target.replace("P-2", "P-4"), {"decision": "reject", "reason": ""})
    assert missing.status_code == 200 and "has-error" in missing.content.decode()
    assert Proposal.objects.get(code="P-4").status == Proposal.Status.SUBMITTED
    negative = client.post(target.replace("P-2", "P-4"), {"decision": "accept", "cost": "-3"})
    assert negative.status_code == 200 and Proposal.objects.get(code="P-4").status == Proposal.Status.SUBMITTED
    assert client.get(url("review", open_campaign), {"status": "bogus"}).status_code == 200


def test_reviewer_answers_an_appeal_from_the_queue(client, open_campaign, citizen, committee_member):
    proposal = submitted(open_campaign, citizen)
    service.review_proposal(committee_member, proposal, "reject", None, "الأرض ليست في ملك الجماعة.")
    move_to(open_campaign, "review")
    service.submit_appeal(citizen, proposal, "الأرض في ملك الجماعة حسب الرسم.")
    client.force_login(committee_member)
    queue = client.get(url("review", open_campaign), {"status": "appeals"}).content.decode()
    assert "P-1" in queue and 'value="overturned"' in queue
    client.post(url("review_one", open_campaign, "P-1"), {"decision": "overturned", "cost": "50000", "answer": ""})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.appeal.decision == "overturned"


def test_staff_promote_an_idea_in_two_steps(client, commune, open_campaign, citizen, focal_point, other_commune):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.TRIAGE)
    idea = Idea.objects.create(
        programme=programme, title="مكتبة الحي", problem="لا مكتبة.", solution="مكتبة.", author=citizen
    )
    foreign_programme = Programme.objects.create(collectivity=other_commune, cycle="2026-2027", title="Z")
    foreign = Idea.objects.create(programme=foreign_programme, title="فكرة زاكورة", problem="م", solution="ح")
    client.force_login(focal_point)
    choose = client.get(url("promote_idea", open_campaign)).content.decode()
    assert "مكتبة الحي" in choose and "فكرة زاكورة" not in choose
    form = client.get(url("promote_idea", open_campaign), {"idea": idea.pk}).content.decode()
    assert "لا مكتبة." in form
    assert client.get(url("promote_idea", open_campaign), {"idea": foreign.pk}).status_code == 404
    assert client.get(url("promote_idea", open_campaign), {"idea": "1 OR 1=1"}).status_code == 404
    response = client.post(url("promote_idea", open_campaign), {**form_data(title="مكتبة الحي"), "idea": idea.pk})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.source_idea == idea and proposal.author == citizen
    assert "مكتبة الحي" not in client.get(url("promote_idea", open_campaign)).content.decode()


def test_pages_render_in_french_too(client, open_campaign, citizen):
    proposal = submitted(open_campaign, citizen)
    french = client.get("/fr" + proposal.get_absolute_url()[3:])
    assert french.status_code == 200 and 'lang="fr"' in french.content.decode()


def test_arabic_pages_and_amazigh_pages_isolate_arabic_content(client, open_campaign, many, citizen):
    from ..test_amazigh_coverage import arabic_leaks

    proposal = Proposal.objects.get(code="P-3")
    paths = [url("proposals", open_campaign), proposal.get_absolute_url()]
    for path in paths:
        arabic = client.get(path).content.decode()
        assert '<html lang="ar" dir="rtl">' in arabic and "المقترحات" in arabic
        amazigh = client.get("/zgh" + path.removeprefix("/ar")).content.decode()
        assert "ⵉⵙⵓⵎⵔⵏ" in amazigh
        assert not arabic_leaks(amazigh)


def test_tampered_association_is_refused(client, open_campaign, association_member):
    from remacto.accounts.models import Organisation

    mine = Organisation.objects.get(slug="al-amal")
    other = Organisation.objects.create(name="جمعية أخرى", slug="other")
    client.force_login(association_member)
    page = client.get(url("propose", open_campaign)).content.decode()
    assert "جمعية الأمل" in page and "جمعية أخرى" not in page
    for value in (str(other.pk), "abc", "99999"):
        response = client.post(url("propose", open_campaign), form_data(organisation=value))
        assert response.status_code == 200 and "has-error" in response.content.decode()
    assert not Proposal.objects.exists()
    client.post(url("propose", open_campaign), form_data(organisation=str(mine.pk)))
    assert Proposal.objects.get().organisation == mine


def test_admin_lists_and_forms_open(client, open_campaign, citizen, committee_member):
    from ..conftest import make_user

    proposal = service.submit_proposal(citizen, open_campaign, VALUES, files=[SimpleUploadedFile("a.png", png())])
    service.review_proposal(committee_member, proposal, "reject", None, "الأرض ليست في ملك الجماعة.")
    move_to(open_campaign, "review")
    appeal = service.submit_appeal(citizen, proposal, "الأرض في ملك الجماعة حسب الرسم.")
    client.force_login(make_user("root@example.ma", is_staff=True, is_superuser=True))
    for model, pk in [
        ("campaign", open_campaign.pk),
        ("district", None),
        ("proposal", proposal.pk),
        ("proposalphoto", proposal.photos.get().pk),
        ("appeal", appeal.pk),
    ]:
        assert client.get(f"/ar/admin/budgets/{model}/", {"q": "P-1"}).status_code == 200, model
        if pk:
            assert client.get(f"/ar/admin/budgets/{model}/{pk}/change/").status_code == 200, model
