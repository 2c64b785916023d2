"""Fixtures of the network tests: a commune of the reference list that is not a member yet, an applicant, a
pending application, PDF and image uploads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from remacto.network.services import applications
from remacto.territories.models import Collectivity, Province

from ..conftest import make_user

FOCAL = {
    "charter_accepted": True,
    "focal_name": "سناء العلوي",
    "focal_title": "رئيسة مصلحة الشراكة",
    "focal_email": "sanae@tiznit.example.ma",
    "focal_phone": "+212 5 28 60 00 00",
}


def pdf(name: str = "مداولة.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (20, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def candidate_commune() -> Collectivity:
    """A commune added to the reference list that is not a member of the network."""
    province = Province.objects.order_by("code").first()
    return Collectivity.objects.create(
        kind=Collectivity.Kind.COMMUNE,
        slug="tafraout-sample",
        name_ar="جماعة تافراوت",
        name_fr="Commune de Tafraout",
        region=province.region,
        province=province,
    )


@pytest.fixture
def candidate(reference) -> Collectivity:
    return candidate_commune()


@pytest.fixture
def applicant(db):
    return make_user("applicant@example.ma", "Applicant")


@pytest.fixture
def application(applicant, candidate):
    return applications.apply(applicant, candidate, FOCAL, pdf())
