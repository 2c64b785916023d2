"""Ideas: online window enforced on the server, staff entry with provenance, all-or-nothing rows, author edits."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from remacto.cocreation.models import Idea, Phase, ProgrammePhase
from remacto.cocreation.services import ideas

from .conftest import IDEA, in_phase, png

pytestmark = pytest.mark.django_db

PNG = png()


def test_citizen_submits_while_open(citizen, programme, axis):
    idea = ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis})
    assert (idea.author, idea.channel, idea.status) == (citizen, "online", "submitted")


def test_association_member_submits_too(association_member, programme):
    assert ideas.submit_idea(association_member, programme, IDEA).author == association_member


def test_anonymous_cannot_submit(programme):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        ideas.submit_idea(AnonymousUser(), programme, IDEA)


@pytest.mark.parametrize("phase", [Phase.INFORMATION, Phase.AXES, Phase.TRIAGE, Phase.ADOPTION])
def test_outside_the_phase_nothing_is_saved(citizen, programme, phase):
    in_phase(programme, phase)
    with pytest.raises(ValidationError):
        ideas.submit_idea(citizen, programme, IDEA)
    assert not Idea.objects.exists()


def test_window_dates_are_enforced(citizen, programme):
    today = timezone.localdate()
    ProgrammePhase.objects.create(
        programme=programme,
        phase=Phase.IDEAS,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today - datetime.timedelta(days=1),
    )
    assert not ideas.collection_is_open(programme)
    with pytest.raises(ValidationError):
        ideas.submit_idea(citizen, programme, IDEA)
    ProgrammePhase.objects.filter(programme=programme).update(ends_on=today)
    programme.refresh_from_db()
    assert ideas.collection_is_open(programme)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"problem": ""}, "problem"),
        ({"title": "x" * 151}, "title"),
        ({"solution": "y" * 3001}, "solution"),
    ],
)
def test_missing_or_too_long_fields(citizen, programme, changes, field):
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, {**IDEA, **changes})
    assert field in exc.value.message_dict
    assert not Idea.objects.exists()


def test_axis_of_another_programme_is_refused(citizen, programme, other_programme):
    from remacto.cocreation.models import Axis

    foreign = Axis.objects.create(programme=other_programme, title="x")
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, {**IDEA, "axis": foreign})
    assert "axis" in exc.value.message_dict


def test_html_is_stored_as_text(citizen, programme):
    idea = ideas.submit_idea(citizen, programme, {**IDEA, "title": "<script>alert(1)</script>"})
    assert idea.title == "<script>alert(1)</script>"


def test_attachments_checked_by_content_and_size(citizen, programme):
    good = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    idea = ideas.submit_idea(citizen, programme, IDEA, files=[good])
    assert idea.attachments.count() == 1
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, IDEA, files=[fake])
    assert "attachments" in exc.value.message_dict
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError):
        ideas.submit_idea(citizen, programme, IDEA, files=[big])
    assert Idea.objects.count() == 1


def test_focal_point_records_workshop_ideas_with_provenance(focal_point, programme, workshop):
    rows = [{**IDEA, "author_name": "مشارك 1"}, {**IDEA, "title": "فكرة ثانية"}]
    created = ideas.record_ideas(focal_point, programme, "workshop", rows, workshop=workshop)
    assert len(created) == 2
    assert set(Idea.objects.values_list("channel", "workshop", "recorded_by")) == {
        ("workshop", workshop.pk, focal_point.pk)
    }


def test_a_bad_row_saves_nothing_and_names_the_row(focal_point, programme, workshop):
    rows = [IDEA, {**IDEA, "problem": ""}, IDEA]
    with pytest.raises(ValidationError) as exc:
        ideas.record_ideas(focal_point, programme, "workshop", rows, workshop=workshop)
    assert list(exc.value.message_dict) == [gettext("row %(n)d") % {"n": 2}]  # the key is in the reader's language
    assert not Idea.objects.exists()


def test_workshop_channel_needs_a_workshop_of_this_programme(focal_point, programme, other_programme):
    from remacto.cocreation.models import Meeting

    with pytest.raises(ValidationError):
        ideas.record_ideas(focal_point, programme, "workshop", [IDEA])
    foreign = Meeting.objects.create(programme=other_programme, kind=Meeting.Kind.WORKSHOP, title="x")
    with pytest.raises(ValidationError):
        ideas.record_ideas(focal_point, programme, "workshop", [IDEA], workshop=foreign)
    with pytest.raises(ValidationError):
        ideas.record_ideas(focal_point, programme, "online", [IDEA])
    assert ideas.record_ideas(focal_point, programme, "paper", [IDEA])[0].workshop is None


@pytest.mark.parametrize("actor", ["citizen", "committee_member", "moderator", "other_focal_point"])
def test_only_focal_points_record_ideas(request, actor, programme):
    with pytest.raises(PermissionDenied):
        ideas.record_ideas(request.getfixturevalue(actor), programme, "paper", [IDEA])


def test_network_admin_records_ideas_anywhere(network_admin, programme):
    assert len(ideas.record_ideas(network_admin, programme, "desk", [IDEA])) == 1


def test_author_edits_until_triage(citizen, focal_point, programme):
    idea = ideas.submit_idea(citizen, programme, IDEA)
    ideas.edit_idea(citizen, idea, {**IDEA, "title": "عنوان جديد"})
    idea.refresh_from_db()
    assert idea.title == "عنوان جديد"
    with pytest.raises(PermissionDenied):
        ideas.edit_idea(focal_point, idea, IDEA)
    in_phase(programme, Phase.TRIAGE)
    idea.refresh_from_db()
    with pytest.raises(ValidationError):
        ideas.edit_idea(citizen, idea, {**IDEA, "title": "trop tard"})
    idea.refresh_from_db()
    assert idea.title == "عنوان جديد"


def test_sniffing_never_trusts_the_name():
    from remacto.cocreation.uploads import sniff

    assert sniff(io.BytesIO(PNG)) == "png"
    assert sniff(io.BytesIO(b"%PDF-1.7")) == "pdf"
    assert sniff(io.BytesIO(b"<html>")) is None


@pytest.mark.parametrize("field", ["title", "problem", "solution", "expected_impact"])
def test_an_idea_field_that_shows_nothing_is_refused(citizen, programme, field):
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, {**IDEA, field: "\u200b\u200b\u2063"})
    assert list(exc.value.message_dict) == [field]
    assert not Idea.objects.exists()


def test_an_idea_edited_into_nothing_is_refused(citizen, programme):
    idea = ideas.submit_idea(citizen, programme, IDEA)
    with pytest.raises(ValidationError):
        ideas.edit_idea(citizen, idea, {**IDEA, "problem": "\u00ad\u200b"})
    idea.refresh_from_db()
    assert idea.problem == IDEA["problem"]
