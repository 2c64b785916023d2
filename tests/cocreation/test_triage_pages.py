"""The follow-up committee's triage workspace: who may use it, decisions with htmx and without JS, bad input
(reason kept), the phase enforced on the server, counts and filters."""

import pytest
from django.urls import reverse

from remacto.cocreation.models import Idea, Meeting, Phase, TriageDecision
from remacto.cocreation.services import ideas
from remacto.notifications.models import Notification

from .conftest import IDEA, in_phase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary directory, not the project's media."""
    settings.MEDIA_ROOT = tmp_path


REASON = "فكرة واقعية ويمكن تنفيذها خلال مدة البرنامج."


def url(programme, name: str, **kwargs) -> str:
    return reverse(
        f"cocreation:{name}", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, **kwargs}
    )


@pytest.fixture
def idea(citizen, programme):
    created = ideas.submit_idea(citizen, programme, IDEA)
    in_phase(programme, Phase.TRIAGE)
    return created


@pytest.fixture
def second(programme, idea):
    return Idea.objects.create(programme=programme, title="فكرة أخرى", problem="p", solution="s", channel="paper")


def decide(client, programme, idea, htmx=True, **data):
    payload = {f"idea-{idea.pk}-{k}": v for k, v in {"decision": "accepted", "reason": REASON, **data}.items()}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(url(programme, "triage_decide", pk=idea.pk), payload, **headers)


@pytest.mark.parametrize("role", ["committee_member", "focal_point", "network_admin"])
def test_committee_focal_point_and_admin_use_the_workspace(request, client, programme, idea, role):
    client.force_login(request.getfixturevalue(role))
    page = client.get(url(programme, "triage"))
    assert page.status_code == 200 and IDEA["title"] in page.content.decode()
    assert decide(client, programme, idea).status_code == 200
    assert Idea.objects.get(pk=idea.pk).status == "accepted"


@pytest.mark.parametrize(
    "role", ["citizen", "association_member", "moderator", "other_committee_member", "other_focal_point"]
)
def test_others_are_refused(request, client, programme, idea, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(programme, "triage")).status_code == 403
    assert decide(client, programme, idea).status_code == 403
    assert decide(client, programme, idea, htmx=False).status_code == 403
    assert not TriageDecision.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, programme, idea):
    assert client.get(url(programme, "triage")).status_code == 302
    assert decide(client, programme, idea).status_code == 302
    assert not TriageDecision.objects.exists()


def test_htmx_decision_returns_the_row_and_the_counts(client, committee_member, citizen, programme, idea, second):
    client.force_login(committee_member)
    response = decide(client, programme, idea)
    body = response.content.decode()
    assert "<html" not in body and f'id="idea-{idea.pk}"' in body
    assert REASON in body and 'hx-swap-oob="true"' in body
    assert response.context["counts"] == {"awaiting": 1, "accepted": 1, "merged": 0, "rejected": 0, "all": 2}
    decision = TriageDecision.objects.get(idea=idea)
    assert (decision.decision, decision.reason, decision.decided_by) == ("accepted", REASON, committee_member)
    notification = Notification.objects.get(recipient=citizen)
    assert notification.params["reason"] == REASON


def test_merge_into_another_idea_and_meeting(client, committee_member, programme, idea, second):
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="اجتماع اللجنة")
    client.force_login(committee_member)
    page = client.get(url(programme, "triage")).content.decode()
    assert "اجتماع اللجنة" in page and f"#{second.pk} فكرة أخرى" in page
    decide(client, programme, idea, decision="merged", merged_into=second.pk, meeting=meeting.pk)
    decision = TriageDecision.objects.get(idea=idea)
    assert (decision.merged_into, decision.meeting) == (second, meeting)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "قصير"}, "reason"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"decision": "maybe"}, "decision"),
        ({"decision": "merged"}, "merged_into"),
    ],
)
def test_bad_input_comes_back_on_the_row_with_the_reason_kept(client, committee_member, programme, idea, data, field):
    client.force_login(committee_member)
    response = decide(client, programme, idea, **{"reason": "سبب مكتوب بوضوح", **data} if field != "reason" else data)
    assert response.status_code == 200
    assert field in response.context["row"]["form"].errors
    if field != "reason":
        assert "سبب مكتوب بوضوح" in response.content.decode()
    assert not TriageDecision.objects.exists()
    assert Idea.objects.get(pk=idea.pk).status == "submitted"


def test_merge_into_itself_or_another_programme_is_refused(
    client, committee_member, citizen, programme, other_programme, idea
):
    foreign = Idea.objects.create(programme=other_programme, title="x", problem="p", solution="s")
    client.force_login(committee_member)
    for target in (idea.pk, foreign.pk):
        response = decide(client, programme, idea, decision="merged", merged_into=target)
        assert response.context["row"]["form"].errors
    assert not TriageDecision.objects.exists()


def test_without_javascript_success_redirects_and_errors_show_the_row(client, committee_member, programme, idea):
    client.force_login(committee_member)
    response = decide(client, programme, idea, htmx=False, reason="قصير")
    assert response.status_code == 200 and "<html" in response.content.decode()
    assert "قصير" in response.content.decode()
    response = decide(client, programme, idea, htmx=False)
    assert response.status_code == 302 and response["Location"].endswith(f"#idea-{idea.pk}")
    assert TriageDecision.objects.filter(idea=idea).exists()


def test_unsafe_next_url_is_ignored(client, committee_member, programme, idea):
    client.force_login(committee_member)
    response = decide(client, programme, idea, htmx=False, next="https://evil.example/")
    assert response["Location"].startswith(url(programme, "triage"))


def test_decision_can_be_corrected(client, committee_member, programme, idea):
    client.force_login(committee_member)
    decide(client, programme, idea)
    decide(client, programme, idea, decision="rejected", reason="لا تدخل في اختصاصات الجماعة.")
    assert TriageDecision.objects.get(idea=idea).decision == "rejected"
    page = client.get(url(programme, "triage"), {"status": "rejected"}).content.decode()
    assert "لا تدخل في اختصاصات الجماعة." in page


@pytest.mark.parametrize("phase", [Phase.IDEAS, Phase.CONSULTATION, Phase.IMPLEMENTATION])
def test_outside_triage_and_drafting_nothing_is_decided(client, committee_member, programme, idea, phase):
    in_phase(programme, phase)
    client.force_login(committee_member)
    page = client.get(url(programme, "triage"))
    assert page.status_code == 200 and "triage-form" not in page.content.decode()
    response = decide(client, programme, idea)
    assert response.context["row"]["form"].non_field_errors()
    page = decide(client, programme, idea, htmx=False)
    assert page.status_code == 200 and 'class="form-errors"' in page.content.decode()
    assert not TriageDecision.objects.exists()


def test_drafting_phase_still_allows_decisions(client, committee_member, programme, idea):
    in_phase(programme, Phase.DRAFTING)
    client.force_login(committee_member)
    assert "triage-form" in client.get(url(programme, "triage")).content.decode()
    decide(client, programme, idea)
    assert TriageDecision.objects.exists()


def test_filters_and_counts(client, committee_member, programme, idea, second):
    client.force_login(committee_member)
    decide(client, programme, idea, decision="rejected")
    awaiting = client.get(url(programme, "triage"))
    assert [r["idea"].pk for r in awaiting.context["page"].object_list] == [second.pk]
    assert awaiting.context["counts"]["rejected"] == 1
    rejected = client.get(url(programme, "triage"), {"status": "rejected"})
    assert [r["idea"].pk for r in rejected.context["page"].object_list] == [idea.pk]
    everything = client.get(url(programme, "triage"), {"status": "bogus"})
    assert everything.context["status"] == "awaiting"
    assert len(client.get(url(programme, "triage"), {"status": "all"}).context["page"].object_list) == 2


def test_script_in_a_reason_is_inert(client, committee_member, programme, idea):
    client.force_login(committee_member)
    script = "<script>alert('x')</script> سبب طويل بما يكفي"
    decide(client, programme, idea, reason=script)
    for page in (url(programme, "triage") + "?status=all", url(programme, "idea", pk=idea.pk)):
        body = client.get(page).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_the_author_sees_the_decision_on_the_idea_page(client, committee_member, citizen, programme, idea):
    client.force_login(committee_member)
    decide(client, programme, idea, decision="rejected", reason="لا تدخل في اختصاصات الجماعة.")
    client.force_login(citizen)
    page = client.get(url(programme, "idea", pk=idea.pk)).content.decode()
    assert "لا تدخل في اختصاصات الجماعة." in page


def test_many_merge_targets_become_a_number_field(client, committee_member, programme, idea):
    Idea.objects.bulk_create(
        [Idea(programme=programme, title=f"i{n}", problem="p", solution="s", channel="paper") for n in range(201)]
    )
    target = Idea.objects.filter(title="i7").get()
    client.force_login(committee_member)
    page = client.get(url(programme, "triage")).content.decode()
    assert f'name="idea-{idea.pk}-merged_into" min="1"' in page or 'type="number"' in page
    decide(client, programme, idea, decision="merged", merged_into=target.pk)
    assert TriageDecision.objects.get(idea=idea).merged_into == target


def test_triage_page_query_count(client, committee_member, programme, idea, django_assert_max_num_queries):
    Idea.objects.bulk_create(
        [Idea(programme=programme, title=f"i{n}", problem="p", solution="s", channel="paper") for n in range(40)]
    )
    client.force_login(committee_member)
    with django_assert_max_num_queries(15):
        assert client.get(url(programme, "triage"), {"status": "all"}).status_code == 200


def test_ideas_come_folded_and_a_refused_decision_opens_its_idea(client, committee_member, programme, idea, second):
    client.force_login(committee_member)
    page = client.get(url(programme, "triage")).content.decode()
    assert page.count('<details class="triage-item">') == 2 and 'triage-item" open' not in page
    for htmx in (True, False):
        response = decide(client, programme, idea, htmx=htmx, reason="")
        row = response.content.decode()
        row = row[row.index(f'id="idea-{idea.pk}"') :]
        assert row.index('<details class="triage-item" open>') < row.index('class="field has-error"')
        assert f'id="idea-{second.pk}"' not in row
    assert not TriageDecision.objects.exists()
