"""The translation catalogues: Arabic and French complete, Amazigh covering navigation, home and directory."""

from pathlib import Path

import polib
import pytest

from remacto import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def _catalogue(lang):
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_arabic_and_french_are_complete(lang):
    po = _catalogue(lang)
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{lang}: fuzzy entries are not used at run time: {fuzzy[:5]}"


def test_amazigh_covers_navigation_and_is_tifinagh():
    po = _catalogue("zgh")
    required = ["Home", "Members", "Charter", "Sign in", "Sign up", "Member directory", "Search by name"]
    by_id = {e.msgid: e for e in po}
    for msgid in required:
        entry = by_id[msgid]
        assert entry.msgstr and not entry.fuzzy, msgid
        assert all(not ch.isalpha() or "\u2d30" <= ch <= "\u2d7f" for ch in entry.msgstr), entry.msgstr
    assert "review" in (po.header or "").lower()
