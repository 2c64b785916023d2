"""Shared fixtures: reference data loaded once per test database, a clean cache per test, people per role."""

from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.utils import translation

from remacto.accounts.models import Role, User
from remacto.budgets import sms
from remacto.territories.models import Collectivity, Region
from remacto.territories.reference import load_reference

PASSWORD = "Correct-Horse-42-Battery"


def refuse_then_roll_back_deletion(user: User, capture_on_commit) -> None:
    """Ask to delete ``user``'s account with a wrong password, then delete it in a transaction that rolls back;
    check that neither left anything to do after a commit (``capture_on_commit``: the pytest-django fixture)."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from remacto.accounts import privacy

    with capture_on_commit(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            privacy.delete_account(user, user, password="wrong")
        with pytest.raises(RuntimeError), transaction.atomic():
            privacy.delete_account(user, user, password=PASSWORD)
            raise RuntimeError  # anything failing after the deletion, in the same transaction
    assert callbacks == []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data (regions, provinces, 88 members, charter) once into the test database."""
    with django_db_blocker.unblock():
        load_reference()


@pytest.fixture(autouse=True)
def _clean_cache(settings, tmp_path):
    """Rate-limit counters, cached values, uploads and the active language never leak from one test to the next."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Production hashing costs ~0.3 s a password by design; tests create hundreds of accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _clear_caches()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    _clear_caches()


def _clear_caches() -> None:
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def reference(db):
    """The reference data; reloaded when a transactional test emptied the tables before this one."""
    if not Region.objects.exists():
        load_reference()


@pytest.fixture
def commune(reference) -> Collectivity:
    return Collectivity.objects.get(slug="ben-guerir")


@pytest.fixture
def other_commune(reference) -> Collectivity:
    return Collectivity.objects.get(slug="zagora")


def media_files() -> list[Path]:
    """Every file stored under the test's own ``MEDIA_ROOT`` (uploads the code under test wrote)."""
    from django.conf import settings

    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def make_user(email: str, name: str = "", **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, display_name=name or email.split("@")[0])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for key, value in fields.items():
        setattr(user, key, value)
    if fields:
        user.save()
    return user


@pytest.fixture
def citizen(db) -> User:
    return make_user("citizen@example.ma", "Citizen")


@pytest.fixture
def network_admin(db) -> User:
    user = make_user("admin@example.ma", "Network admin")
    Role.objects.create(user=user, kind=Role.Kind.NETWORK_ADMIN)
    return user


def _role_holder(kind: str, collectivity: Collectivity, email: str) -> User:
    user = make_user(email)
    Role.objects.create(user=user, kind=kind, collectivity=collectivity)
    return user


@pytest.fixture
def focal_point(commune) -> User:
    return _role_holder(Role.Kind.FOCAL_POINT, commune, "focal@example.ma")


@pytest.fixture
def other_focal_point(other_commune) -> User:
    return _role_holder(Role.Kind.FOCAL_POINT, other_commune, "focal-zagora@example.ma")


@pytest.fixture
def committee_member(commune) -> User:
    return _role_holder(Role.Kind.COMMITTEE_MEMBER, commune, "committee@example.ma")


@pytest.fixture
def moderator(commune) -> User:
    return _role_holder(Role.Kind.MODERATOR, commune, "moderator@example.ma")


@pytest.fixture
def secretariat(commune):
    user = make_user("secretariat@example.ma")
    Role.objects.create(user=user, kind=Role.Kind.COUNCIL_SECRETARIAT, collectivity=commune)
    return user


@pytest.fixture
def other_committee_member(other_commune):
    user = make_user("committee-zagora@example.ma")
    Role.objects.create(user=user, kind=Role.Kind.COMMITTEE_MEMBER, collectivity=other_commune)
    return user


@pytest.fixture
def association_member(db):
    from remacto.accounts.models import Organisation, OrganisationMember

    user = make_user("association@example.ma")
    org = Organisation.objects.create(name="جمعية الأمل", slug="al-amal")
    OrganisationMember.objects.create(organisation=org, user=user, is_admin=True)
    return user


@pytest.fixture
def sms_outbox(settings):
    """Text messages go to the in-memory outbox, emptied before and after the test."""
    settings.SMS_BACKEND = "remacto.budgets.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def quick_pdf(monkeypatch):
    """WeasyPrint left out of every PDF (``cocreation.pdf.write_pdf``): the stored "PDF" is a PDF header and the
    HTML's length, so tests of the shared PDF mechanism (who gets it, waiting page, new file after a change) stay
    fast."""

    class QuickHTML:
        def __init__(self, string: str, **kwargs):
            self.string = string

        def write_pdf(self) -> bytes:
            return b"%PDF-1.7 " + str(len(self.string)).encode()

    monkeypatch.setattr("weasyprint.HTML", QuickHTML)
