"""The network demo: a published post of the network and one of Ben Guerir, public in Arabic; a pending
membership application of the provincial council of Ben Guerir's province, seen by the network admins and its
applicant only; loading twice adds nothing."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.accounts.models import User
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


@pytest.fixture
def application(posts):
    return demo.load_application()


def test_a_pending_application_of_a_council_not_yet_member(application):
    commune = Collectivity.objects.get(slug="ben-guerir")
    council = application.collectivity
    assert council.kind == Collectivity.Kind.PROVINCE_COUNCIL and council.province == commune.province
    assert not hasattr(council, "membership") and application.status == MembershipApplication.Status.PENDING
    assert application.applicant.email == "applicant@demo.remacto.ma" and application.charter.is_current
    assert application.deliberation.read(5) == b"%PDF-"


def test_no_application_when_the_council_is_a_member(posts):
    from remacto.territories.models import Membership

    commune = Collectivity.objects.get(slug="ben-guerir")
    council = Collectivity.objects.get(kind=Collectivity.Kind.PROVINCE_COUNCIL, province=commune.province)
    Membership.objects.create(collectivity=council, cohort_year=2024)
    assert demo.load_application() is None and not MembershipApplication.objects.exists()


def test_loading_again_changes_nothing(application, posts):
    assert demo.load_demo() == posts and NewsPost.objects.count() == 2
    assert demo.load_application() == application and MembershipApplication.objects.count() == 1


def test_the_application_is_seen_by_the_admins_and_its_applicant_only(client, application):
    url = application.get_absolute_url()
    assert client.get(url).status_code == 403
    for email, status in (("citizen@demo.remacto.ma", 403), ("applicant@demo.remacto.ma", 200)):
        client.force_login(User.objects.get(email=email))
        assert client.get(url).status_code == status, email
    client.force_login(User.objects.get(email="admin@demo.remacto.ma"))
    page = client.get(url).content.decode()
    assert application.focal_name in page and application.collectivity.name in page


def test_the_posts_are_public_in_arabic(client, posts):
    listing = client.get("/ar/network/news/")
    assert listing.status_code == 200 and posts[0].title in listing.content.decode()
    for post in posts:
        page = client.get(post.get_absolute_url())
        assert page.status_code == 200 and 'lang="ar"' in page.content.decode() and post.title in page.content.decode()
    member_news = client.get("/ar/members/ben-guerir/news/").content.decode()
    assert posts[1].title in member_news and posts[0].title not in member_news
