"""Personal data (law 09-08): notice, consent, data download and account deletion, and no stored IP address."""

import json
import time

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.test import Client
from django.utils import translation

from remacto.accounts import privacy, services
from remacto.accounts.models import Organisation, OrganisationMember, Role, User
from remacto.cocreation.models import Idea, Phase, Programme
from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification
from remacto.participation import services as participation
from remacto.participation.models import Comment, Flag, Follow, ModerationAction, Support

from ..conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NAME = "Zineb Secretname"
EMAIL = "zineb.private@example.ma"


@pytest.fixture
def zineb(commune) -> User:
    return make_user(EMAIL, NAME, gender="woman", age_band="18-29")


@pytest.fixture
def busy(zineb, commune, citizen, focal_point, moderator):
    """Zineb with something in every table that links to her."""
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="Programme", phase=Phase.IDEAS)
    idea = Idea.objects.create(programme=programme, title="Zineb's bench idea", problem="p", solution="s", author=zineb)
    other = Idea.objects.create(programme=programme, title="Other idea", problem="p", solution="s", author=citizen)
    participation.support(zineb, other)
    participation.follow(zineb, other)
    comment = participation.add_comment(zineb, other, "Zineb's comment body")
    participation.add_comment(citizen, idea, "A reply to Zineb")  # notifies Zineb
    participation.flag(zineb, other, Flag.Reason.SPAM)
    hidden = participation.add_comment(zineb, other, "Second comment")
    participation.hide(moderator, hidden, "Off topic")
    services.grant_role(focal_point, zineb, Role.Kind.MODERATOR, commune)
    org = Organisation.objects.create(name="Jeunes de Ben Guerir", slug="jbg")
    OrganisationMember.objects.create(organisation=org, user=zineb, is_admin=True)
    Authenticator.objects.create(user=zineb, type=Authenticator.Type.TOTP, data={"secret": "TOPSECRETSEED"})
    return {"idea": idea, "other": other, "comment": comment, "hidden": hidden}


def test_every_foreign_key_to_the_user_has_a_fate():
    user_model = get_user_model()
    links = {
        (model._meta.label_lower, field.name)
        for model in apps.get_models()
        for field in model._meta.fields
        if field.is_relation and field.related_model is user_model
    }
    assert links == {(link.model, link.field) for link in privacy.LINKS}
    for link in privacy.LINKS:
        field = apps.get_model(link.model)._meta.get_field(link.field)
        assert link.fate == privacy.ERASE or field.null, f"{link.model}.{link.field} cannot be unlinked"


def test_download_holds_everything_linked_and_no_secret(client, zineb, busy):
    client.force_login(zineb)
    response = client.get("/fr/profile/my-data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="remacto-my-data-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == EMAIL and data["profile"]["gender"] == "woman"
    assert [i["title"] for i in data["ideas"]] == ["Zineb's bench idea"]
    assert {c["body"] for c in data["comments"]} == {"Zineb's comment body", "Second comment"}
    assert len(data["supports"]) == len(data["follows"]) == len(data["reports"]) == 1
    assert data["notifications"] and data["roles"][0]["kind"] == "moderator"
    assert data["organisation_memberships"][0]["organisation__slug"] == "jbg"
    assert data["email_addresses"][0]["email"] == EMAIL
    assert data["two_factor_devices"][0]["type"] == "totp"
    text = response.content.decode()
    assert "TOPSECRETSEED" not in text and zineb.password not in text


def test_download_and_deletion_only_for_oneself(client, zineb, citizen, network_admin):
    for actor in (citizen, network_admin):
        with pytest.raises(PermissionDenied):
            privacy.export_data(actor, zineb)
        with pytest.raises(PermissionDenied):
            privacy.delete_account(actor, zineb, password=PASSWORD)
    assert User.objects.filter(pk=zineb.pk).exists()
    assert client.get("/ar/profile/my-data.json").status_code == 302  # anonymous: asked to sign in
    assert client.post("/ar/profile/delete/", {"password": PASSWORD}).status_code == 302
    assert User.objects.filter(pk=zineb.pk).exists()


def _row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.parametrize(("language", "message"), [("ar", "كلمة المرور"), ("fr", "mot de passe")])
def test_wrong_password_deletes_nothing(client, zineb, busy, language, message):
    client.force_login(zineb)
    before = _row_counts()
    response = client.post(f"/{language}/profile/delete/", {"password": "not-my-password"})
    assert response.status_code == 400
    assert message in response.context["form"].errors["password"][0]
    assert _row_counts() == before
    with pytest.raises(ValidationError):
        privacy.delete_account(zineb, zineb, password="")
    assert _row_counts() == before


def test_deletion_keeps_contributions_and_nothing_else(client, zineb, busy, commune):
    other = Client()
    other.force_login(zineb)  # a second session, on another device
    support_count = Idea.objects.get(pk=busy["other"].pk).support_count
    client.force_login(zineb)
    response = client.post("/fr/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=zineb.pk).exists()
    for link in privacy.LINKS:
        assert not apps.get_model(link.model)._default_manager.filter(**{f"{link.field}_id": zineb.pk}).exists()
    assert not Session.objects.exists() and other.get("/fr/profile/").status_code == 302
    # Contributions stay, by a deleted account; counts and the supported idea follow.
    idea = Idea.objects.get(pk=busy["idea"].pk)
    assert idea.author is None and idea.author_was_deleted
    assert Comment.objects.filter(pk__in=[busy["comment"].pk, busy["hidden"].pk], author=None).count() == 2
    assert Idea.objects.get(pk=busy["other"].pk).support_count == support_count - 1
    assert not Support.objects.exists() and not Follow.objects.exists()
    assert not Flag.objects.filter(reporter=None).exists()
    with translation.override("fr"):
        page = client.get(idea.get_absolute_url()).content.decode()
    assert "Compte supprimé" in page and NAME not in page
    with translation.override("ar"):
        other_page = client.get(busy["other"].get_absolute_url()).content.decode()
    assert "حساب محذوف" in other_page and NAME not in other_page
    for url in (
        f"/api/v1/programmes/{idea.programme_id}/ideas",
        f"/api/v1/ideas/{idea.pk}",
        f"/fr/members/{commune.slug}/programme/{idea.programme.cycle}/export.csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        assert NAME not in body and EMAIL not in body
    # Logs forget the person; one entry records the deletion without identifying anyone.
    for entry in AuditLogEntry.objects.all():
        assert NAME not in entry.object_repr and EMAIL not in json.dumps(entry.details)
        assert zineb.pk != entry.details.get("user_id")
    assert not ModerationAction.objects.filter(target_repr__contains=NAME).exists()
    deletion = AuditLogEntry.objects.get(action="account.delete")
    assert deletion.actor is None and deletion.object_id == "" and deletion.object_repr == ""
    assert deletion.details == {"ideas_kept": 1, "comments_kept": 2, "sessions_ended": 2}
    assert not Notification.objects.filter(recipient_id=zineb.pk).exists()
    assert Notification.objects.filter(kind="comment.new").exists()  # the idea's author heard of Zineb's comments
    for told in Notification.objects.all():
        assert NAME not in json.dumps(told.params) and NAME not in told.text
        with translation.override("fr"):
            assert told.kind != "comment.new" or "Compte supprimé" in told.text


def test_statistics_answers_need_consent_and_withdrawal_erases_them(citizen, commune):
    with pytest.raises(ValidationError) as refused:
        services.update_profile(citizen, citizen, gender="woman")
    assert "statistics_consent" in refused.value.message_dict
    citizen.refresh_from_db()
    assert citizen.gender == "" and citizen.statistics_consent_at is None
    services.update_profile(
        citizen, citizen, statistics_consent=True, gender="woman", residence=commune.province, age_band="30-44"
    )
    citizen.refresh_from_db()
    assert citizen.statistics_consent_at is not None and citizen.residence == commune.province
    services.update_profile(citizen, citizen, statistics_consent=False, display_name="Still me")
    citizen.refresh_from_db()
    assert (citizen.gender, citizen.age_band, citizen.residence, citizen.statistics_consent_at) == ("", "", None, None)


def test_profile_page_asks_consent_in_the_readers_language(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/ar/profile/", {"display_name": "Citizen", "preferred_language": "ar", "gender": "man", "age_band": ""}
    )
    assert response.status_code == 200
    assert "statistics_consent" in response.context["form"].errors
    citizen.refresh_from_db()
    assert citizen.gender == ""


@pytest.mark.parametrize(("language", "words"), [("ar", "إشعار الخصوصية"), ("fr", "Politique de confidentialité")])
def test_privacy_notice_in_footer_and_signup_with_declaration_number(client, settings, language, words):
    settings.CNDP_DECLARATION = "D-GC-123/2026"
    settings.PRIVACY_CONTACT_EMAIL = "dpo@remacto.example"
    home = client.get(f"/{language}/").content.decode()
    assert f'href="/{language}/privacy/"' in home
    signup = client.get(f"/{language}/accounts/signup/").content.decode()
    assert f'href="/{language}/privacy/"' in signup
    page = client.get(f"/{language}/privacy/").content.decode()
    assert words in page and "D-GC-123/2026" in page and "dpo@remacto.example" in page


def test_no_table_stores_an_ip_address(client):
    ip = "203.0.113.77"
    client.post(
        "/fr/accounts/signup/",
        {"display_name": "Ip", "email": "ip@example.ma", "password1": "Zitoun-2026-X", "password2": "Zitoun-2026-X"},
        REMOTE_ADDR=ip,
    )
    client.post("/fr/accounts/login/", {"login": "ip@example.ma", "password": "wrong"}, REMOTE_ADDR=ip)
    make_user("ok@example.ma")
    client.post("/fr/accounts/login/", {"login": "ok@example.ma", "password": PASSWORD}, REMOTE_ADDR=ip)
    assert client.get("/fr/profile/", REMOTE_ADDR=ip).status_code == 200
    for model in apps.get_models():
        assert not any(isinstance(f, models.GenericIPAddressField) for f in model._meta.fields), model
        for row in model._default_manager.values():
            assert ip not in repr(row), model
    for session in Session.objects.all():
        assert ip not in repr(session.get_decoded())


def _cache_ttls(fragment: str) -> dict[str, float]:
    """Seconds left for every cache key holding ``fragment``, on the local-memory cache or Redis."""
    if hasattr(cache, "_expire_info"):
        now = time.time()
        return {key: cache._expire_info[key] - now for key in list(cache._cache) if fragment in key}
    client = cache._cache.get_client(None)
    return {key.decode(): client.ttl(key) for key in client.scan_iter(f"*{fragment}*")}


def test_ip_counters_of_the_sign_in_limits_expire_with_their_window(client, settings):
    ip = "198.51.100.23"
    for _ in range(3):
        client.post("/fr/accounts/login/", {"login": "nobody@example.ma", "password": "wrong"}, REMOTE_ADDR=ip)
    client.post(
        "/fr/accounts/signup/",
        {"display_name": "W", "email": "w@example.ma", "password1": "Zitoun-2026-W", "password2": "Zitoun-2026-W"},
        REMOTE_ADDR=ip,
    )
    ttls = _cache_ttls(ip)
    assert ttls, "the limits count per IP address in the cache"
    assert all(0 < ttl <= 60 * 60 for ttl in ttls.values()), ttls


def test_download_reads_one_query_per_section(client, zineb, busy, django_assert_max_num_queries):
    client.force_login(zineb)
    with django_assert_max_num_queries(len(privacy.LINKS) + 6):
        assert client.get("/ar/profile/my-data.json").status_code == 200


@pytest.mark.parametrize(
    ("language", "words"),
    [("ar", "تُحذف مع حسابك شهادات الحضور"), ("fr", "Vos attestations de présence, et les plaintes")],
)
def test_notice_and_deletion_page_say_the_pdfs_naming_the_person_go(client, citizen, language, words):
    assert words in client.get(f"/{language}/privacy/").content.decode()
    client.force_login(citizen)
    assert words in client.get(f"/{language}/profile/delete/").content.decode()
