"""``manage.py load_demo`` as ``make run`` calls it: every module gets its sample content, the demo accounts are
printed with their roles, and running it again changes no table."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROLES = {
    "admin@demo.remacto.ma": "network admin",
    "focal@demo.remacto.ma": "focal point — Ben Guerir",
    "information@demo.remacto.ma": "information officer — Ben Guerir",
    "advisory@demo.remacto.ma": "advisory body member — Ben Guerir",
    "secretariat@demo.remacto.ma": "council secretariat — Ben Guerir",
    "citizen@demo.remacto.ma": "citizen",
    "applicant@demo.remacto.ma": "membership applicant (a council not yet a member)",
}
FILLED = [
    "information.InformationRequest",
    "information.Complaint",
    "petitions.Petition",
    "petitions.Signature",
    "advisory.Body",
    "advisory.Meeting",
    "advisory.Opinion",
    "support.Ticket",
    "network.NewsPost",
    "network.MembershipApplication",
    "cases.Case",
]


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _rows() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_fills_every_module_prints_the_accounts_and_is_idempotent(reference):
    printed = _load()
    rows = _rows()
    assert all(rows[label] > 0 for label in FILLED), {label: rows[label] for label in FILLED}
    lines = printed.splitlines()
    for email, label in ROLES.items():
        assert any(line.split() and line.split()[0] == email and line.endswith(label) for line in lines), email
    for heading in ("Demo information requests: 5", "Demo petition (accepted)", "Demo petition (collecting)"):
        assert heading in printed
    assert "Demo advisory body: /ar/members/ben-guerir/advisory/" in printed and "Demo news:" in printed
    assert "Demo membership application (pending): /ar/network/applications/" in printed
    assert _load() == printed
    assert _rows() == rows
