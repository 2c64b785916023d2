"""Atom feeds of news: one for the network, one per member (Django's syndication framework).

Links keep the language of the feed's own address (``/fr/…`` items link to ``/fr/…`` pages); titles and
summaries are stripped of bidi controls and the feed says its language, so readers lay them out themselves.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from remacto.core.bidi import strip_bidi
from remacto.core.markdown import render_markdown
from remacto.territories import selectors as territories_selectors
from remacto.territories.models import Collectivity

from . import selectors

ITEMS = 30


class NetworkNewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj) -> str:
        return strip_bidi(_("REMACTO network news") if obj is None else _("News of %(name)s") % {"name": obj})

    def link(self, obj) -> str:
        return reverse("network:news") if obj is None else reverse("network:member_news", kwargs={"slug": obj.slug})

    def subtitle(self, obj) -> str:
        return _("News posts published on the REMACTO platform.")

    def items(self, obj):
        return selectors.published_news(obj)[:ITEMS]

    def item_title(self, item) -> str:
        return strip_bidi(item.title)

    def item_description(self, item) -> str:
        return str(render_markdown(item.body))

    def item_link(self, item) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class MemberNewsFeed(NetworkNewsFeed):
    def get_object(self, request, slug: str):
        try:
            return territories_selectors.space(slug)
        except Collectivity.DoesNotExist as exc:
            raise Http404 from exc
