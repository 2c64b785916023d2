"""Text people typed cannot reorder the page around it: a right-to-left override (U+202E) in a display name, an
idea title, a comment, an organisation or a search shows inside its own isolate (``<bdi>`` or an element with
``dir``) on every page, and is stripped from ``<title>``, notifications' plain text, emails, CSV and PDF."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from remacto.accounts import services as accounts
from remacto.cocreation.models import Phase, Programme
from remacto.cocreation.services import ideas
from remacto.notifications.models import Notification
from remacto.participation import services as participation
from remacto.participation.models import Discussion

from .conftest import make_user

pytestmark = pytest.mark.django_db

RLO = "\u202e"
NAME = f"{RLO}Amina"
TITLE = f"{RLO}لوحة إعلانات"
COMMENT = f"{RLO}Plant trees"
ORGANISATION = f"{RLO}Jeunes de Safi"
SEARCH = f"{RLO}xyz"
REASON = f"{RLO}Spam, hidden"
VALUES = (NAME, TITLE, COMMENT, ORGANISATION, SEARCH, REASON)
# Each block is a paragraph of its own for the bidi algorithm: an override cannot leave it.
BLOCKS = {"p", "div", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "blockquote", "pre", "section", "article"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class IsolationCheck(HTMLParser):
    """Finds every text with an override that shares its isolate or its paragraph with other text."""

    def __init__(self):
        super().__init__()
        self.stack: list[dict] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        isolating = tag in ("bdi", *BLOCKS) or (tag != "html" and any(name == "dir" for name, _ in attrs))
        self.stack.append({"tag": tag, "isolating": isolating, "text": []})

    def handle_endtag(self, tag):
        while self.stack:
            element = self.stack.pop()
            if element["isolating"]:
                self._check(element)
            if element["tag"] == tag:
                break

    def handle_data(self, data):
        if not self.stack:
            return
        if self.stack[-1]["tag"] == "title":
            if RLO in data:
                self.problems.append(f"<title> keeps the override: {data.strip()!r}")
            return
        isolating = [e for e in self.stack if e["isolating"]]
        if RLO in data and not isolating:
            self.problems.append(f"not isolated: {data.strip()!r} in <{self.stack[-1]['tag']}>")
        if isolating:
            isolating[-1]["text"].append(data)

    def _check(self, element):
        text = "".join(element["text"])
        if RLO not in text:
            return
        rest = text
        for value in VALUES:
            rest = rest.replace(value, "").replace(value[1:], "")
        if rest.replace("…", "").strip():
            self.problems.append(f"<{element['tag']}> isolates more than the typed text: {text.strip()[:80]!r}")


def problems(html: str) -> list[str]:
    checker = IsolationCheck()
    checker.feed(html)
    return checker.problems


def test_the_checker_sees_an_override_that_is_not_isolated():
    assert problems(f"<p>By {NAME}, 3 May</p>") and problems(f'<span dir="auto">By {NAME}</span>')
    assert problems(f"<main>{NAME} <span>x</span></main>")
    assert problems(f"<title>{TITLE}</title>")
    assert not problems(f"<p>By <bdi>{NAME}</bdi>, 3 May</p>") and not problems(f'<h1 dir="auto">{TITLE}</h1>')
    assert not problems(f'<div dir="auto"><p>Moderators only</p><p>{COMMENT}</p></div>')


@pytest.fixture
def world(commune, focal_point):
    author = make_user("amina@example.ma", NAME)
    reader = make_user("reader@example.ma", "Reader")
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.IDEAS)
    idea = ideas.submit_idea(author, programme, {"title": TITLE, "problem": "مشكلة", "solution": "حل"})
    participation.follow(reader, idea)
    participation.add_comment(author, idea, COMMENT)
    discussion = Discussion.objects.create(collectivity=commune, title=TITLE, body="B", author=focal_point)
    discussion_comment = participation.add_comment(author, discussion, COMMENT)
    organisation = accounts.create_organisation(author, name=ORGANISATION, description=ORGANISATION)
    return {
        "author": author,
        "reader": reader,
        "idea": idea,
        "discussion": discussion,
        "comment": discussion_comment,
        "org": organisation,
    }


def test_pages_isolate_what_people_typed(client, world):
    idea, programme = world["idea"], world["idea"].programme
    args = [programme.collectivity.slug, programme.cycle]
    pages = [
        idea.get_absolute_url(),
        reverse("cocreation:ideas", args=args),
        reverse("cocreation:ideas", args=args) + f"?q={SEARCH}",
        world["discussion"].get_absolute_url(),
        reverse("accounts:organisation", args=[world["org"].slug]),
        reverse("accounts:organisations"),
        reverse("territories:directory") + f"?q={SEARCH}",
    ]
    client.force_login(world["reader"])
    pages.append(reverse("notifications:list"))
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = problems(response.content.decode())
    assert not any(found.values()), "\n".join(f"{url}: {p}" for url, p in found.items() if p)


def test_notifications_and_emails_isolate_names_and_titles(world):
    [notification] = Notification.objects.filter(recipient=world["reader"])
    text = notification.text
    assert RLO not in text and "\u2068Amina\u2069" in text and "\u2068لوحة إعلانات\u2069" in text
    for message in mail.outbox:
        assert RLO not in message.subject and RLO not in message.body
        assert all(RLO not in html for html, _type in message.alternatives)


def test_moderation_pages_isolate_authors_and_reasons(client, world, moderator):
    comment = world["comment"]
    participation.flag(world["reader"], comment, "spam")
    participation.hide(moderator, comment, REASON)
    client.force_login(moderator)
    for url in (
        reverse("participation:moderation", args=[world["discussion"].collectivity.slug]),
        reverse("participation:moderation_log", args=[world["discussion"].collectivity.slug]),
        world["discussion"].get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200 and not problems(response.content.decode()), url


def test_csv_and_pdf_strip_bidi_controls(client, world):
    from remacto.cocreation import pdf

    programme = world["idea"].programme
    programme.title = TITLE
    programme.save()
    args = [programme.collectivity.slug, programme.cycle]
    csv_text = b"".join(client.get(reverse("cocreation:export_csv", args=args), {"what": "ideas"})).decode()
    assert "لوحة إعلانات" in csv_text and RLO not in csv_text
    html = pdf.render_html(programme, "ar")
    assert "لوحة إعلانات" in html and RLO not in html


def test_page_title_keeps_the_cycles_isolate_and_loses_a_typed_override(client, world):
    programme = world["idea"].programme
    programme.title = TITLE
    programme.save(update_fields=["title"])
    html = client.get(programme.get_absolute_url()).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
    assert "\u202e" not in title
    assert "\u20662026-2027\u2069" in title


def test_a_refused_choice_is_not_repeated_in_its_error_message(client, reference):
    """Choice fields' errors say the choice is not available without echoing the typed value and its controls."""
    urls = [reverse("netdash:dashboard"), reverse("territories:directory")]
    for url in urls:
        for field in ("region", "kind"):
            response = client.get(url, {field: SEARCH})
            assert RLO not in response.content.decode(), (url, field)
    response = client.get(reverse("netdash:dashboard"), {"region": SEARCH})
    assert response.status_code == 400
    assert "اختيارك ليس أحد الخيارات المتاحة" in response.content.decode()
