"""Co-evaluation pages: questionnaire, scorecard, staff controls, results hidden until published, Arabic RTL."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from remacto.cocreation.models import Phase
from remacto.monitoring.models import CitizenAnswer, Evaluation, EvaluationCriterion, Scorecard
from remacto.monitoring.selectors import evaluations as selectors
from remacto.monitoring.services import evaluations as services

from .evaluation_helpers import answer, finish, open_for, score, today

pytestmark = pytest.mark.django_db


def page(project, language: str = "ar") -> str:
    with translation.override(language):
        return reverse(
            "monitoring:evaluation", kwargs={"slug": project.programme.collectivity.slug, "project": project.pk}
        )


def programme_page(programme, name: str = "monitoring:programme_evaluation", language: str = "ar") -> str:
    with translation.override(language):
        return reverse(name, kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})


ANSWER = {"action": "answer", "satisfaction": "4", "useful": "partly", "informed": "5", "comment": "جيد"}


def test_arabic_page_of_an_open_evaluation_for_an_anonymous_visitor(client, focal_point, project):
    open_for(focal_point, project)
    html = client.get(page(project)).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "/accounts/login/" in html and 'name="satisfaction"' not in html
    assert 'lang="ar" dir="rtl">بوابة المعلومات</span>' in html  # the project's title carries its direction
    assert "<bdi>" in html  # the programme's title is isolated
    assert 'id="results-heading"' not in html


def test_citizen_answers_with_radio_buttons_then_is_thanked(client, focal_point, citizen, project):
    evaluation = open_for(focal_point, project)
    client.force_login(citizen)
    html = client.get(page(project)).content.decode()
    assert html.count('type="radio" name="satisfaction"') == 5 and 'class="field choice-group' in html
    response = client.post(page(project), ANSWER)
    assert response.status_code == 302
    stored = CitizenAnswer.objects.get(evaluation=evaluation, user=citizen)
    assert (stored.satisfaction, stored.useful, stored.informed, stored.comment) == (4, "partly", 5, "جيد")
    html = client.get(page(project)).content.decode()
    assert "شكرا" in html or "Thank you" in html
    assert 'name="satisfaction"' not in html


def test_a_second_answer_is_refused_with_a_clear_message(client, focal_point, citizen, project):
    evaluation = open_for(focal_point, project)
    answer(citizen, evaluation)
    client.force_login(citizen)
    with translation.override("fr"):
        response = client.post(page(project, "fr"), ANSWER)
    assert response.status_code == 400
    assert "Vous avez déjà répondu" in response.content.decode()
    assert CitizenAnswer.objects.get(user=citizen).satisfaction == 4 and CitizenAnswer.objects.count() == 1


@pytest.mark.parametrize("field, value", [("satisfaction", "6"), ("satisfaction", "0"), ("useful", "peut-être")])
def test_bad_answers_are_refused_and_kept(client, focal_point, citizen, project, field, value):
    open_for(focal_point, project)
    client.force_login(citizen)
    response = client.post(page(project), {**ANSWER, field: value})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert "جيد" in response.content.decode()  # what was typed is kept
    assert not CitizenAnswer.objects.exists()


def test_anonymous_post_goes_to_sign_in(client, focal_point, project):
    open_for(focal_point, project)
    response = client.post(page(project), ANSWER)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CitizenAnswer.objects.exists()


def test_committee_member_fills_the_scorecard(client, focal_point, committee_member, project):
    evaluation = open_for(focal_point, project)
    client.force_login(committee_member)
    html = client.get(page(project)).content.decode()
    assert 'id="scorecard"' in html and "الشفافية" in html
    criteria = list(project.programme.evaluation_criteria.all())
    data = {"action": "scorecard", **{f"rating_{c.pk}": "3" for c in criteria}, "comment": "ملاحظة"}
    missing = {k: v for k, v in data.items() if k != f"rating_{criteria[2].pk}"}
    assert client.post(page(project), missing).status_code == 400
    assert not Scorecard.objects.exists()
    assert client.post(page(project), data).status_code == 302
    assert Scorecard.objects.get(evaluation=evaluation).scores.count() == 4
    again = client.post(page(project), data)
    assert again.status_code == 400 and Scorecard.objects.count() == 1


def test_a_citizen_sees_no_scorecard_and_cannot_post_one(client, focal_point, citizen, project):
    open_for(focal_point, project)
    client.force_login(citizen)
    assert 'id="scorecard"' not in client.get(page(project)).content.decode()
    data = {"action": "scorecard", **{f"rating_{c.pk}": "3" for c in project.programme.evaluation_criteria.all()}}
    assert client.post(page(project), data).status_code == 403
    assert not Scorecard.objects.exists()


def test_results_hidden_until_published_then_shown_with_charts(client, focal_point, committee_member, citizen, project):
    evaluation = open_for(focal_point, project)
    answer(citizen, evaluation)
    score(committee_member, evaluation)
    for user in (None, citizen, committee_member):
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(page(project)).content.decode()
        assert 'id="results-heading"' not in html and "<svg" not in html
    client.force_login(focal_point)
    html = client.get(page(project)).content.decode()
    assert 'id="results-heading"' in html and "message warning" in html  # the staff preview says so
    response = client.post(page(project), {"action": "publish", "summary": "**نتائج** مرضية"})
    assert response.status_code == 302
    client.logout()
    html = client.get(page(project)).content.decode()
    assert 'id="results-heading"' in html and html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 4
    assert "<strong>نتائج</strong>" in html and 'role="img"' in html


def test_focal_point_opens_a_finished_project_from_the_page(client, focal_point, project):
    client.force_login(focal_point)
    html = client.get(page(project)).content.decode()
    assert 'value="open"' not in html  # not finished yet: the page says so instead of a form
    finish(project)
    response = client.post(
        page(project),
        {"action": "open", "opens_on": today().isoformat(), "closes_on": (today() + datetime.timedelta(days=9))},
    )
    assert response.status_code == 302 and Evaluation.objects.filter(project=project).exists()


def test_opening_with_bad_dates_shows_the_message(client, focal_point, project):
    finish(project)
    client.force_login(focal_point)
    with translation.override("fr"):
        response = client.post(
            page(project, "fr"),
            {"action": "open", "opens_on": today().isoformat(), "closes_on": today() - datetime.timedelta(days=1)},
        )
    assert response.status_code == 400 and "ferme avant" in response.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("who", ["citizen", "committee_member", "other_focal_point"])
def test_staff_controls_are_for_the_focal_point_only(client, request, who, project):
    finish(project)
    client.force_login(request.getfixturevalue(who))
    html = client.get(page(project)).content.decode()
    assert 'value="open"' not in html and "evaluation/criteria/" not in html
    response = client.post(page(project), {"action": "open", "opens_on": today(), "closes_on": today()})
    assert response.status_code == 403 and not Evaluation.objects.exists()
    assert client.get(programme_page(project.programme, "monitoring:evaluation_criteria")).status_code == 403


def test_programme_evaluation_page(client, focal_point, implemented):
    client.force_login(focal_point)
    html = client.get(programme_page(implemented)).content.decode()
    assert 'value="open"' not in html
    assert "/report/ar/" in html and "/report/fr/" in html
    implemented.phase = Phase.EVALUATION
    implemented.save(update_fields=["phase"])
    response = client.post(programme_page(implemented), {"action": "open", "opens_on": today(), "closes_on": today()})
    assert response.status_code == 302 and Evaluation.objects.get(project__isnull=True).programme == implemented


def test_criteria_page(client, focal_point, implemented):
    client.force_login(focal_point)
    url = programme_page(implemented, "monitoring:evaluation_criteria")
    html = client.get(url).content.decode()
    assert html.count('name="action" value="remove"') == 4 and "<bdi>الشفافية</bdi>" in html
    assert client.post(url, {"action": "add", "title": "الاستدامة", "description": ""}).status_code == 302
    added = EvaluationCriterion.objects.get(title="الاستدامة")
    client.post(url, {"action": "up", "pk": added.pk})
    assert list(implemented.evaluation_criteria.values_list("order", flat=True)) == [1, 2, 3, 4, 5]
    assert implemented.evaluation_criteria.order_by("order")[3] == added
    response = client.post(url, {"action": "add", "title": ""})
    assert response.status_code == 200 and implemented.evaluation_criteria.count() == 5
    response = client.post(url, {"action": "edit", "pk": added.pk, "title": "", "description": ""}, follow=True)
    assert '<li class="message error">أعط المعيار عنوانا.</li>' in response.content.decode()
    added.refresh_from_db()
    assert added.title == "الاستدامة"
    client.post(url, {"action": "edit", "pk": added.pk, "title": "الاستدامة البيئية", "description": "سؤال"})
    added.refresh_from_db()
    assert (added.title, added.description) == ("الاستدامة البيئية", "سؤال")
    client.post(url, {"action": "remove", "pk": added.pk})
    assert implemented.evaluation_criteria.count() == 4


def test_a_hidden_or_foreign_project_has_no_evaluation_page(client, project, other_project):
    project.is_hidden = True
    project.save(update_fields=["is_hidden"])
    assert client.get(page(project)).status_code == 404
    with translation.override("ar"):
        wrong = reverse(
            "monitoring:evaluation", kwargs={"slug": project.programme.collectivity.slug, "project": other_project.pk}
        )
    assert client.get(wrong).status_code == 404


def test_results_page_query_count_does_not_grow_with_answers(
    client, focal_point, committee_member, project, django_assert_max_num_queries
):
    from ..conftest import make_user

    evaluation = open_for(focal_point, project)
    for n in range(12):
        answer(make_user(f"p{n}@example.ma"), evaluation, satisfaction=1 + n % 5)
    score(committee_member, evaluation)
    services.publish_evaluation(focal_point, evaluation, summary="خلاصة")
    client.force_login(committee_member)
    with django_assert_max_num_queries(13):
        response = client.get(page(project))
    assert response.status_code == 200 and b"<svg" in response.content


def test_panel_partial_for_the_project_page(focal_point, citizen, project, django_assert_max_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with translation.override("ar"):
        html = render_to_string("monitoring/_evaluation_panel.html", selectors.project_panel(citizen, project))
    assert "لم يُفتح التقييم بعد." in html
    evaluation = open_for(focal_point, project)
    with translation.override("ar"), django_assert_max_num_queries(5):
        context = selectors.project_panel(citizen, project)
        html = render_to_string("monitoring/_evaluation_panel.html", context)
    assert context["evaluation_url"] == page(project)
    assert f"{page(project)}#questionnaire" in html and 'id="evaluation-panel-heading"' in html
    with translation.override("ar"):
        html = render_to_string("monitoring/_evaluation_panel.html", selectors.project_panel(AnonymousUser(), project))
    assert "/accounts/login/?next=" in html
    answer(citizen, evaluation)
    html = render_to_string(
        "monitoring/_evaluation_panel.html",
        {"panel": selectors.panel(citizen, evaluation), "evaluation_url": page(project)},
    )
    assert "#questionnaire" not in html and "message success" in html
