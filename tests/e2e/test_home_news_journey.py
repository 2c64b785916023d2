"""The network's news on the home page, in Arabic: an anonymous visitor first meets the empty state; a network
admin publishes a post from the write page; the visitor (whose home page came from the page cache) sees it at once,
opens it from its teaser, then reaches every news post from the home page's link. Screenshots at 360 px and on a
desktop go to test-artifacts/."""

import pytest

from remacto.accounts.models import Role

from ..conftest import make_user
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "الشبكة تفتح باب الانخراط للجماعات الجديدة"


def test_latest_news_on_the_home_page(live_server, page, browser, artifacts, reference):
    admin = make_user("news-journey@example.ma", "فريق الشبكة")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)
    visitor = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar-MA").new_page()

    visitor.goto(f"{live_server.url}/ar/")
    news = visitor.locator("section[aria-labelledby=news-title]")
    assert "لم تنشر الشبكة أي خبر بعد" in news.inner_text()
    visitor.goto(f"{live_server.url}/ar/")  # now from the page cache

    sign_in(page, live_server, admin.email)
    page.goto(f"{live_server.url}/ar/network/news/write/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=body]", "يمكن للجماعات الترابية **إيداع** طلبات الانخراط عبر المنصة.")
    page.select_option("select[name=status]", "published")
    page.locator("main form button[type=submit]").click()
    page.locator("article.news-post h1").wait_for()

    visitor.goto(f"{live_server.url}/ar/")
    assert visitor.locator("html").get_attribute("dir") == "rtl"
    teaser = news.locator("ul.news-teasers li")
    assert teaser.count() == 1 and TITLE in teaser.inner_text()
    no_horizontal_scroll(visitor)
    news.scroll_into_view_if_needed()
    visitor.screenshot(path=str(artifacts / "home-news-360-ar.png"), full_page=True)
    visitor.set_viewport_size({"width": 1280, "height": 900})
    visitor.screenshot(path=str(artifacts / "home-news-desktop-ar.png"), full_page=True)

    teaser.locator("a").click()
    visitor.wait_for_url("**/ar/network/news/*/")
    assert TITLE in visitor.locator("h1").inner_text()
    visitor.goto(f"{live_server.url}/ar/")
    news.locator("a[href$='/ar/network/news/']").click()
    visitor.wait_for_url("**/ar/network/news/")
    assert TITLE in visitor.locator("article.news-post h2").inner_text()
    feed = visitor.request.get(f"{live_server.url}/ar/network/news/feed/")
    assert feed.ok and TITLE in feed.text()
    visitor.context.close()
