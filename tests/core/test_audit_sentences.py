"""The audit log reads as sentences in the reader's language, with role and phase labels and isolated cycles."""

import pytest
from django.utils import translation

from remacto.accounts import services as account_services
from remacto.cocreation.models import Phase, Programme
from remacto.core import audit
from remacto.core.models import AuditLogEntry

from ..conftest import make_user

pytestmark = pytest.mark.django_db


def test_every_recorded_action_code_has_a_sentence():
    import pathlib
    import re

    source = pathlib.Path(audit.__file__).resolve().parents[1]
    codes = set()
    for path in source.rglob("*.py"):
        codes |= set(re.findall(r'audit\.record\(\s*\w+,\s*"([\w.]+)"', path.read_text()))
    codes |= {f"participation.{action}" for action in ("hide", "restore", "dismiss_flags")}
    codes |= {"account.delete"}  # written directly by accounts.privacy (its object is the person)
    assert codes and codes <= set(audit.ACTIONS), codes - set(audit.ACTIONS)


def test_audit_page_in_arabic_shows_sentences_not_codes(client, network_admin, focal_point, commune):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح")
    audit.record(
        network_admin, "programme.phase", programme, collectivity=commune, from_phase=Phase.IDEAS, to=Phase.TRIAGE
    )
    account_services.grant_role(network_admin, make_user("mod@example.ma", "Salma"), "moderator", commune)
    client.force_login(network_admin)
    body = client.get("/ar/audit/").content.decode()
    assert "programme.phase" not in body and "role.grant" not in body
    assert "من «<bdi>جمع الأفكار</bdi>» إلى «<bdi>فرز الأفكار</bdi>»" in body
    assert "منح دور «<bdi>مشرف</bdi>» لـ" in body and "moderator" not in body
    assert 'برنامج عمل الانفتاح <bdi dir="ltr">2026-2027</bdi>' in body
    french = client.get("/fr/audit/").content.decode()
    assert "modérat" in french.lower() and "Salma" in french


def test_unknown_codes_still_show_with_the_object():
    entry = audit.AuditLogEntry(action="legacy.thing", object_repr="2026-2027", details={})
    assert audit.describe(entry) == '<code>legacy.thing</code> <bdi dir="ltr">2026-2027</bdi>'


def test_amounts_in_sentences_are_written_the_readers_way(focal_point, commune):
    entry = AuditLogEntry.objects.create(
        actor=focal_point,
        action="proposal.review",
        collectivity=commune,
        object_type="budgets.proposal",
        object_id="1",
        object_repr="P-1 إنارة",
        details={"status": "accepted", "cost": "85000.00"},
    )
    with translation.override("ar"):
        assert "85.000,00" in audit.describe(entry) and "85000.00" not in audit.describe(entry)
    with translation.override("fr"):
        assert "85" in audit.describe(entry) and "85000.00" not in audit.describe(entry)
