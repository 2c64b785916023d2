"""Campaign pages: lists, the campaign page in every phase, the rules page with its worked example, staff pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from remacto.budgets.models import Campaign
from remacto.budgets.worked_example import example

from .conftest import campaign_in, move_to


def url(name: str, campaign: Campaign) -> str:
    return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk})


@pytest.mark.parametrize("phase", ["proposals", "review", "ballot", "voting", "counting"])
def test_campaign_page_says_what_to_do_now(client, campaign, phase, django_assert_max_num_queries):
    move_to(campaign, phase)
    with django_assert_max_num_queries(8):
        response = client.get(url("campaign", campaign))
    assert response.status_code == 200
    assert "400.000,00" in response.content.decode()


def test_lists_show_campaigns_and_empty_states(client, campaign, other_commune):
    assert "الميزانية التشاركية 2026" in client.get(reverse("budgets:all_campaigns")).content.decode()
    empty = client.get(reverse("budgets:campaigns", kwargs={"slug": other_commune.slug}))
    assert (
        "لا توجد ميزانية تشاركية بعد" in empty.content.decode()
        or "No participatory budget yet." in empty.content.decode()
    )


@pytest.mark.parametrize(
    ("fields", "selected"),
    [
        ({"rule": "greedy"}, {"A", "D", "E"}),
        ({"rule": "mes", "completion": "none"}, None),
        ({"rule": "mes", "completion": "add1"}, None),
        ({"rule": "greedy-threshold", "threshold": Decimal(50)}, {"A", "D", "E"}),
        ({"ballot_type": "cumulative", "max_points": 10}, None),
        ({"ballot_type": "ranked", "max_choices": 3}, None),
        ({"ballot_type": "approval", "max_choices": 3}, {"A", "D", "E"}),
    ],
)
def test_worked_example_is_counted_by_the_campaign_rule(commune, client, fields, selected):
    campaign = campaign_in(commune, "ballot", **fields)
    counted = example(campaign)
    chosen = {row.code for row in counted.rows if row.selected}
    assert sum(row.cost for row in counted.rows if row.selected) == counted.total_cost <= counted.budget
    if selected is not None:
        assert chosen == selected
    assert all(row.reason for row in counted.rows)
    page = client.get(url("rules", campaign)).content.decode()
    assert all(row.reason.split(":")[0] in page for row in counted.rows)


def test_staff_pages_are_for_staff_only(client, campaign, citizen, focal_point, other_focal_point):
    for name in ("manage", "campaign_edit", "districts_edit"):
        assert client.get(url(name, campaign)).status_code == 302  # to sign in
        client.force_login(citizen)
        assert client.get(url(name, campaign)).status_code == 403
        client.force_login(other_focal_point)
        assert client.get(url(name, campaign)).status_code == 403
        client.force_login(focal_point)
        assert client.get(url(name, campaign)).status_code == 200
        client.logout()


def test_staff_locks_the_rules_from_the_manage_page(client, campaign, focal_point):
    move_to(campaign, "ballot")
    client.force_login(focal_point)
    response = client.post(url("lock", campaign), follow=True)
    assert response.redirect_chain[-1][0].startswith("/ar/")
    campaign.refresh_from_db()
    assert campaign.rules_locked
    edit = client.post(url("campaign_edit", campaign), {"title_ar": "عنوان", "budget": "1"}, follow=True)
    assert edit.status_code == 200
    campaign.refresh_from_db()
    assert campaign.budget == Decimal(400_000)


def test_open_campaigns_are_on_the_home_page_and_the_member_space(client, campaign, commune):
    move_to(campaign, "voting")
    home = client.get("/ar/").content.decode()
    assert campaign.get_absolute_url() in home
    space = client.get(commune.get_absolute_url()).content.decode()
    assert campaign.get_absolute_url() in space and "التصويت مفتوح" in space


def test_closed_campaigns_are_not_open_now(client, campaign):
    move_to(campaign, "counting")
    assert campaign.get_absolute_url() not in client.get("/ar/").content.decode()


def test_rules_page_explains_the_comparison_step_when_there_is_one(client, commune):
    with_step = campaign_in(commune, "ballot", rule="mes", completion="add1", comparison="satisfaction")
    without = campaign_in(commune, "ballot", rule="mes", completion="add1")
    sentence = "تُقارن النتيجة بنتيجة القاعدة الأبسط"
    assert sentence in client.get(url("rules", with_step)).content.decode()
    assert sentence not in client.get(url("rules", without)).content.decode()


def test_staff_create_and_edit_a_campaign_through_its_form(client, focal_point, commune):
    client.force_login(focal_point)
    form = {
        "title_ar": "الميزانية التشاركية 2027",
        "title_fr": "Budget participatif 2027",
        "description_ar": "غلاف مالي للأحياء.",
        "description_fr": "Une enveloppe pour les quartiers.",
        "budget": "400 000",
        "proposals_start": "2027-01-10T09:00",
        "proposals_end": "2027-02-10T18:00",
        "voting_start": "2027-04-01T08:00",
        "voting_end": "2027-04-15T20:00",
        "ballot_type": "knapsack",
        "min_choices": "1",
        "rule": "mes",
        "completion": "add1",
        "tie_breaking": "lower-cost,more-votes",
        "verification": "email",
        "requires_residence": "on",
        "allow_ballot_change": "on",
    }
    created = client.post(reverse("budgets:campaign_create", kwargs={"slug": commune.slug}), form)
    campaign = Campaign.objects.get()
    assert created.status_code == 302 and created["Location"] == url("manage", campaign)
    assert campaign.description_fr == "Une enveloppe pour les quartiers." and campaign.budget == Decimal(400_000)
    edited = client.post(url("campaign_edit", campaign), {**form, "description_fr": "Une autre enveloppe."})
    assert edited.status_code == 302
    campaign.refresh_from_db()
    assert campaign.description_fr == "Une autre enveloppe." and campaign.title_ar == "الميزانية التشاركية 2027"
