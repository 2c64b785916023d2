"""Idea pages: the public list (filters, search, sort, htmx partial, query bound), the idea page, online
submission (window on the server, bad input, honeypot, rate limit) and author edits, per role."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from remacto.cocreation.models import Idea, IdeaAttachment, Phase, ProgrammePhase, Project, TriageDecision
from remacto.cocreation.services import ideas
from remacto.participation import services as participation

from .conftest import IDEA, in_phase, png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary directory, not the project's media."""
    settings.MEDIA_ROOT = tmp_path


PNG = png()
SCRIPT = "<script>alert('x')</script>"
ROLES = [
    "citizen",
    "association_member",
    "committee_member",
    "other_committee_member",
    "focal_point",
    "moderator",
    "network_admin",
]


def url(programme, name: str, **kwargs) -> str:
    return reverse(
        f"cocreation:{name}", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, **kwargs}
    )


def post_data(with_axis=None, **changes) -> dict:
    """The submission form's fields: the test idea, on ``with_axis`` unless ``axis`` is given, with ``changes``."""
    data = {**IDEA, "place": "", "website": "", **changes}
    if with_axis is not None:
        data.setdefault("axis", str(with_axis.pk))
    return data


def make_ideas(programme, n: int, **fields) -> list[Idea]:
    return Idea.objects.bulk_create(
        [
            Idea(programme=programme, title=f"فكرة {i}", problem="مشكل", solution="حل", channel="paper", **fields)
            for i in range(n)
        ]
    )


# The public list ------------------------------------------------------------------------------------------------


def test_list_shows_cards_with_provenance_status_and_reason(
    client, citizen, focal_point, committee_member, programme, axis, workshop
):
    online = ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis})
    [from_workshop] = ideas.record_ideas(
        focal_point, programme, "workshop", [{**IDEA, "title": "فكرة الورشة"}], workshop=workshop
    )
    in_phase(programme, Phase.TRIAGE)
    from remacto.cocreation.services import triage

    triage.decide(committee_member, online, "rejected", "خارج اختصاصات الجماعة حاليا.")
    page = client.get(url(programme, "ideas")).content.decode()
    assert "فكرة الورشة" in page and IDEA["title"] in page
    assert "ورشة" in page  # the workshop's title as provenance
    assert "خارج اختصاصات الجماعة حاليا." in page
    assert f'id="idea-{from_workshop.pk}"' in page
    assert 'class="badge channel-workshop"' in page and 'class="badge status-rejected"' in page


def test_list_filters_by_axis_channel_and_status(client, programme, axis):
    other_axis = programme.axes.create(title="الرقمنة", order=2)
    Idea.objects.create(programme=programme, axis=axis, title="Alpha", problem="p", solution="s", channel="paper")
    Idea.objects.create(programme=programme, axis=other_axis, title="Beta", problem="p", solution="s", channel="sms")
    Idea.objects.create(
        programme=programme, axis=axis, title="Gamma", problem="p", solution="s", channel="desk", status="accepted"
    )

    def titles(**query):
        page = client.get(url(programme, "ideas"), query).content.decode()
        return {t for t in ("Alpha", "Beta", "Gamma") if t in page}

    assert titles() == {"Alpha", "Beta", "Gamma"}
    assert titles(axis=axis.pk) == {"Alpha", "Gamma"}
    assert titles(channel="sms") == {"Beta"}
    assert titles(status="accepted") == {"Gamma"}
    assert titles(status="awaiting") == {"Alpha", "Beta"}
    assert titles(status="awaiting", axis=axis.pk) == {"Alpha"}


def test_bad_filter_values_give_a_message_not_an_error(client, programme):
    response = client.get(url(programme, "ideas"), {"axis": "abc", "status": "<b>x</b>", "page": "zz", "q": "x" * 300})
    assert response.status_code == 200
    assert "&lt;b&gt;x&lt;/b&gt;" in response.content.decode() or "<b>x</b>" not in response.content.decode()


def test_search_ignores_diacritics_hamza_and_accents(client, programme):
    Idea.objects.create(programme=programme, title="مَكْتَبَةٌ رَقْمِيَّةٌ", problem="p", solution="s")
    Idea.objects.create(programme=programme, title="أرشيف الجماعة", problem="p", solution="s")
    Idea.objects.create(programme=programme, title="Accès", problem="Le réseau est lent", solution="s")
    Idea.objects.create(programme=programme, title="Autre", problem="p", solution="s")

    def count(q):
        return client.get(url(programme, "ideas"), {"q": q}).context["page"].paginator.count

    assert count("مكتبة") == 1
    assert count("ارشيف") == 1
    assert count("acces") == 1
    assert count("RESEAU lent") == 1  # every word, in the problem too
    assert count("ارشيف مكتبة") == 0
    assert count("nothing-like-this") == 0


def test_sort_by_support_or_date(client, programme):
    first, second = make_ideas(programme, 2)
    Idea.objects.filter(pk=first.pk).update(support_count=9)
    by_support = client.get(url(programme, "ideas"), {"sort": "supported"}).context["page"].object_list
    newest = client.get(url(programme, "ideas"), {"sort": "newest"}).context["page"].object_list
    assert by_support[0].pk == first.pk
    assert newest[0].pk == second.pk


def test_htmx_gets_only_the_results(client, programme):
    make_ideas(programme, 2)
    response = client.get(url(programme, "ideas"), {"channel": "paper"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "idea-card" in body
    assert "<html" in client.get(url(programme, "ideas")).content.decode()


def test_empty_states(client, programme):
    page = client.get(url(programme, "ideas")).content.decode()
    assert "No idea has been proposed yet." in page or "لم تقترح أي فكرة بعد" in page
    make_ideas(programme, 1)
    response = client.get(url(programme, "ideas"), {"q": "zzzz"})
    assert response.context["filtered"] and not response.context["page"].object_list


def test_hidden_ideas_are_not_listed(client, programme):
    visible, hidden = make_ideas(programme, 2)
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="spam")
    assert [i.pk for i in client.get(url(programme, "ideas")).context["page"].object_list] == [visible.pk]


def test_script_in_an_idea_is_shown_inert_in_the_list(client, citizen, programme):
    ideas.submit_idea(citizen, programme, {**IDEA, "title": SCRIPT, "problem": SCRIPT})
    page = client.get(url(programme, "ideas")).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert SCRIPT not in page


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_of_60_ideas_runs_at_most_15_queries(
    client, citizen, programme, axis, workshop, signed_in, django_assert_max_num_queries
):
    make_ideas(programme, 30, axis=axis)
    made = Idea.objects.bulk_create(
        [
            Idea(
                programme=programme,
                title=f"w{i}",
                problem="p",
                solution="s",
                channel="workshop",
                workshop=workshop,
                status="accepted",
            )
            for i in range(30)
        ]
    )
    TriageDecision.objects.bulk_create(
        [TriageDecision(idea=i, decision="accepted", reason="سبب واضح ومفصل") for i in made]
    )
    if signed_in:
        client.force_login(citizen)
        participation.support(citizen, made[0])
    with django_assert_max_num_queries(15):
        response = client.get(url(programme, "ideas"), {"sort": "supported", "page": "2"})
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        client.get(url(programme, "ideas"), {"q": "فكرة", "channel": "paper", "axis": axis.pk})


def test_supported_state_is_shown_for_the_viewer(client, citizen, programme):
    first, second = make_ideas(programme, 2)
    participation.support(citizen, first)
    client.force_login(citizen)
    cards = {i.pk: i.viewer_supports for i in client.get(url(programme, "ideas")).context["page"].object_list}
    assert cards == {first.pk: True, second.pk: False}


def test_unknown_programme_is_404(client, programme):
    assert (
        client.get(reverse("cocreation:ideas", kwargs={"slug": "ben-guerir", "cycle": "2030-2031"})).status_code == 404
    )


# The idea page --------------------------------------------------------------------------------------------------


def test_idea_page_shows_everything_public(client, citizen, committee_member, programme, axis):
    idea = ideas.submit_idea(
        citizen,
        programme,
        {**IDEA, "axis": axis, "place": "حي السلام"},
        files=[SimpleUploadedFile("photo.png", PNG, content_type="image/png")],
    )
    other = ideas.submit_idea(citizen, programme, {**IDEA, "title": "فكرة مكررة"})
    in_phase(programme, Phase.TRIAGE)
    from remacto.cocreation.services import triage

    triage.decide(committee_member, idea, "accepted", "فكرة قابلة للتنفيذ خلال البرنامج.")
    triage.decide(committee_member, other, "merged", "نفس الفكرة مقترحة من قبل.", merged_into=idea)
    project = Project.objects.create(programme=programme, axis=axis, title="مشروع اللوحة", budget=1000)
    project.source_ideas.add(idea)
    page = client.get(url(programme, "idea", pk=idea.pk)).content.decode()
    for text in (
        IDEA["problem"],
        IDEA["solution"],
        IDEA["expected_impact"],
        "حي السلام",
        "photo.png",
        "فكرة قابلة للتنفيذ خلال البرنامج.",
        "مشروع اللوحة",
        "فكرة مكررة",
        str(citizen),
    ):
        assert text in page
    assert url(programme, "project", pk=project.pk) in page
    merged_page = client.get(url(programme, "idea", pk=other.pk)).content.decode()
    assert url(programme, "idea", pk=idea.pk) in merged_page and "نفس الفكرة مقترحة من قبل." in merged_page


def test_attachment_is_downloaded_not_shown_inline(client, citizen, programme):
    idea = ideas.submit_idea(citizen, programme, IDEA, files=[SimpleUploadedFile("photo.png", PNG)])
    attachment = idea.attachments.get()
    response = client.get(url(programme, "idea_attachment", pk=idea.pk, attachment=attachment.pk))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PNG
    assert client.get(url(programme, "idea_attachment", pk=idea.pk + 99, attachment=attachment.pk)).status_code == 404


def test_staff_entered_idea_shows_workshop_and_sample_badge(client, focal_point, programme, workshop):
    [idea] = ideas.record_ideas(
        focal_point, programme, "workshop", [{**IDEA, "author_name": "مشارك"}], workshop=workshop
    )
    Idea.objects.filter(pk=idea.pk).update(is_sample=True)
    page = client.get(url(programme, "idea", pk=idea.pk)).content.decode()
    assert "مشارك" in page and url(programme, "meeting", pk=workshop.pk) in page
    assert 'class="badge sample"' in page
    assert "recorded by the collectivity" in page or "مصالح الجماعة" in page


def test_hidden_idea_shows_the_reason_not_the_text(client, citizen, moderator, programme):
    idea = ideas.submit_idea(citizen, programme, {**IDEA, "problem": "نص سري للغاية"})
    participation.hide(moderator, idea, "محتوى مكرر وإشهاري")
    page = client.get(url(programme, "idea", pk=idea.pk)).content.decode()
    assert "محتوى مكرر وإشهاري" in page and "نص سري للغاية" not in page
    client.force_login(moderator)
    assert "نص سري للغاية" in client.get(url(programme, "idea", pk=idea.pk)).content.decode()


def test_idea_of_another_programme_is_404(client, citizen, programme, other_programme):
    idea = ideas.submit_idea(citizen, other_programme, IDEA)
    assert client.get(url(programme, "idea", pk=idea.pk)).status_code == 404


def test_script_is_inert_on_the_idea_page(client, citizen, programme):
    idea = ideas.submit_idea(citizen, programme, {**IDEA, "title": SCRIPT, "solution": SCRIPT, "place": SCRIPT})
    page = client.get(url(programme, "idea", pk=idea.pk)).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("signed_in", [False, True])
def test_idea_page_runs_at_most_15_queries(
    client, citizen, association_member, programme, axis, signed_in, django_assert_max_num_queries
):
    idea = ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis}, files=[SimpleUploadedFile("a.png", PNG)])
    for i in range(5):
        participation.add_comment(association_member if i % 2 else citizen, idea, f"تعليق {i}")
    participation.support(association_member, idea)
    if signed_in:
        client.force_login(citizen)
    with django_assert_max_num_queries(15):
        assert client.get(url(programme, "idea", pk=idea.pk)).status_code == 200


# Online submission ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_person_may_submit(request, client, programme, axis, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(url(programme, "idea_submit")).status_code == 200
    response = client.post(url(programme, "idea_submit"), post_data(axis, title=f"فكرة {role}"))
    idea = Idea.objects.get(title=f"فكرة {role}")
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert (idea.author, idea.channel, idea.axis) == (user, "online", axis)


def test_anonymous_is_sent_to_sign_in(client, programme):
    response = client.get(url(programme, "idea_submit"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url(programme, "idea_submit"), post_data()).status_code == 302
    assert not Idea.objects.exists()


def test_submit_with_several_attachments(client, citizen, programme, axis):
    client.force_login(citizen)
    files = [SimpleUploadedFile("a.png", PNG, content_type="image/png"), SimpleUploadedFile("b.pdf", b"%PDF-1.7 x")]
    response = client.post(url(programme, "idea_submit"), {**post_data(axis), "attachments": files})
    assert response.status_code == 302
    assert sorted(IdeaAttachment.objects.values_list("name", flat=True)) == ["a.png", "b.pdf"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"problem": ""}, "problem"),
        ({"solution": ""}, "solution"),
        ({"axis": ""}, "axis"),
        ({"title": "ط" * 151}, "title"),
        ({"problem": "x" * 3001}, "problem"),
        ({"axis": "99999"}, "axis"),
    ],
)
def test_bad_input_keeps_what_was_typed(client, citizen, programme, axis, changes, field):
    client.force_login(citizen)
    data = post_data(axis, **{**changes, "expected_impact": "أثر مكتوب بعناية"})
    response = client.post(url(programme, "idea_submit"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "أثر مكتوب بعناية" in response.content.decode()
    assert not Idea.objects.exists()


def test_script_typed_in_a_refused_form_is_shown_inert(client, citizen, programme, axis):
    client.force_login(citizen)
    response = client.post(url(programme, "idea_submit"), post_data(axis, title="", problem=SCRIPT))
    page = response.content.decode()
    assert SCRIPT not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image", content_type="image/png"),
        SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), content_type="application/pdf"),
    ],
    ids=["wrong-type", "too-large"],
)
def test_bad_uploads_are_refused_and_text_kept(client, citizen, programme, axis, upload):
    client.force_login(citizen)
    response = client.post(url(programme, "idea_submit"), {**post_data(axis), "attachments": [upload]})
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert IDEA["problem"] in response.content.decode()
    assert not Idea.objects.exists() and not IdeaAttachment.objects.exists()


def test_too_many_attachments(client, citizen, programme, axis):
    client.force_login(citizen)
    files = [SimpleUploadedFile(f"{i}.png", PNG) for i in range(4)]
    response = client.post(url(programme, "idea_submit"), {**post_data(axis), "attachments": files})
    assert "attachments" in response.context["form"].errors and not Idea.objects.exists()


def test_honeypot_saves_nothing(client, citizen, programme, axis):
    client.force_login(citizen)
    response = client.post(url(programme, "idea_submit"), post_data(axis, website="http://spam.example"))
    assert response.status_code == 302 and not Idea.objects.exists()


def test_at_most_five_ideas_an_hour(client, citizen, programme, axis):
    client.force_login(citizen)
    for i in range(5):
        assert client.post(url(programme, "idea_submit"), post_data(axis, title=f"فكرة {i}")).status_code == 302
    response = client.post(url(programme, "idea_submit"), post_data(axis, title="السادسة"))
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 3600
    assert response.context["form"].non_field_errors() == [
        "أرسلت 5 أفكار خلال الساعة الأخيرة. المرجو الانتظار قليلا قبل إرسال فكرة أخرى."
    ]
    assert "السادسة" in response.content.decode()
    assert Idea.objects.count() == 5


def test_the_idea_limit_holds_in_the_service_for_every_caller(citizen, programme, axis, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "ideas": [(2, 3600)]}
    for i in range(2):
        ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis, "title": f"فكرة {i}"})
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis, "title": "الثالثة"})
    assert exc.value.code == "too_fast"
    assert Idea.objects.count() == 2


def test_refused_idea_submissions_do_not_count(citizen, programme, axis, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "ideas": [(1, 3600)]}
    for _attempt in range(3):
        with pytest.raises(ValidationError):
            ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis, "title": ""})
    assert ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis, "title": "أخيرا"}).pk


@pytest.mark.parametrize("phase", [Phase.INFORMATION, Phase.AXES, Phase.TRIAGE, Phase.IMPLEMENTATION])
def test_outside_the_phase_the_form_is_closed_and_post_refused(client, citizen, programme, axis, phase):
    in_phase(programme, phase)
    client.force_login(citizen)
    page = client.get(url(programme, "idea_submit"))
    assert page.status_code == 200 and "form" not in page.context
    response = client.post(url(programme, "idea_submit"), post_data(axis))
    assert response.status_code == 403
    assert not Idea.objects.exists()


def test_closed_window_dates_are_shown_and_enforced(client, citizen, programme, axis):
    today = timezone.localdate()
    ProgrammePhase.objects.create(
        programme=programme,
        phase=Phase.IDEAS,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today - datetime.timedelta(days=1),
    )
    client.force_login(citizen)
    page = client.get(url(programme, "idea_submit"))
    assert page.context["dates"].ends_on == today - datetime.timedelta(days=1)
    assert client.post(url(programme, "idea_submit"), post_data(axis)).status_code == 403
    assert not Idea.objects.exists()
    assert "idea_submit" not in client.get(url(programme, "ideas")).content.decode()


def test_programme_without_axes_needs_no_axis(client, citizen, programme):
    client.force_login(citizen)
    assert client.post(url(programme, "idea_submit"), post_data()).status_code == 302
    assert Idea.objects.get().axis is None


# Author edits ---------------------------------------------------------------------------------------------------


def test_author_edits_until_triage(client, citizen, programme, axis):
    idea = ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis})
    client.force_login(citizen)
    edit = url(programme, "idea_edit", pk=idea.pk)
    page = client.get(edit)
    assert page.status_code == 200 and IDEA["problem"] in page.content.decode()
    assert client.post(edit, post_data(axis, title="عنوان معدل")).status_code == 302
    idea.refresh_from_db()
    assert idea.title == "عنوان معدل"
    response = client.post(edit, post_data(axis, title=""))
    assert response.status_code == 200 and "title" in response.context["form"].errors
    in_phase(programme, Phase.TRIAGE)
    assert client.get(edit).status_code == 302
    client.post(edit, post_data(axis, title="متأخر"))
    idea.refresh_from_db()
    assert idea.title == "عنوان معدل"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "citizen"])
def test_only_the_author_edits(request, client, citizen, programme, role):
    idea = ideas.submit_idea(citizen, programme, IDEA)
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(programme, "idea_edit", pk=idea.pk)).status_code == 403
    assert client.post(url(programme, "idea_edit", pk=idea.pk), post_data(title="x")).status_code == 403
    idea.refresh_from_db()
    assert idea.title == IDEA["title"]


def test_anonymous_cannot_edit(client, citizen, programme):
    idea = ideas.submit_idea(citizen, programme, IDEA)
    assert client.get(url(programme, "idea_edit", pk=idea.pk)).status_code == 302


def test_edit_link_only_for_the_author_while_editable(client, citizen, association_member, programme):
    idea = ideas.submit_idea(citizen, programme, IDEA)
    edit = url(programme, "idea_edit", pk=idea.pk)
    client.force_login(association_member)
    assert edit not in client.get(url(programme, "idea", pk=idea.pk)).content.decode()
    client.force_login(citizen)
    assert edit in client.get(url(programme, "idea", pk=idea.pk)).content.decode()
