"""Advisory fixtures: the equity body of Ben Guerir with its bureau, a draft programme, a body elsewhere, and the
people of the permission matrix."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.accounts.models import Role
from remacto.advisory.models import Body, BodyKind, BureauRole, Member
from remacto.advisory.services import opinions
from remacto.cocreation.models import Phase, Programme
from remacto.territories.models import Collectivity

from ..conftest import make_user

TODAY = datetime.date(2026, 11, 20)


def pdf_file(name: str = "opinion.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")


@pytest.fixture
def region(reference) -> Collectivity:
    return Collectivity.objects.filter(kind="region", membership__isnull=False).order_by("slug").first()


@pytest.fixture
def body(commune) -> Body:
    return Body.objects.create(
        collectivity=commune, kind=BodyKind.EQUITY, name="هيئة المساواة وتكافؤ الفرص ومقاربة النوع"
    )


@pytest.fixture
def other_body(other_commune) -> Body:
    return Body.objects.create(collectivity=other_commune, kind=BodyKind.EQUITY, name="هيئة المساواة بزاكورة")


def seat(body: Body, email: str, role: str = BureauRole.MEMBER):
    user = make_user(email, email.split("@")[0])
    Role.objects.create(user=user, kind=Role.Kind.ADVISORY_MEMBER, collectivity=body.collectivity)
    Member.objects.create(body=body, user=user, role=role)
    return user


@pytest.fixture
def president(body):
    return seat(body, "president@example.ma", BureauRole.PRESIDENT)


@pytest.fixture
def rapporteur(body):
    return seat(body, "rapporteur@example.ma", BureauRole.RAPPORTEUR)


@pytest.fixture
def advisory_member(body):
    """A member of the body outside its bureau."""
    return seat(body, "member@example.ma")


@pytest.fixture
def other_body_president(other_body):
    return seat(other_body, "president-zagora@example.ma", BureauRole.PRESIDENT)


@pytest.fixture
def draft(commune) -> Programme:
    return Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.CONSULTATION
    )


def request_values(subject, **extra) -> dict:
    return {
        "asked_by": "president",
        "subject_kind": "programme",
        "programme": subject,
        "question": "ما رأي الهيئة في مشروع البرنامج؟",
        "received_on": datetime.date(2026, 11, 2),
        "deadline_amount": 15,
        "deadline_unit": "working",
        **extra,
    }


def opinion_values(**extra) -> dict:
    return {
        "received_on": datetime.date(2026, 11, 12),
        "text": "رأي إيجابي مع توصيات لتعزيز مقاربة النوع.",
        "votes_for": 9,
        "votes_against": 1,
        "votes_abstain": 2,
        "recommendations": ["إدماج مؤشرات النوع", "إشراك الشباب"],
        **extra,
    }


@pytest.fixture
def opinion_request(secretariat, body, draft):
    return opinions.request_opinion(secretariat, body, request_values(draft), today=TODAY)


def as_file(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle
