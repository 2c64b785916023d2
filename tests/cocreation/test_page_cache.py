"""The anonymous page cache on the idea pages: hits without queries, fresh after every kind of write, never for
signed-in visitors or pages with a CSRF token, 304 answers, gzip, one entry per language."""

import gzip
import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date

from remacto.cocreation.models import Idea, Phase
from remacto.cocreation.services import ideas, programmes, triage
from remacto.core import pagecache
from remacto.participation import services as participation

from .conftest import IDEA, in_phase

pytestmark = pytest.mark.django_db


def list_url(programme, language: str = "ar") -> str:
    with translation.override(language):
        return reverse("cocreation:ideas", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})


def idea_url(idea, language: str = "ar") -> str:
    with translation.override(language):
        return idea.get_absolute_url()


def support_count(html: str, idea: Idea) -> int:
    match = re.search(rf'id="idea-{idea.pk}-support">\s*<p class="support-count"><strong>(\d+)</strong>', html)
    assert match, "support button not found"
    return int(match[1])


@pytest.fixture
def idea(programme, axis, citizen) -> Idea:
    return ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis})


@pytest.fixture
def reader() -> Client:
    """An anonymous visitor."""
    return Client()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(reader, idea, django_assert_num_queries):
    url = list_url(idea.programme)
    first = reader.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = reader.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert idea.title in second.content.decode()


def test_query_string_and_path_are_part_of_the_key(reader, idea, programme):
    url = list_url(programme)
    reader.get(url)
    assert reader.get(url + "?sort=supported")["X-Page-Cache"] == "miss"
    assert reader.get(idea_url(idea))["X-Page-Cache"] == "miss"


def test_a_support_through_the_page_shows_at_once_on_the_list_and_the_idea_page(reader, idea, moderator):
    pages = [list_url(idea.programme), idea_url(idea)]
    for url in pages:
        assert support_count(reader.get(url).content.decode(), idea) == 0
        assert reader.get(url)["X-Page-Cache"] == "hit"
    response = signed_in(moderator).post(
        reverse("participation:support", kwargs={"ct": "cocreation.idea", "pk": idea.pk}), {"support": "1"}
    )
    assert response.status_code == 302
    for url in pages:
        fresh = reader.get(url)
        assert fresh["X-Page-Cache"] == "miss"
        assert support_count(fresh.content.decode(), idea) == 1


def test_a_comment_shows_at_once(reader, idea, moderator):
    url = idea_url(idea)
    reader.get(url)
    participation.add_comment(moderator, idea, "تعليق لم يكن هنا من قبل")
    assert "تعليق لم يكن هنا من قبل" in reader.get(url).content.decode()


def test_hiding_an_idea_removes_it_from_the_cached_list_at_once(reader, idea, moderator):
    url = list_url(idea.programme)
    assert idea.title in reader.get(url).content.decode()
    participation.hide(moderator, idea, "Contenu hors sujet pour ce programme.")
    assert idea.title not in reader.get(url).content.decode()


def test_a_triage_decision_shows_at_once(reader, idea, committee_member):
    in_phase(idea.programme, Phase.TRIAGE)
    url = idea_url(idea)
    reader.get(url)
    triage.decide(committee_member, idea, "accepted", "Retenue : elle sert la transparence du conseil.")
    assert "Retenue : elle sert la transparence du conseil." in reader.get(url).content.decode()


def test_a_new_idea_and_a_phase_change_show_at_once(reader, programme, axis, citizen, focal_point):
    url = list_url(programme)
    submit = reverse("cocreation:idea_submit", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})
    assert submit in reader.get(url).content.decode()
    ideas.submit_idea(citizen, programme, {**IDEA, "title": "فكرة جديدة تماما", "axis": axis})
    assert "فكرة جديدة تماما" in reader.get(url).content.decode()
    programmes.move_to_phase(focal_point, programme, Phase.TRIAGE)
    assert submit not in reader.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_writes_that_send_no_signal_change_the_version_too(idea):
    """``QuerySet.update()`` (how counters move) bypasses model signals; the version still changes."""
    before = pagecache.current_version()
    Idea.objects.filter(pk=idea.pk).update(support_count=7)
    assert pagecache.current_version() != before


@pytest.mark.django_db(transaction=True)
def test_a_writer_that_stored_no_page_changes_the_version_once_per_transaction(idea, reader, monkeypatch):
    """Inside a transaction, a process that stored no page since the last change waits for the commit; one that did
    changes the version at once, so that it never reads back a page rendered before its own writes."""
    bumps = []
    monkeypatch.setattr(pagecache, "_new_version", lambda real=pagecache._new_version: bumps.append(1) or real())
    pagecache.bump()
    with transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(support_count=7)
        Idea.objects.filter(pk=idea.pk).update(support_count=8)
        assert len(bumps) == 1
    assert len(bumps) == 2  # on commit
    assert reader.get(list_url(idea.programme))["X-Page-Cache"] == "miss"
    with transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(support_count=9)
        assert len(bumps) == 3  # at once: this process stored a page since
        Idea.objects.filter(pk=idea.pk).update(support_count=10)
        assert len(bumps) == 3
    assert len(bumps) == 4


@pytest.mark.django_db(transaction=True)
def test_the_version_changes_again_when_the_transaction_commits(idea, moderator):
    """A page rendered from the old rows while the transaction ran is stored under a version nobody reads after."""
    with transaction.atomic():
        participation.support(moderator, idea)
        during = pagecache.current_version()
    assert pagecache.current_version() != during


def test_private_writes_keep_the_cached_pages(idea):
    before = pagecache.current_version()
    session = SessionStore()
    session["seen"] = True
    session.save()
    assert pagecache.current_version() == before


@pytest.mark.parametrize("role", ["citizen", "moderator", "focal_point"])
def test_signed_in_visitors_never_get_or_fill_a_cached_page(reader, idea, role, request):
    user = request.getfixturevalue(role)
    url = list_url(idea.programme)
    client = signed_in(user)
    own = client.get(url)
    assert "X-Page-Cache" not in own
    assert "csrfmiddlewaretoken" in own.content.decode()  # the sign-out form
    assert reader.get(url)["X-Page-Cache"] == "miss"  # the signed-in page was not stored
    again = client.get(url)
    assert "X-Page-Cache" not in again and "csrfmiddlewaretoken" in again.content.decode()


def test_pages_with_a_csrf_token_are_never_cached(reader):
    with translation.override("ar"):
        url = reverse("account_login")
    reader.get(url)
    second = reader.get(url)
    assert "X-Page-Cache" not in second
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_a_visitor_with_a_message_to_read_is_not_served_from_the_cache(reader, idea):
    url = list_url(idea.programme)
    reader.get(url)
    reader.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in reader.get(url)


def test_htmx_requests_go_to_the_view(reader, idea):
    url = list_url(idea.programme)
    reader.get(url)
    fragment = reader.get(url, headers={"HX-Request": "true"})
    assert "X-Page-Cache" not in fragment
    assert "<html" not in fragment.content.decode()


def test_if_none_match_gets_304_until_the_page_changes(reader, idea, moderator):
    url = idea_url(idea)
    etag = reader.get(url)["ETag"]
    assert etag.startswith('W/"')
    assert reader.get(url, headers={"If-None-Match": etag}).status_code == 304
    participation.support(moderator, idea)
    changed = reader.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_if_modified_since_gets_304_only_when_no_write_came_after(reader, idea, moderator, monkeypatch):
    url = idea_url(idea)
    clock = [1_800_000_000.0]
    monkeypatch.setattr(pagecache.time, "time", lambda: clock[0])
    pagecache.bump()
    clock[0] += 5
    last_modified = reader.get(url)["Last-Modified"]
    clock[0] += 5
    assert reader.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    participation.support(moderator, idea)  # in the same second as the copy the visitor holds
    assert reader.get(url, headers={"If-Modified-Since": http_date(clock[0])}).status_code == 200


def test_cached_pages_are_gzipped_for_clients_that_accept_it(reader, idea):
    url = list_url(idea.programme)
    for state in ("miss", "hit"):
        response = reader.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response["X-Page-Cache"] == state and response["Content-Encoding"] == "gzip"
        assert idea.title in gzip.decompress(response.content).decode()
        assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
    plain = reader.get(url)
    assert not plain.has_header("Content-Encoding") and idea.title in plain.content.decode()


def test_signed_in_pages_are_never_compressed(idea, citizen):
    """BREACH: a page holding a CSRF token is sent uncompressed."""
    response = signed_in(citizen).get(list_url(idea.programme), headers={"Accept-Encoding": "gzip"})
    assert not response.has_header("Content-Encoding")


def test_languages_are_never_mixed(reader, idea):
    for _round in range(2):
        arabic = reader.get(list_url(idea.programme, "ar")).content.decode()
        french = reader.get(list_url(idea.programme, "fr")).content.decode()
        assert '<html lang="ar" dir="rtl">' in arabic
        assert '<html lang="fr" dir="ltr">' in french


def test_turned_off_with_zero_seconds(reader, idea, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = list_url(idea.programme)
    reader.get(url)
    assert "X-Page-Cache" not in reader.get(url)


def test_only_successful_pages_under_a_language_are_cached(reader, idea):
    missing = list_url(idea.programme).replace(idea.programme.cycle, "1999-2000")
    reader.get(missing)
    assert reader.get(missing).status_code == 404 and "X-Page-Cache" not in reader.get(missing)
    reader.get("/api/v1/regions")
    assert "X-Page-Cache" not in reader.get("/api/v1/regions")
