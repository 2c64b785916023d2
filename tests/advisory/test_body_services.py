"""Bodies and members (the collectivity's staff) and meetings (the body's bureau), with bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remacto.accounts.models import Role
from remacto.advisory.models import Body, BodyKind, BureauRole, Meeting, Member
from remacto.advisory.services import bodies, meetings
from remacto.core.models import AuditLogEntry

from ..conftest import make_user
from .conftest import TODAY, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; the pages test them in Arabic."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("kind", [BodyKind.EQUITY, BodyKind.YOUTH, BodyKind.ECONOMIC, BodyKind.STANDING_COMMITTEE])
def test_a_region_has_the_three_bodies(network_admin, region, kind):
    body = bodies.create_body(network_admin, region, {"kind": kind, "name": f"هيئة {kind}"})
    assert body.kind == kind and AuditLogEntry.objects.filter(action="advisory.body_create").exists()


@pytest.mark.parametrize("kind", [BodyKind.YOUTH, BodyKind.ECONOMIC])
def test_a_commune_has_no_youth_or_economic_body(secretariat, commune, kind):
    with pytest.raises(ValidationError) as refused:
        bodies.create_body(secretariat, commune, {"kind": kind, "name": "هيئة الشباب"})
    assert "only in regions" in refused.value.message_dict["kind"][0]
    assert not Body.objects.exists()


def test_one_equity_body_per_collectivity_and_names_once(secretariat, body, commune):
    with pytest.raises(ValidationError, match="already has"):
        bodies.create_body(secretariat, commune, {"kind": BodyKind.EQUITY, "name": "هيئة ثانية"})
    with pytest.raises(ValidationError, match="this name"):
        bodies.create_body(secretariat, commune, {"kind": BodyKind.STANDING_COMMITTEE, "name": body.name})
    bodies.create_body(secretariat, commune, {"kind": BodyKind.STANDING_COMMITTEE, "name": "لجنة الميزانية"})
    assert Body.objects.filter(collectivity=commune).count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "هيئة\x00"}, "name"),
        ({"name": "\u200f\u200f"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"kind": "sports"}, "kind"),
    ],
)
def test_bad_bodies_are_refused(focal_point, commune, values, field):
    with pytest.raises(ValidationError) as refused:
        bodies.create_body(focal_point, commune, {"kind": BodyKind.EQUITY, "name": "هيئة", **values})
    assert field in refused.value.message_dict
    assert not Body.objects.exists()


def test_members_with_an_account_need_the_advisory_role(secretariat, body, citizen):
    with pytest.raises(ValidationError, match="advisory-member role"):
        bodies.add_member(secretariat, body, {"user": citizen, "role": BureauRole.MEMBER})
    Role.objects.create(user=citizen, kind=Role.Kind.ADVISORY_MEMBER, collectivity=body.collectivity)
    member = bodies.add_member(secretariat, body, {"user": citizen, "role": BureauRole.RAPPORTEUR})
    assert member.display_name == "Citizen" and member.in_bureau
    with pytest.raises(ValidationError, match="already a member"):
        bodies.add_member(secretariat, body, {"user": citizen, "role": BureauRole.MEMBER})


def test_external_members_and_one_president(secretariat, body):
    bodies.add_member(secretariat, body, {"name": "جمعية النساء", "affiliation": "جمعية", "role": BureauRole.PRESIDENT})
    with pytest.raises(ValidationError, match="president"):
        bodies.add_member(secretariat, body, {"name": "أحمد", "role": BureauRole.PRESIDENT})
    with pytest.raises(ValidationError, match="name"):
        bodies.add_member(secretariat, body, {"name": "", "role": BureauRole.MEMBER})
    member = Member.objects.get()
    bodies.remove_member(secretariat, member)
    assert not Member.objects.exists()
    assert AuditLogEntry.objects.filter(action="advisory.member_remove", details__member="جمعية النساء").exists()


def test_the_bureau_records_meetings_with_minutes(president, body):
    upcoming = meetings.save_meeting(
        president, body, {"held_on": datetime.date(2026, 12, 3), "agenda": "دراسة مشروع البرنامج"}, today=TODAY
    )
    assert upcoming.minutes == ""
    held = meetings.save_meeting(
        president,
        body,
        {"held_on": datetime.date(2026, 11, 10), "agenda": "جدول الأعمال", "minutes": "صادقت الهيئة على رأيها."},
        pdf_file("minutes.pdf"),
        today=TODAY,
    )
    assert held.minutes_document.name.startswith("advisory/minutes/")
    changed = meetings.save_meeting(
        president, body, {"held_on": datetime.date(2026, 11, 10), "agenda": "جدول معدل"}, meeting=held, today=TODAY
    )
    assert changed.pk == held.pk and Meeting.objects.count() == 2


@pytest.mark.parametrize(
    ("values", "document", "field"),
    [
        ({"minutes": "محضر"}, None, "minutes"),  # a meeting to come has no minutes
        ({"held_on": None}, None, "held_on"),
        ({"agenda": ""}, None, "agenda"),
        ({"agenda": "\x00"}, None, "agenda"),
        ({"held_on": datetime.date(2026, 11, 1)}, "not-a-pdf", "minutes_document"),
    ],
)
def test_bad_meetings_are_refused(president, body, values, document, field):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("minutes.pdf", b"MZ\x90 not a pdf") if document else None
    base = {"held_on": datetime.date(2026, 12, 3), "agenda": "جدول الأعمال"}
    with pytest.raises(ValidationError) as refused:
        meetings.save_meeting(president, body, {**base, **values}, upload, today=TODAY)
    assert field in refused.value.message_dict
    assert not Meeting.objects.exists()


def test_a_bureau_member_who_lost_the_advisory_role_no_longer_manages(president, body):
    Role.objects.filter(user=president).delete()
    fresh = type(president).objects.get(pk=president.pk)
    assert not fresh.has_perm("advisory.manage_meetings", body)


def test_an_unrelated_account_is_no_member(body):
    assert not make_user("someone@example.ma").has_perm("advisory.give_opinion", body)
