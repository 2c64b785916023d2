"""Online voting in a real browser, in Arabic at 360 px: a resident verifies their phone with the code received
by SMS, fills a knapsack ballot while the budget bar follows (and turns red past the budget), sends it and sees
their receipt code; nothing scrolls sideways."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.budgets.identity import format_receipt
from remacto.budgets.models import Ballot, Proposal

from ..budgets.conftest import accepted, campaign_in
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_resident_verifies_by_sms_and_votes(live_server, page, artifacts, commune, citizen, sms_outbox):
    campaign = campaign_in(commune, verification="phone")
    for code, cost, title in (
        ("P1", 150_000, "إنارة الشارع الرئيسي"),
        ("P2", 120_000, "ملعب للقرب"),
        ("P3", 200_000, "تهيئة الحديقة العمومية"),
        ("P4", 60_000, "دروس محو الأمية"),
    ):
        accepted(campaign, code, cost, title=title)
    with translation.override("ar"):
        vote_url = reverse("budgets:vote", kwargs={"slug": commune.slug, "pk": campaign.pk})
    sign_in(page, live_server, citizen.email)

    page.goto(live_server.url + vote_url)
    page.wait_for_url(re.compile(r"/vote/verify/$"))
    no_horizontal_scroll(page)
    page.check("input[name=resident]")
    page.fill("input[name=phone]", "06 12 34 56 78")
    page.screenshot(path=str(artifacts / "budgets-verify-ar.png"), full_page=True)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vote/verify/code/$"))
    code = re.search(r"\d{6}", sms_outbox[-1].body)[0]
    assert sms_outbox[-1].phone == "+212612345678"
    page.fill("input[name=code]", code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vote/$"))

    bar = page.locator(".budget-bar")
    text = page.locator(".budget-text")
    bar.wait_for()
    assert text.get_attribute("aria-live") == "polite"
    assert "المتبقي" in text.inner_text() and "400.000,00" in text.inner_text()
    page.check(f"#project-{Proposal.objects.get(code='P1').pk}")
    page.check(f"#project-{Proposal.objects.get(code='P3').pk}")
    page.check(f"#project-{Proposal.objects.get(code='P2').pk}")  # 470,000: over budget
    assert "is-over" in bar.get_attribute("class")
    assert "تجاوزت الميزانية" in text.inner_text() and "70.000,00" in text.inner_text()
    page.uncheck(f"#project-{Proposal.objects.get(code='P2').pk}")
    page.check(f"#project-{Proposal.objects.get(code='P4').pk}")  # 410,000: still over
    assert "is-over" in bar.get_attribute("class")
    page.uncheck(f"#project-{Proposal.objects.get(code='P4').pk}")  # 350,000
    assert "is-over" not in bar.get_attribute("class")
    assert "المصروف" in text.inner_text() and "50.000,00" in text.inner_text()
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "budgets-vote-ar.png"), full_page=True)

    page.locator("main form.ballot button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vote/done/$"))
    ballot = Ballot.objects.get()
    assert set(ballot.choices.values_list("proposal__code", flat=True)) == {"P1", "P3"}
    assert page.locator(".receipt-code").inner_text().strip() == format_receipt(ballot.receipt)
    assert page.locator("html").get_attribute("dir") == "rtl"
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "budgets-voted-ar.png"), full_page=True)
