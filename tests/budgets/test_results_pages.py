"""The results page, the count page and its progress, the results PDF and the implementation form."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.budgets import pdf
from remacto.budgets.models import BallotType, Campaign, Count, District, Proposal
from remacto.budgets.services import counting as service

from .conftest import accepted, campaign_in, store_ballots

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(commune) -> Campaign:
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.KNAPSACK)
    for position, (code, cost, title) in enumerate(
        (
            ("P1", 150_000, "إنارة الشارع الرئيسي"),
            ("P2", 120_000, "Aire de jeux"),
            ("P3", 300_000, "ملعب القرب"),
            ("P4", 60_000, "حديقة الحي"),
        )
    ):
        accepted(campaign, code, cost, position=position, title=title)
    store_ballots(campaign, [["P1", "P4"]] * 5 + [["P3"]] * 4 + [["P2", "P4"]] * 2)
    store_ballots(campaign, [["P4"]] * 2, channel="paper", start=100)
    return campaign


@pytest.fixture
def done(closed) -> Count:
    return service.count_campaign(closed)


@pytest.fixture
def published(closed, done, focal_point) -> Count:
    service.publish_results(focal_point, closed, done)
    return done


def url(name, campaign, **kwargs):
    return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk, **kwargs})


# Results page ------------------------------------------------------------------------------------------------


def test_results_are_hidden_from_the_public_before_publication(client, closed, done, citizen):
    assert client.get(url("results", closed)).status_code == 404
    client.force_login(citizen)
    assert client.get(url("results", closed)).status_code == 404
    assert client.get(url("results", closed) + f"?count={done.pk}").status_code == 404


@pytest.mark.parametrize("role", ["committee_member", "moderator", "polling_officer", "other_focal_point"])
def test_other_staff_do_not_preview(client, closed, done, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url("results", closed)).status_code == 404


def test_staff_preview_an_unpublished_count_clearly_marked(client, closed, done, focal_point):
    client.force_login(focal_point)
    response = client.get(url("results", closed))
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert "preview-note" in response.content.decode()


def test_published_results_page(client, closed, published, django_assert_max_num_queries):
    with translation.override("fr"):
        page = url("results", closed)
    with django_assert_max_num_queries(8):
        response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["preview"] is False and "preview-note" not in html
    # Winners with cost and votes, every project's reason, the chart and its table.
    results = response.context["results"]
    assert [row.code for row in results.winners] == ["P4", "P1", "P2"]
    assert len(re.findall(r'<li class="[^"]*" data-code=', html)) == 4
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg results-chart"' in html
    assert '<title id="results-chart-title">' in html and '<desc id="results-chart-desc">' in html
    assert html.count('class="chart-row selected"') == 3
    assert "Non retenu : il était numéro 3 du classement" in html
    assert "bulletins ont été dépouillés" in html and "Égalités" in html
    assert reverse("budgets:rules", kwargs={"slug": closed.collectivity.slug, "pk": closed.pk}) in html
    with translation.override("fr"):
        assert url("results_pdf", closed, lang="ar") in html and url("results_pdf", closed, lang="fr") in html


def test_results_page_in_arabic(client, closed, published):
    with translation.override("ar"):
        response = client.get(url("results", closed))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_excluded_ballots_shown_with_their_reasons(client, closed, focal_point):
    from django.utils import timezone

    for ballot in store_ballots(closed, [["P3"]] * 2, start=200):
        ballot.excluded_at = timezone.now()
        ballot.exclusion_reason = "تصويت مكرر"
        ballot.save()
    count = service.count_campaign(closed)
    service.publish_results(focal_point, closed, count)
    html = client.get(url("results", closed)).content.decode()
    assert "ورقة تصويت بعد المراجعة ولم تُفرز" in html
    assert "تصويت مكرر" in html


def test_results_by_district(client, commune, focal_point):
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.APPROVAL, max_choices=2)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=100_000, position=1)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=100_000, position=2)
    accepted(campaign, "N1", 80_000, district=north)
    accepted(campaign, "N2", 50_000, district=north)
    accepted(campaign, "S1", 90_000, district=south)
    store_ballots(campaign, [["N1"], ["N1", "N2"], ["N2"]], district=north)
    store_ballots(campaign, [["S1"]], district=south, start=10)
    count = service.count_campaign(campaign)
    service.publish_results(focal_point, campaign, count)
    response = client.get(url("results", campaign))
    assert [d.name for d in response.context["results"].districts] == ["الشمال", "الجنوب"]
    assert sorted(count.selected) == ["N2", "S1"]  # N1 and N2 tie at 2 votes: the cheaper one first


# Count page ---------------------------------------------------------------------------------------------------


def test_count_page_starts_a_count_and_publishes(
    client, closed, focal_point, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.force_login(focal_point)
    with django_assert_max_num_queries(12):
        assert client.get(url("count", closed)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("count", closed), {"action": "start"})
    assert response.status_code == 302
    count = Count.objects.get(campaign=closed)
    assert count.status == "done" and count.progress == 100
    status = client.get(url("count_status", closed, count=count.pk))
    assert status.json() == {
        "status": "done",
        "progress": 100,
        "running": False,
        "stale": False,
        "error": "",
        "published": False,
    }
    partial = client.get(url("count_status", closed, count=count.pk), headers={"HX-Request": "true"})
    assert 'id="count-progress"' in partial.content.decode()
    response = client.post(url("count", closed), {"action": "publish", "count": count.pk})
    assert response.status_code == 302 and response["Location"] == url("results", closed)
    closed.refresh_from_db()
    assert closed.results_published_at is not None


def test_count_page_before_voting_closes(client, campaign, focal_point):
    client.force_login(focal_point)
    response = client.post(url("count", campaign), {"action": "start"}, follow=True)
    assert "لم يُغلق التصويت بعد" in response.content.decode()
    assert not Count.objects.exists()


def test_publishing_a_failed_count_is_refused(client, closed, focal_point):
    failed = Count.objects.create(campaign=closed, status=Count.Status.FAILED, error="x")
    client.force_login(focal_point)
    response = client.post(url("count", closed), {"action": "publish", "count": failed.pk}, follow=True)
    assert "لا يمكن نشر إلا فرزٍ مكتمل." in response.content.decode()
    closed.refresh_from_db()
    assert closed.results_published_at is None


def test_a_count_of_another_campaign_in_the_url(client, closed, other_campaign, focal_point):
    other = service.count_campaign(other_campaign)
    client.force_login(focal_point)
    assert client.get(url("count_status", closed, count=other.pk)).status_code == 404
    assert client.post(url("count", closed), {"action": "publish", "count": other.pk}).status_code == 404
    assert client.get(url("results", closed) + f"?count={other.pk}").status_code == 404
    assert client.post(url("count", closed), {"action": "publish", "count": "x"}).status_code == 400
    assert client.post(url("count", closed), {"action": "nothing"}).status_code == 400


@pytest.mark.parametrize("role", ["citizen", "committee_member", "moderator", "polling_officer", "other_focal_point"])
def test_count_pages_refused_to_other_roles(client, closed, done, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url("count", closed)).status_code == 403
    assert client.post(url("count", closed), {"action": "start"}).status_code == 403
    assert client.post(url("count", closed), {"action": "publish", "count": done.pk}).status_code == 403
    assert client.get(url("count_status", closed, count=done.pk)).status_code == 403
    closed.refresh_from_db()
    assert closed.results_published_at is None and Count.objects.count() == 1


def test_count_page_needs_sign_in(client, closed):
    response = client.get(url("count", closed))
    assert response.status_code == 302 and "login" in response["Location"]


# Implementation -------------------------------------------------------------------------------------------------


def test_implementation_form(client, closed, published, focal_point):
    client.force_login(focal_point)
    edit = url("implementation_edit", closed, code="P1")
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"status": "in_progress", "progress": "35", "note": "بدأت الأشغال"})
    assert response.status_code == 302
    html = client.get(url("results", closed)).content.decode()
    assert "بدأت الأشغال" in html and 'value="35"' in html
    response = client.post(url("implementation_edit", closed, code="P3"), {"status": "done", "progress": "100"})
    assert response.status_code == 200 and "لا يمكن تتبع إلا مشروع مختار" in response.content.decode()


@pytest.mark.parametrize("role", ["citizen", "committee_member", "polling_officer", "other_focal_point"])
def test_implementation_form_refused(client, closed, published, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.post(url("implementation_edit", closed, code="P1"), {"status": "done", "progress": "100"})
    assert response.status_code == 403
    assert Proposal.objects.get(campaign=closed, code="P1").implementation_status == "not_started"


# PDF ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_results_pdf(client, closed, published, lang):
    response = client.get(url("results_pdf", closed, lang=lang))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run([pdftotext, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "P1" in text and "P4" in text
    if lang == "ar":
        assert "إنارة الشارع الرئيسي" in text
        assert "النتائج" in text
    else:
        assert "Résultats" in text and "Aire de jeux" in text
        assert "Non retenu" in text


def test_results_pdf_hidden_before_publication(client, closed, done):
    assert client.get(url("results_pdf", closed, lang="ar")).status_code == 404
    assert client.get(url("results_pdf", closed, lang="de")).status_code == 404


def test_results_pdf_html_fetches_only_fonts(closed, published):
    html = pdf.render_html(closed, published, "ar")
    assert '<html lang="ar" dir="rtl">' in html and "http" not in html.replace("http://www.w3.org", "")


def test_count_status_while_queued_polls(client, closed, focal_point):
    queued = Count.objects.create(campaign=closed, requested_by=focal_point)
    client.force_login(focal_point)
    assert client.get(url("count_status", closed, count=queued.pk)).json()["running"] is True
    partial = client.get(url("count_status", closed, count=queued.pk), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in partial and "<progress" in partial
    page = client.get(url("count", closed)).content.decode()
    assert 'name="action" value="start"' in page and "disabled" in page


def test_a_stale_count_says_so_and_may_be_started_again(
    client, closed, focal_point, django_capture_on_commit_callbacks
):
    import datetime

    stale = Count.objects.create(campaign=closed, status=Count.Status.RUNNING)
    Count.objects.filter(pk=stale.pk).update(created_at=stale.created_at - datetime.timedelta(hours=1))
    client.force_login(focal_point)
    partial = client.get(url("count_status", closed, count=stale.pk), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and 'role="alert"' in partial
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("count", closed), {"action": "start"})
    assert Count.objects.filter(campaign=closed, status="done").count() == 1


def test_staff_preview_pdf_of_an_unpublished_count(client, closed, done, focal_point):
    client.force_login(focal_point)
    response = client.get(url("results_pdf", closed, lang="fr") + f"?count={done.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert "Aperçu : ces résultats ne sont pas publiés." in text


def test_chart_marks_selected_bars_and_mirrors_in_arabic():
    from remacto.budgets.charts import Bar, votes_chart

    bars = [Bar("P1", "P1 · <script>", 30, "30 · selected", True), Bar("P2", "P2 · حديقة", 10, "10", False)]
    ltr = votes_chart(bars, title="Votes", description="Two projects", rtl=False, element_id="c")
    rtl = votes_chart(bars, title="Votes", description="Two projects", rtl=True, element_id="c")
    assert "<script>" not in ltr and "&lt;script&gt;" in ltr
    assert (
        'role="img"' in ltr and '<title id="c-title">Votes</title>' in ltr and 'aria-labelledby="c-title c-desc"' in ltr
    )
    assert ltr.count('class="chart-row selected"') == 1 and ltr.count('class="chart-row not-selected"') == 1
    assert (
        'direction="rtl"' in rtl and 'x="0%" y="' in ltr and 'x="66.67%"' in rtl
    )  # the short bar grows from the right
    assert "style=" not in ltr + rtl


def test_a_hidden_proposal_keeps_its_votes_but_its_title_shows_nowhere_on_the_results(client, closed, published):
    """One visibility rule for the results page, its reasons and its chart, as for the exports."""
    Proposal.objects.filter(campaign=closed, code="P3").update(is_hidden=True)
    html = client.get(url("results", closed)).content.decode()
    assert "ملعب القرب" not in html
    assert 'data-code="P3"' in html and "أخفاها الإشراف" in html
