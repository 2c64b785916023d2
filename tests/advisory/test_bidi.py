"""What people typed on advisory pages (a body's name, a member's name, an opinion, its recommendations, a
meeting's agenda) cannot reorder the page: each shows in its own isolate, on every page that shows it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.advisory.models import Body, BureauRole, Meeting, Member
from remacto.advisory.services import opinions

from ..conftest import make_user
from ..test_bidi_isolation import COMMENT, NAME, TITLE, problems
from .conftest import TODAY, opinion_values, request_values

pytestmark = pytest.mark.django_db


def test_advisory_pages_isolate_what_people_typed(client, commune, secretariat, draft):
    body = Body.objects.create(collectivity=commune, kind="equity", name=TITLE, description=COMMENT)
    Member.objects.create(body=body, user=make_user("amina@example.ma", NAME), role=BureauRole.PRESIDENT)
    Member.objects.create(body=body, name=NAME, affiliation=TITLE, role=BureauRole.MEMBER)
    Meeting.objects.create(body=body, held_on=datetime.date(2026, 11, 1), agenda=COMMENT, minutes=COMMENT)
    asked = opinions.request_opinion(secretariat, body, request_values(draft, question=COMMENT), today=TODAY)
    opinions.give_opinion(
        secretariat, asked, opinion_values(text=COMMENT, recommendations=[COMMENT, TITLE]), today=TODAY
    )
    with translation.override("ar"):
        pages = [
            reverse("advisory:bodies", args=[commune.slug]),
            body.get_absolute_url(),
            asked.get_absolute_url(),
            reverse("cocreation:programme", args=[commune.slug, draft.cycle]),
        ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert TITLE in html or NAME in html, page
        assert problems(html) == [], page
