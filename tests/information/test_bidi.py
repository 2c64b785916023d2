"""Text people typed on information pages (the request, names, the answer, a published question, a document's
title) cannot reorder the page around it: a right-to-left override shows inside its own isolate."""

import pytest
from django.urls import reverse

from remacto.information.services import complaints, disclosure
from remacto.information.services import requests as services

from ..conftest import PASSWORD, make_user
from ..test_bidi_isolation import COMMENT, NAME, TITLE, problems
from .conftest import MONDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def typed(today, commune, officer, focal_point):
    author = make_user("amina@example.ma", NAME)
    request = services.file_request(
        author,
        commune,
        subject=TITLE,
        details=COMMENT,
        requester_kind="citizen",
        is_urgent=True,
        urgency_reason=COMMENT,
    )
    document = disclosure.publish_document(
        focal_point,
        commune,
        title=TITLE,
        category="budget",
        published_on=MONDAY,
        link="https://example.ma/b",
        description=COMMENT,
    )
    services.answer(officer, request, text=COMMENT, disclosure=document)
    services.publish_answer(officer, request, question=TITLE)
    complaints.complain(author, request, text=COMMENT)
    return author, request, document


def test_information_pages_isolate_what_people_typed(client, typed, focal_point):
    author, request, document = typed
    slug = request.case.collectivity.slug
    public = [
        reverse("information:home", args=[slug]),
        request.get_public_url(),
        reverse("information:disclosures", args=[slug]),
        document.get_absolute_url(),
    ]
    for url in public:
        html = client.get(url).content.decode()
        assert TITLE in html and not problems(html), url
    for person, urls in (
        (author, [request.get_absolute_url(), reverse("information:mine")]),
        (focal_point, [request.get_absolute_url(), reverse("information:register", args=[slug])]),
    ):
        assert client.login(email=person.email, password=PASSWORD)
        for url in urls:
            html = client.get(url).content.decode()
            assert NAME in html or TITLE in html
            assert not problems(html), url
