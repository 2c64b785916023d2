"""The second half of the cycle in a real browser, in Arabic: accepted ideas become a project, the programme opens
its consultation, a citizen comments on the draft, the committee answers, the council's adoption is recorded, and
the programme PDF downloads and opens."""

import re
import shutil
import subprocess

import pytest

from remacto.cocreation.models import Axis, Idea, Phase, Programme, Project
from remacto.cocreation.services import triage

from ..cocreation.conftest import IDEA
from .test_cocreation_ideas_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMMENT = "أقترح إضافة حصة تكوينية خاصة بالشباب في الأحياء."
ANSWER = "أُخذ الاقتراح بعين الاعتبار: أضيفت حصة للشباب إلى الأنشطة."


def test_from_accepted_ideas_to_the_adopted_programme(
    live_server, page, artifacts, commune, citizen, focal_point, committee_member, secretariat
):
    programme = Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.TRIAGE
    )
    axis = Axis.objects.create(programme=programme, order=1, title="المشاركة المواطنة", serves_participation=True)
    idea = Idea.objects.create(programme=programme, axis=axis, author=citizen, channel="online", **IDEA)
    triage.decide(committee_member, idea, "accepted", "فكرة قابلة للتنفيذ خلال سنتين.")
    programme.phase = Phase.DRAFTING
    programme.save()
    base = f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}"

    # The committee turns the accepted idea into a draft project.
    sign_in(page, live_server, committee_member.email)
    page.goto(f"{base}/projects/new/")
    page.select_option("#id_axis", str(axis.pk))
    page.fill("#id_title_ar", "لوحة رقمية لمواعيد دورات المجلس")
    page.fill("#id_budget", "45 000")
    page.fill("#id_starts_on", "2027-01-01")
    page.fill("#id_ends_on", "2027-12-31")
    page.check("input[name=principles][value=serves_participation]")
    page.check(f"input[name=source_ideas][value='{idea.pk}']")
    page.fill("#id_activities-0-title", "اقتناء اللوحة وتركيبها")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    project = Project.objects.get()
    assert project.budget == 45000 and list(project.source_ideas.all()) == [idea]
    assert page.locator("main a", has_text=idea.title).count() == 1

    # The focal point opens the second consultation.
    sign_in(page, live_server, focal_point.email)
    page.goto(f"{base}/manage/")
    page.select_option("#id_phase", Phase.CONSULTATION)
    page.locator("form[action$='/manage/phase/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/manage/$"))
    programme.refresh_from_db()
    assert programme.phase == Phase.CONSULTATION

    # A citizen comments on the draft project.
    sign_in(page, live_server, citizen.email)
    page.goto(f"{base}/projects/{project.pk}/")
    page.locator("form.comment-form textarea").first.fill(COMMENT)
    page.locator("form.comment-form button[type=submit]").first.click()
    page.locator(".comment", has_text=COMMENT).first.wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / "project-consultation-ar.png"), full_page=True)

    # The committee answers the contribution.
    sign_in(page, live_server, committee_member.email)
    page.goto(f"{base}/projects/{project.pk}/")
    answer_form = page.locator("form[action*='/answer/comment/']").first
    answer_form.locator("select[name=taken_into_account]").select_option("yes")
    answer_form.locator("textarea[name=answer]").fill(ANSWER)
    answer_form.locator("button[type=submit]").click()
    page.locator(".answer.taken", has_text=ANSWER).wait_for()

    # The programme goes to the council, which adopts it.
    sign_in(page, live_server, focal_point.email)
    page.goto(f"{base}/manage/")
    page.select_option("#id_phase", Phase.ADOPTION)
    page.locator("form[action$='/manage/phase/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/manage/$"))
    sign_in(page, live_server, secretariat.email)
    page.goto(f"{base}/adoption/")
    page.fill("#id_session_date", "2027-02-03")
    page.fill("#id_deliberation_number", "14/2027")
    page.fill("#id_votes_for", "23")
    page.fill("#id_votes_against", "2")
    page.fill("#id_votes_abstain", "1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/programme/2026-2027/$"))
    programme.refresh_from_db()
    project.refresh_from_db()
    assert programme.phase == Phase.IMPLEMENTATION and project.status == Project.Status.ADOPTED
    assert programme.adoption.deliberation_number == "14/2027"

    # The programme PDF downloads and opens (a PDF with at least one page).
    response = page.request.get(f"{base}/pdf/ar/")
    assert response.status == 200
    body = response.body()
    if response.headers.get("content-type", "").startswith("text/html"):
        pdf_link = re.search(r'href="([^"]+\.pdf)"', body.decode()).group(1)
        response = page.request.get(live_server.url + pdf_link)
        body = response.body()
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    pdf = artifacts / "programme-ar.pdf"
    pdf.write_bytes(body)
    if shutil.which("pdftotext") is None:
        print("pdftotext (poppler-utils) is not installed: the PDF's text was not checked")
        return
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "14/2027" in text and "45" in text
