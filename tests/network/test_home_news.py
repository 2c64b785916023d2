"""The network's latest news on the home page: three teasers, links to every news post and to the feed, an empty
state, one query more, and a cached home page that shows a post as soon as it is published."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from remacto.network.models import NewsPost
from remacto.network.services import news

pytestmark = pytest.mark.django_db


def _post(author, title: str, status: str = "published", collectivity=None) -> NewsPost:
    return news.write(author, collectivity, {"title": title, "body": "نص الخبر", "status": status})


def test_home_shows_the_three_latest_network_news_with_links(client, network_admin, focal_point, commune):
    for n in range(1, 5):
        _post(network_admin, f"خبر الشبكة {n}")
    _post(network_admin, "مسودة لم تنشر", status="draft")
    _post(focal_point, "خبر جماعة عضو", collectivity=commune)
    response = client.get("/ar/")
    assert [p.title for p in response.context["news"]] == ["خبر الشبكة 4", "خبر الشبكة 3", "خبر الشبكة 2"]
    body = response.content.decode()
    assert "خبر الشبكة 1" not in body and "مسودة لم تنشر" not in body and "خبر جماعة عضو" not in body
    latest = response.context["news"][0]
    assert f'href="/ar/network/news/{latest.pk}/"><bdi>خبر الشبكة 4</bdi></a>' in body
    assert 'href="/ar/network/news/"' in body and 'href="/ar/network/news/feed/"' in body
    assert 'rel="alternate" type="application/atom+xml" href="/ar/network/news/feed/"' in body


def test_home_says_when_the_network_has_no_news(client, network_admin):
    _post(network_admin, "مسودة", status="draft")
    response = client.get("/ar/")
    assert response.context["news"] == []
    assert "لم تنشر الشبكة أي خبر بعد" in response.content.decode()
    assert "Le réseau n’a publié aucune actualité" in client.get("/fr/").content.decode()


def test_news_on_the_home_page_cost_one_query_whatever_their_number(client, network_admin):
    with CaptureQueriesContext(connection) as empty:
        client.get("/ar/")
    news_queries = [q for q in empty.captured_queries if "network_newspost" in q["sql"]]
    assert len(news_queries) == 1 and "body" not in news_queries[0]["sql"]  # only what a teaser shows
    for n in range(5):
        _post(network_admin, f"خبر {n}")
    with CaptureQueriesContext(connection) as full:
        assert len(client.get("/ar/").context["news"]) == 3
    assert len(full.captured_queries) == len(empty.captured_queries) <= 5


def test_publishing_a_draft_shows_on_the_cached_home_page_at_once(network_admin):
    reader = Client()
    draft = _post(network_admin, "خبر ينتظر النشر", status="draft")
    assert reader.get("/ar/")["X-Page-Cache"] == "miss"
    cached = reader.get("/ar/")
    assert cached["X-Page-Cache"] == "hit" and "خبر ينتظر النشر" not in cached.content.decode()
    news.edit(network_admin, draft, {"title": draft.title, "body": draft.body, "status": "published"})
    fresh = reader.get("/ar/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "خبر ينتظر النشر" in fresh.content.decode()
