"""The Django admin's adoption form checks a new deliberation document like the adoption page: a PDF read from
its content, within the upload limit; nothing is saved when it is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.cocreation.models import Adoption, Phase
from remacto.cocreation.services import adoption as service
from remacto.cocreation.uploads import MAX_UPLOAD_BYTES

from ..conftest import make_user
from .conftest import in_phase

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
NOT_A_PDF = b"MZ\x90\x00 an executable named like a PDF"


@pytest.fixture
def superuser(db):
    return make_user("root@example.ma", "Root", is_staff=True, is_superuser=True)


@pytest.fixture
def recorded(programme):
    adoption = Adoption.objects.create(
        programme=programme, session_date=datetime.date(2027, 2, 3), deliberation_number="12/2027", votes_for=20
    )
    adoption.document.save("first.pdf", ContentFile(PDF))
    return adoption


def _data(adoption, document, recorded_by=None) -> dict:
    return {
        "programme": adoption.programme_id,
        "session_date": "2027-02-03",
        "deliberation_number": "12/2027",
        "votes_for": 20,
        "votes_against": 0,
        "votes_abstain": 0,
        "recorded_by": recorded_by.pk if recorded_by else "",
        "document": document,
    }


def _change_url(adoption) -> str:
    return f"/ar/admin/cocreation/adoption/{adoption.pk}/change/"


def test_the_admin_refuses_a_document_that_is_not_a_pdf(client, superuser, recorded):
    client.force_login(superuser)
    before = recorded.document.name
    upload = SimpleUploadedFile("deliberation.pdf", NOT_A_PDF, content_type="application/pdf")
    response = client.post(_change_url(recorded), _data(recorded, upload, superuser))
    assert response.status_code == 200
    assert "«deliberation.pdf» ليس وثيقة بصيغة PDF." in response.content.decode()
    recorded.refresh_from_db()
    assert recorded.document.name == before


def test_the_admin_refuses_a_pdf_larger_than_the_upload_limit(client, superuser, recorded):
    client.force_login(superuser)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_UPLOAD_BYTES, content_type="application/pdf")
    response = client.post(_change_url(recorded), _data(recorded, upload, superuser))
    assert response.status_code == 200 and "حجم «big.pdf» يتجاوز 5 ميغابايت." in response.content.decode()
    recorded.refresh_from_db()
    assert recorded.document.name.endswith("first.pdf")


def test_the_admin_refuses_a_fake_pdf_when_adding_and_saves_nothing(client, superuser, programme):
    client.force_login(superuser)
    data = _data(Adoption(programme=programme), SimpleUploadedFile("d.pdf", NOT_A_PDF), superuser)
    response = client.post("/ar/admin/cocreation/adoption/add/", data)
    assert response.status_code == 200 and not Adoption.objects.exists()


def test_the_admin_keeps_a_real_pdf(client, superuser, recorded):
    client.force_login(superuser)
    response = client.post(_change_url(recorded), _data(recorded, SimpleUploadedFile("new.pdf", PDF), superuser))
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.document.name.endswith(".pdf") and "new" in recorded.document.name


def test_only_superusers_reach_the_adoption_admin(client, recorded, network_admin):
    assert client.get(_change_url(recorded)).status_code == 302  # visitors are sent to sign in
    staff = make_user("staff@example.ma", is_staff=True)
    client.force_login(staff)
    assert client.get(_change_url(recorded)).status_code == 403
    client.force_login(network_admin)  # a network admin works through the pages, not the admin
    assert client.get(_change_url(recorded)).status_code == 302


def test_the_adoption_page_service_refuses_a_fake_pdf_under_the_document_field(secretariat, programme):
    in_phase(programme, Phase.ADOPTION)
    session = {"session_date": datetime.date(2027, 2, 3), "deliberation_number": "12/2027", "votes_for": 20}
    with pytest.raises(ValidationError) as exc:
        service.record_adoption(secretariat, programme, document=SimpleUploadedFile("d.pdf", NOT_A_PDF), **session)
    assert exc.value.message_dict == {"document": ["«d.pdf» ليس وثيقة بصيغة PDF."]}
    assert not Adoption.objects.exists()
