"""Review meetings of the follow-up committee: who may record them, bad input (nothing saved half-way), audit."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.cocreation.models import Phase
from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import ReviewDecision, ReviewMeeting
from remacto.monitoring.services import reviews as service

TODAY = datetime.date(2026, 11, 29)
VALUES = {
    "held_on": datetime.date(2026, 10, 15),
    "title": "الاجتماع الفصلي الثالث",
    "attendees": "الرئيس، ممثلو الجمعيات",
    "minutes": "ناقشت اللجنة تقدم المشاريع.",
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def record(actor, programme, values=None, decisions=(), document=None):
    return service.record_meeting(actor, programme, VALUES | (values or {}), decisions, document, today=TODAY)


@pytest.mark.parametrize("who", ["focal_point", "committee_member", "network_admin"])
def test_committee_focal_point_and_admins_record(request, implemented, project, who):
    actor = request.getfixturevalue(who)
    meeting = record(
        actor,
        implemented,
        decisions=[
            {"text": "تسريع الدراسة", "project": project, "responsible": "مصلحة الشراكة", "due_on": TODAY},
            {"text": "", "project": None, "responsible": "", "due_on": None},  # an empty row is skipped
            {"text": "نشر تقرير نصف سنوي", "project": None},
        ],
        document=SimpleUploadedFile("pv.pdf", PDF, content_type="application/pdf"),
    )
    assert meeting.recorded_by == actor and meeting.document.name.endswith(".pdf")
    assert list(meeting.decisions.values_list("project", flat=True)) == [project.pk, None]
    entry = AuditLogEntry.objects.get(action="review.record")
    assert entry.actor == actor and entry.details == {"held_on": "2026-10-15", "decisions": 2}


@pytest.mark.parametrize(
    "who",
    ["citizen", "moderator", "unit_officer", "other_focal_point", "other_committee_member", "anonymous"],
)
def test_others_may_not_record(request, implemented, who):
    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        record(actor, implemented)
    assert not ReviewMeeting.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"held_on": datetime.date(2026, 11, 30)}, "held_on"),  # tomorrow
        ({"held_on": datetime.date(2025, 12, 31)}, "held_on"),  # before the cycle
        ({"held_on": None}, "held_on"),
        ({"title": " "}, "title"),
        ({"minutes": ""}, "minutes"),
        ({"minutes": "x" * 10001}, "minutes"),
    ],
)
def test_bad_meeting_values(focal_point, implemented, values, field):
    with pytest.raises(ValidationError) as error:
        record(focal_point, implemented, values)
    assert field in error.value.message_dict
    assert not ReviewMeeting.objects.exists()


def test_bad_decisions_and_documents_save_nothing(focal_point, implemented, project, other_project):
    bad_rows = [
        [{"text": "", "responsible": "المصلحة"}],  # a row without its decision
        [{"text": "قرار", "project": other_project}],  # another programme's project
        [{"text": "قرار"}] * 31,
    ]
    for rows in bad_rows:
        with pytest.raises(ValidationError) as error:
            record(focal_point, implemented, decisions=rows)
        assert "decisions" in error.value.message_dict
    for document in (
        SimpleUploadedFile("pv.pdf", b"GIF89a not a pdf"),
        SimpleUploadedFile("pv.pdf", b"\x89PNG\r\n\x1a\n"),
    ):
        with pytest.raises(ValidationError) as error:
            record(focal_point, implemented, decisions=[{"text": "قرار"}], document=document)
        assert "document" in error.value.message_dict
    assert not ReviewMeeting.objects.exists() and not ReviewDecision.objects.exists()


def test_only_adopted_programmes(focal_point, implemented):
    implemented.phase = Phase.CONSULTATION
    implemented.save()
    with pytest.raises(ValidationError):
        record(focal_point, implemented)
