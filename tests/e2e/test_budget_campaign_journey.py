"""A whole participatory budget in a real browser, in Arabic at 360 px: a resident proposes a project, a committee
member accepts it after review with a cost, a voter verifies their phone with the one-time code sent by SMS and
fills a knapsack ballot, voting closes, the focal point counts and publishes, the results explain every project,
and the voter checks their receipt. Screenshots of every step go to test-artifacts/."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.budgets.models import Ballot, Proposal

from ..budgets.conftest import accepted, campaign_in, move_to
from ..conftest import make_user
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def url(name: str, campaign, **kwargs) -> str:
    with translation.override("ar"):
        return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk, **kwargs})


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"budgets-journey-{name}-ar.png"), full_page=True)


def test_propose_review_vote_count_and_check_the_receipt(
    live_server, page, artifacts, commune, citizen, committee_member, focal_point, sms_outbox
):
    campaign = campaign_in(commune, "proposals", verification="phone", rule="greedy")
    accepted(campaign, "P-1", 250_000, title="تهيئة الحديقة العمومية")
    accepted(campaign, "P-2", 120_000, title="ملعب للقرب")

    # A resident proposes a project from the campaign's page.
    sign_in(page, live_server, citizen.email)
    page.goto(live_server.url + url("campaign", campaign))
    page.get_by_role("link", name="اقترح مشروعاً").first.click()
    page.fill("input[name=title]", "إنارة الدرج المؤدي إلى المدرسة")
    page.fill("textarea[name=description]", "تركيب مصابيح شمسية على طول الدرج لحماية التلاميذ في المساء.")
    page.fill("input[name=place]", "حي الأمل")
    page.fill("input[name=estimated_cost]", "٩٠ ٠٠٠")
    shot(page, artifacts, "propose")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/proposals/P-3/$"))
    assert "في انتظار" in page.locator("main").inner_text()
    proposal = Proposal.objects.get(code="P-3")
    assert proposal.author == citizen and proposal.estimated_cost == 90_000

    # Proposals close; a committee member accepts it after review, with the services' cost and a public reason.
    move_to(campaign, "review")
    sign_in(page, live_server, committee_member.email)
    page.goto(live_server.url + url("review", campaign))
    row = page.locator(f"#proposal-{proposal.pk}")
    row.locator("input[name=decision][value=accept]").check()
    row.locator("input[name=cost]").fill("85000")
    row.locator("textarea[name=reason]").fill("مشروع قابل للإنجاز: كلفة المصابيح حسب المصلحة التقنية.")
    shot(page, artifacts, "review")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.cost == 85_000

    # Voting opens; a voter verifies their phone with the code received by SMS and fills a knapsack ballot.
    move_to(campaign, "voting")
    voter = make_user("voter@example.ma")
    sign_in(page, live_server, voter.email)
    page.goto(live_server.url + url("vote", campaign))
    page.wait_for_url(re.compile(r"/vote/verify/$"))
    page.check("input[name=resident]")
    page.fill("input[name=phone]", "0661234567")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vote/verify/code/$"))
    page.fill("input[name=code]", re.search(r"\d{6}", sms_outbox[-1].body)[0])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vote/$"))
    for code in ("P-1", "P-3"):
        page.check(f"#project-{Proposal.objects.get(code=code).pk}")
    assert "is-over" not in page.locator(".budget-bar").get_attribute("class")
    assert "65.000,00" in page.locator(".budget-text").inner_text()  # 400,000 - 250,000 - 85,000 left
    shot(page, artifacts, "ballot")
    page.locator("main form.ballot button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vote/done/$"))
    receipt = page.locator(".receipt-code").inner_text().strip()
    shot(page, artifacts, "receipt")
    ballot = Ballot.objects.get(user=voter)
    assert set(ballot.choices.values_list("proposal__code", flat=True)) == {"P-1", "P-3"}

    # Voting closes; the focal point counts the ballots in the background and publishes the results.
    move_to(campaign, "counting")
    sign_in(page, live_server, focal_point.email)
    page.goto(live_server.url + url("count", campaign))
    page.locator("main form button[type=submit]").first.click()
    publish = page.get_by_role("button", name="انشر هذه النتائج")
    publish.wait_for()
    shot(page, artifacts, "count")
    publish.click()
    page.wait_for_load_state()

    # Anyone reads the results, with the reason for every project.
    page.context.clear_cookies()
    page.goto(live_server.url + url("results", campaign))
    main = page.locator("main").inner_text()
    for code in ("P-1", "P-2", "P-3"):
        assert page.locator(f"#results-table li[data-code='{code}']").count() == 1
    selected = page.locator("#results-table li.is-selected").all_inner_texts()
    assert len(selected) == 2 and any("P-3" in text for text in selected)
    assert "تم اختياره" in main and "لم يتم اختياره" in main
    shot(page, artifacts, "results")

    # The voter checks that their ballot was counted, without anything of its content being shown.
    page.goto(live_server.url + url("receipt", campaign))
    page.fill("input[name=code]", receipt)
    page.locator("main form button[type=submit]").click()
    status = page.locator(".receipt-status").inner_text()
    assert "احتُسبت" in status or "احتسب" in status, status
    assert "ملعب" not in status and "الحديقة" not in status
    shot(page, artifacts, "receipt-check")
