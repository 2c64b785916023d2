"""The case core's services: numbers, history, deadlines and their replacement, answer, documents."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.cases import selectors, services
from remacto.cases.models import Case, CaseDocument

D = datetime.date
PDF = b"%PDF-1.4\n%test\n"


RECEIVED = D(2026, 3, 18)


def new_case(collectivity, received_on=RECEIVED, **kwargs) -> Case:
    return services.open_case(
        collectivity=collectivity,
        procedure=kwargs.pop("procedure", Case.Procedure.INFORMATION),
        received_on=received_on,
        status="received",
        **kwargs,
    )


@pytest.mark.django_db
def test_numbers_follow_each_collectivity_procedure_and_year(commune, other_commune):
    first, second = new_case(commune), new_case(commune)
    assert (first.number, second.number) == ("INF-2026-00001", "INF-2026-00002")
    assert new_case(other_commune).number == "INF-2026-00001"
    assert new_case(commune, procedure=Case.Procedure.PETITION).number == "PET-2026-00001"
    assert new_case(commune, procedure=Case.Procedure.OPINION, received_on=D(2027, 1, 4)).number == "AVS-2027-00001"


@pytest.mark.django_db
def test_history_keeps_who_when_what_why_and_hides_private_entries(commune, citizen, focal_point):
    case = new_case(commune, requester=citizen, actor=citizen, note="طلب")
    services.move(case, actor=focal_point, status="in_progress", note="internal", public=False)
    services.move(case, actor=focal_point, status="answered", note="الجواب")
    case.refresh_from_db()
    assert case.status == "answered"
    assert [e.status for e in selectors.history(case, public_only=True)] == ["received", "answered"]
    full = list(selectors.history(case, public_only=False))
    assert [(e.actor, e.note) for e in full][1] == (focal_point, "internal")


@pytest.mark.django_db
def test_an_extension_replaces_the_open_deadline_of_the_same_kind(commune):
    case = new_case(commune)
    first = services.set_deadline(case, kind="answer", start=case.received_on, amount=20, unit="working")
    extended = services.set_deadline(
        case, kind="answer", start=first.due, amount=20, unit="working", counts_for_answer=True
    )
    first.refresh_from_db()
    assert first.cancelled and extended.is_open
    # 16 April 2026 + 20 working days: 17, 20-24, 27-30 April, 1 May holiday, 4-8 (11-15), 11-15 May (16-20)
    assert extended.due == D(2026, 5, 15)
    assert list(selectors.deadlines(case)) == [extended]


@pytest.mark.django_db
def test_answer_meets_the_deadline_that_counts_and_close_cancels_the_others(commune):
    case = new_case(commune)
    answer = services.set_deadline(
        case, kind="answer", start=case.received_on, amount=20, unit="working", counts_for_answer=True
    )
    other = services.set_deadline(case, kind="complaint", start=case.received_on, amount=15, unit="calendar")
    services.answer(case, on=D(2026, 4, 1))
    services.close(case, on=D(2026, 4, 2))
    answer.refresh_from_db()
    other.refresh_from_db()
    assert answer.met_on == D(2026, 4, 1) and not answer.cancelled
    assert other.cancelled
    assert services.meet_deadline(case, "answer", D(2026, 4, 3)) is None


@pytest.mark.django_db
def test_a_pdf_document_is_kept_public_or_private(commune, focal_point):
    case = new_case(commune)
    upload = SimpleUploadedFile("reponse.pdf", PDF, content_type="application/pdf")
    document = services.add_document(case, actor=focal_point, title="الجواب", file=upload, public=True)
    services.add_document(case, actor=focal_point, title="note", file=SimpleUploadedFile("n.pdf", PDF), public=False)
    assert list(selectors.documents(case, public_only=True)) == [document]
    assert selectors.documents(case, public_only=False).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "content", "field"),
    [("doc", b"MZ\x90\x00 not a document", "file"), ("", PDF, "title"), ("a\x00b", PDF, "title")],
)
def test_bad_documents_are_refused_and_nothing_is_saved(commune, focal_point, title, content, field):
    case = new_case(commune)
    with pytest.raises(ValidationError) as caught:
        services.add_document(
            case, actor=focal_point, title=title, file=SimpleUploadedFile("x.pdf", content), public=True
        )
    assert field in caught.value.message_dict
    assert not CaseDocument.objects.exists()


@pytest.mark.django_db
def test_a_large_document_is_refused(commune, focal_point):
    case = new_case(commune)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="5"):
        services.add_document(case, actor=focal_point, title="big", file=big, public=True)
    assert not CaseDocument.objects.exists()


@pytest.mark.django_db
def test_a_reason_with_a_nul_byte_is_refused_and_nothing_changes(commune, focal_point):
    case = new_case(commune)
    with pytest.raises(ValidationError) as caught:
        services.move(case, actor=focal_point, status="answered", note="ok\x00")
    assert "NUL" in caught.value.message_dict["note"][0]
    case.refresh_from_db()
    assert case.status == "received" and case.events.count() == 1


@pytest.mark.django_db
def test_an_extension_of_a_request_received_on_28_december_2026(commune):
    case = new_case(commune, received_on=D(2026, 12, 28))
    first = services.set_deadline(case, kind="answer", start=case.received_on, amount=20, unit="working")
    assert first.due == D(2027, 1, 28)  # past 1, 11 and 14 January
    extended = services.set_deadline(case, kind="answer", start=first.due, amount=20, unit="working")
    # 29 Jan (1), 1-5 Feb (2-6), 8-12 (7-11), 15-19 (12-16), 22-25 (17-20)
    assert extended.due == D(2027, 2, 25)
    assert [d.due for d in selectors.deadlines(case, include_closed=True)] == [D(2027, 1, 28), D(2027, 2, 25)]
