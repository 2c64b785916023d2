"""Amazigh for citizens: every interface string a citizen can meet is in Tifinagh, and on Amazigh pages any
Arabic text is content shown in its fallback language, marked ``lang="ar"`` and said once per page."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cocreation.demo import load_demo
from remacto.cocreation.models import Idea, Programme

from .conftest import make_user

ARABIC = re.compile("[\u0600-\u06ff]")
# Staff-only places: their strings may stay untranslated in the Amazigh draft.
STAFF_ONLY = re.compile(
    r"(admin\.py|apps\.py|views/staff\.py|import_jobs\.py|imports\.py|tasks\.py|services/(?!ideas)\w+\.py|"
    r"audit_log\.html|roles\.html|manage\.html|triage[^/]*\.html|import[^/]*\.html|ideas_record[^/]*\.html|"
    r"project_form\.html|form_page\.html|_?export_status\.html|moderat[^/]*\.html|_moderated_object\.html|"
    r"organisation_form\.html|core/models\.py|core/permissions\.py|settings\.py|cocreation/forms\.py|"
    r"budgets/forms\.py|budgets/views/campaigns\.py|budgets/templates/budgets/districts\.html|"
    r"monitoring/views/alerts\.py|monitoring/alerts_list\.html|monitoring/forms/money\.py|money_spending\.html)$"
)
# Field names of models seen only by staff (admin, staff forms) are lower-case msgids in these modules.
STAFF_FIELD_NAMES = ("cocreation/models.py", "core/models.py", "notifications/models.py", "budgets/models.py")
# Words written in Latin letters in every language.
LATIN_KEPT = re.compile(
    r"REMACTO|OGP Local|CNDP|UTF-8|NUL|JPEG|PNG|PDF|CSV|XLSX|JSON|SMS|MB|MAD|QR|IP|Markdown|idea\.answered|"
    r"Add1|pabulib|CIN"
)


def _is_tifinagh(text: str) -> bool:
    text = re.sub(r"%\(\w+\)[sd]|%[sd]|<[^>]+>|&\w+;", "", text)
    text = LATIN_KEPT.sub("", text)
    return all(not ch.isalpha() or "\u2d30" <= ch <= "\u2d7f" for ch in text)


def citizen_entries(po: polib.POFile) -> list[polib.POEntry]:
    """Entries used somewhere a citizen can reach (not only in staff views, templates, services or admin)."""
    entries = []
    for entry in po:
        if entry.obsolete:
            continue
        files = [path for path, _line in entry.occurrences]
        if files and all(STAFF_ONLY.search(path) for path in files):
            continue
        only_models = files and all(path.endswith(STAFF_FIELD_NAMES) or STAFF_ONLY.search(path) for path in files)
        if only_models and entry.msgid[:1].islower() and not entry.msgid_plural:
            continue
        entries.append(entry)
    return entries


@pytest.mark.parametrize("catalogue", ["locale", "locale_vendor"])
def test_every_citizen_string_is_in_tifinagh(catalogue):
    po = polib.pofile(str(Path(settings.BASE_DIR) / catalogue / "zgh" / "LC_MESSAGES" / "django.po"))
    entries = citizen_entries(po) if catalogue == "locale" else list(po)
    assert len(entries) > 600 if catalogue == "locale" else len(entries) > 200
    missing = [e.msgid for e in entries if not e.translated() or e.fuzzy]
    assert not missing, f"{len(missing)} citizen strings without Amazigh, e.g. {missing[:5]}"
    latin = [e.msgid for e in entries if not all(_is_tifinagh(s) for s in [e.msgstr, *e.msgstr_plural.values()])]
    assert not latin, f"not in Tifinagh: {latin[:5]}"
    assert "IRCAM" in po.header and "review" in po.header


class _ArabicOutsideArabicContent(HTMLParser):
    """Collects Arabic text (and attribute values) that no ``lang="ar"`` element encloses.

    Text that people typed (ideas, places, association names) has no known language: it only needs to be
    isolated (``<bdi>`` or ``dir="auto"``). The document ``<title>`` is one plain string and is not checked.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SEEN_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.leaks: list[str] = []
        self.skip = 0

    def _lang(self) -> str:
        return next((lang for _tag, lang in reversed(self.stack) if lang), "")

    def _isolated(self) -> bool:
        return self._lang() == "ar" or any(lang == "auto" for _tag, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        lang = values.get("lang") or ("auto" if tag == "bdi" or values.get("dir") == "auto" else "")
        for name in self.SEEN_ATTRIBUTES:
            if ARABIC.search(values.get(name) or "") and lang != "ar" and not self._isolated():
                self.leaks.append(f"{tag}[{name}]={values[name]}")
        if tag in ("script", "style", "title"):
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skip and ARABIC.search(data) and not self._isolated():
            self.leaks.append(data.strip())


def arabic_leaks(html: str) -> list[str]:
    parser = _ArabicOutsideArabicContent()
    parser.feed(html)
    return parser.leaks


@pytest.fixture
def demo(reference):
    load_accounts()
    return load_demo()


@pytest.mark.django_db
def test_amazigh_pages_show_arabic_only_as_marked_content(client, demo):
    programme = Programme.objects.get(collectivity__slug="ben-guerir", cycle="2026-2027")
    base = f"/zgh/members/ben-guerir/programme/{programme.cycle}"
    idea = Idea.objects.filter(programme__collectivity__slug="ben-guerir", is_hidden=False).first()
    adopted = Programme.objects.get(collectivity__slug="ben-guerir", cycle="2024-2025")
    project = adopted.projects.first()
    old = f"/zgh/members/ben-guerir/programme/{adopted.cycle}"
    public = [
        "/zgh/",
        "/zgh/members/",
        "/zgh/members/ben-guerir/",
        "/zgh/charter/",
        "/zgh/organisations/",
        f"{base}/",
        f"{base}/ideas/",
        idea.get_absolute_url().replace("/ar/", "/zgh/", 1),
        f"{base}/meetings/",
        f"{base}/statistics/",
        f"{old}/",
        f"{old}/projects/",
        f"{old}/projects/{project.pk}/",
        f"{old}/statistics/",
        "/zgh/accounts/login/",
        "/zgh/accounts/signup/",
        "/zgh/accounts/password/reset/",
    ]
    citizen = make_user("amazigh@example.ma", "Tiziri", preferred_language="zgh")
    signed_in = ["/zgh/profile/", "/zgh/notifications/", "/zgh/notifications/settings/", f"{base}/ideas/new/"]
    found = {}
    for path in public:
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = arabic_leaks(response.content.decode())
    client.force_login(citizen)
    for path in signed_in:
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = arabic_leaks(response.content.decode())
    leaks = {path: texts[:3] for path, texts in found.items() if texts}
    assert not leaks, leaks


@pytest.mark.django_db
def test_the_fallback_notice_is_said_once_per_page(client, demo):
    programme = Programme.objects.get(collectivity__slug="ben-guerir", cycle="2024-2025")
    body = client.get(f"/zgh/members/ben-guerir/programme/{programme.cycle}/").content.decode()
    assert programme.axes.count() > 1
    assert body.count('class="fallback-note"') == 1
    assert ARABIC.search(body) and 'lang="ar" dir="rtl"' in body


@pytest.mark.django_db
def test_member_names_have_a_tifinagh_form_shown_on_amazigh_pages(client, reference):
    from remacto.territories.models import Collectivity, Region

    named = Collectivity.objects.exclude(name_fr="")
    assert named.count() > 80
    assert all(_is_tifinagh(c.name_zgh) and c.name_zgh for c in named)
    assert all(_is_tifinagh(r.name_zgh) and r.name_zgh for r in Region.objects.all())
    body = client.get("/zgh/members/ben-guerir/").content.decode()
    assert "ⴱⴻⵏ ⴳⴻⵔⵉⵔ" in body
