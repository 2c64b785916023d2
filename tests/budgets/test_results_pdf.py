"""The results PDF on the shared PDF mechanism (``core.outputs``): who may have it, the waiting page and then the
file, a new file when what it shows changes, and the votes chart in Arabic and in French."""

# ruff: noqa: F811 - the fixtures imported from test_results_pages are parameters here
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from remacto.budgets import output_tasks, pdf
from remacto.budgets.models import Proposal

from ..monitoring.test_report_pdf import _inflated
from .test_results_pages import closed, done, published  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def url(campaign, lang: str, page_language: str = "ar") -> str:
    with translation.override(page_language):
        return reverse(
            "budgets:results_pdf", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk, "lang": lang}
        )


def _get(client, target, **kwargs) -> tuple[int, bytes]:
    response = client.get(target, **kwargs)
    if response.status_code != 200 or response["Content-Type"] != "application/pdf":
        return response.status_code, b""
    return 200, b"".join(response.streaming_content)


@pytest.mark.parametrize("role", [None, "citizen", "committee_member", "focal_point"])
def test_published_results_pdf_for_everyone(client, closed, published, quick_pdf, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))
    status, data = _get(client, url(closed, "fr"))
    assert status == 200 and data.startswith(b"%PDF")


@pytest.mark.parametrize(
    "role", [None, "citizen", "committee_member", "moderator", "polling_officer", "other_focal_point"]
)
def test_unpublished_count_pdf_refused_to_all_but_counting_staff(client, closed, done, quick_pdf, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))
    assert client.get(url(closed, "ar")).status_code == 404
    assert client.get(url(closed, "ar") + f"?count={done.pk}").status_code == 404
    assert not default_storage.exists(pdf.current_name(closed, done, "ar", preview=True))


def test_preview_waiting_page_keeps_its_language_and_count_then_gives_the_file(
    client,
    closed,
    done,
    focal_point,
    quick_pdf,
    monkeypatch,
):
    started = []
    monkeypatch.setattr(output_tasks.render_results_pdf, "delay", lambda *args: started.append(args))
    client.force_login(focal_point)
    target = url(closed, "ar", page_language="fr") + f"?count={done.pk}"
    response = client.get(target)
    html = response.content.decode()
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert '<html lang="fr"' in html and "PDF des résultats" in html
    assert f'hx-get="{target}"' in html and target.startswith("/fr/") and "<progress" in html
    name = pdf.current_name(closed, done, "ar", preview=True)
    assert started == [(done.pk, "ar", name, True)]
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert len(started) == 1 and 'hx-trigger="every 1s"' in fragment and "en arabe" in fragment.lower()
    output_tasks.render_results_pdf(*started[0])
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in fragment and f'href="{target}"' in fragment and 'hreflang="ar"' in fragment
    response = client.get(target)
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "private, no-cache"
    assert default_storage.exists(name)


def test_a_stale_pdf_is_replaced_when_moderation_hides_a_project(client, closed, published, quick_pdf):
    published.refresh_from_db()  # its publication date, as the view reads it
    first = pdf.current_name(closed, published, "ar")
    assert _get(client, url(closed, "ar"))[0] == 200 and default_storage.exists(first)
    assert _get(client, url(closed, "ar"))[0] == 200 and pdf.current_name(closed, published, "ar") == first
    Proposal.objects.filter(campaign=closed, code="P3").update(is_hidden=True)
    second = pdf.current_name(closed, published, "ar")
    assert second != first
    assert _get(client, url(closed, "ar"))[0] == 200
    assert default_storage.exists(second) and not default_storage.exists(first)
    assert default_storage.exists(pdf.current_name(closed, published, "ar"))


def test_the_pdf_chart_bars_measure_against_the_longest(closed, published):
    html = pdf.render_html(closed, published, "fr")
    widths = dict(re.findall(r'data-key="(P\d)">.*?style="inline-size: ([\d.]+)%"', html))
    assert widths == {"P4": "100.00", "P1": "55.56", "P3": "44.44", "P2": "22.22"}  # 9, 5, 4 and 2 votes
    assert 'class="chart-row muted" data-key="P3"' in html and 'class="chart-row selected" data-key="P4"' in html


@pytest.mark.parametrize("lang", pdf.LANGUAGES)
def test_results_pdf_draws_the_votes_chart(client, closed, published, lang):
    html = pdf.render_html(closed, published, lang)
    direction = "rtl" if lang == "ar" else "ltr"  # the whole page, bars included
    assert "<svg" not in html and f'dir="{direction}"' in html
    assert html.count('class="chart-row selected"') == len(published.selected)
    status, data = _get(client, url(closed, lang))
    assert status == 200 and data.startswith(b"%PDF-")
    # drawn as vectors: the selected bars' colour (#0b5d5b) and the grey track (#e9eeec) are filled
    streams = _inflated(data)
    assert b"0.913725 0.933333 0.92549 rg" in streams and b"0.043137 0.364706 0.356863 rg" in streams
