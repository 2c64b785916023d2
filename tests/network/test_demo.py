"""The network demo: a published post of the network and one of Ben Guerir, public in Arabic; no membership
application, since every collectivity of the reference data is a member; loading twice adds nothing."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.network import demo
from remacto.network.models import MembershipApplication, NewsPost
from remacto.territories.models import Collectivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(reference):
    load_accounts()
    return demo.load_demo()


def test_a_network_post_and_a_member_post_published(posts):
    network, member = posts
    assert network.collectivity is None and network.author.email == "admin@demo.remacto.ma"
    assert member.collectivity.slug == "ben-guerir" and member.author.email == "focal@demo.remacto.ma"
    assert all(post.status == NewsPost.Status.PUBLISHED and post.published_at for post in posts)
    assert network.published_at < member.published_at


def test_no_application_when_every_collectivity_is_a_member(posts):
    assert not Collectivity.objects.filter(membership__isnull=True).exists()
    assert not MembershipApplication.objects.exists()


def test_loading_again_changes_nothing(posts):
    assert demo.load_demo() == posts and NewsPost.objects.count() == 2


def test_the_posts_are_public_in_arabic(client, posts):
    listing = client.get("/ar/network/news/")
    assert listing.status_code == 200 and posts[0].title in listing.content.decode()
    for post in posts:
        page = client.get(post.get_absolute_url())
        assert page.status_code == 200 and 'lang="ar"' in page.content.decode() and post.title in page.content.decode()
    member_news = client.get("/ar/members/ben-guerir/news/").content.decode()
    assert posts[1].title in member_news and posts[0].title not in member_news
