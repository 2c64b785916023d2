"""What people typed on event pages (a title, a theme, a place, organisers, speakers, workshop groups, names at
the door) cannot reorder the page: each shows in its own isolate."""

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.events.models import AgendaItem, Speaker

from ..conftest import PASSWORD, make_user
from ..test_bidi_isolation import COMMENT, NAME, TITLE, problems
from .conftest import make_event, register

pytestmark = pytest.mark.django_db


def test_event_pages_isolate_what_people_typed(client, network_admin, commune):
    event = make_event(title=TITLE, theme=COMMENT, place=TITLE, organisers=NAME, partners=NAME, audience=NAME)
    item = AgendaItem.objects.create(
        event=event, day=event.starts_on, starts_at=event.start_time, title=COMMENT, parallel_group=TITLE
    )
    Speaker.objects.create(item=item, name=NAME, role=TITLE, organisation=COMMENT)
    register(event, make_user("amina@example.ma", NAME), collectivity=commune)
    assert client.login(email=network_admin.email, password=PASSWORD)
    with translation.override("ar"):
        pages = [reverse("events:index"), event.get_absolute_url(), reverse("events:door", args=[event.pk])]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert TITLE in html or NAME in html, page
        assert problems(html) == [], page
