"""notify and notify_many: one stored row read in any language, emails in the recipient's language after commit."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from remacto.notifications import services
from remacto.notifications.models import Notification

from ..conftest import make_user

pytestmark = pytest.mark.django_db

# Msgids already in the catalogues (tests are not scanned by makemessages).
SHOWN_IN = gettext_noop("Not yet translated: shown in %(language)s.")
MEMBER_SINCE = gettext_noop("Member since %(year)s")
AMAZIGH = gettext_noop("Standard Moroccan Amazigh")


def _notify(recipient, **kwargs):
    kwargs.setdefault("kind", "test.event")
    kwargs.setdefault("message", MEMBER_SINCE)
    kwargs.setdefault("params", {"year": 2019})
    return services.notify(recipient, **kwargs)


def test_one_stored_row_reads_in_each_language(citizen, commune):
    with translation.override("fr"):
        url = commune.get_absolute_url()
        created = _notify(citizen, url=url, collectivity=commune, send_email=False)
    notification = Notification.objects.get(pk=created.pk)
    assert notification.message == "Member since %(year)s" and notification.params == {"year": 2019}
    assert notification.recipient == citizen and notification.collectivity == commune
    assert notification.url == url == "/fr/members/ben-guerir/" and notification.read_at is None
    with translation.override("ar"):
        assert notification.text == "عضو منذ 2019"
    with translation.override("fr"):
        assert notification.text == "Membre depuis 2019"
    with translation.override("en"):
        assert notification.text == "Member since 2019"


def test_msgid_params_are_translated_at_display_time(citizen):
    notification = _notify(citizen, message=SHOWN_IN, params={"language_msgid": AMAZIGH}, send_email=False)
    assert notification.params == {"language_msgid": "Standard Moroccan Amazigh"}
    with translation.override("fr"):
        assert notification.text == "Pas encore traduit : affiché en amazighe standard marocain."
    with translation.override("ar"):
        assert notification.text == "لا تتوفر الترجمة بعد: المحتوى معروض باللغة الأمازيغية المعيارية المغربية."
    with translation.override("en"):
        assert notification.text == "Not yet translated: shown in Standard Moroccan Amazigh."


def test_already_translated_params_are_kept_as_given(citizen):
    notification = _notify(citizen, message=SHOWN_IN, params={"language": "tamazight"}, send_email=False)
    with translation.override("fr"):
        # a parameter that is not a msgid is text someone typed: isolated so that it cannot reorder the sentence
        assert notification.text == "Pas encore traduit : affiché en \u2068tamazight\u2069."


def test_a_broken_stored_text_never_breaks_the_page(citizen):
    notification = Notification.objects.create(recipient=citizen, kind="x", message="Hello %(name)s", params={})
    assert notification.text == "Hello %(name)s"


def test_email_in_recipient_language_after_commit(citizen, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://remacto.example/"
    citizen.preferred_language = "fr"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, translation.override("ar"):
        notification = _notify(citizen, url="/ar/members/ben-guerir/")
        assert not mailoutbox, "nothing leaves before the transaction commits"
    assert len(callbacks) == 1 and len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["citizen@example.ma"]
    assert email.subject == "[REMACTO] Membre depuis 2019"
    link = f"https://remacto.example/fr/notifications/{notification.pk}/open/"
    assert "Membre depuis 2019" in email.body and link in email.body
    assert "https://remacto.example/fr/notifications/settings/" in email.body
    html, mime = email.alternatives[0]
    assert mime == "text/html" and f'href="{link}"' in html and 'lang="fr"' in html
    assert translation.get_language() != "fr"


def test_email_in_arabic_is_right_to_left(citizen, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        _notify(citizen, message=SHOWN_IN, params={"language_msgid": AMAZIGH})
    email = mailoutbox[0]
    assert "الأمازيغية المعيارية المغربية" in email.subject
    assert 'dir="rtl"' in email.alternatives[0][0]


def test_user_text_is_escaped_in_the_html_email(citizen, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(citizen, message=SHOWN_IN, params={"language": "<script>x</script>"})
    assert "<script>" not in mailoutbox[0].alternatives[0][0]
    assert "<script>x</script>" in mailoutbox[0].body


def test_rolled_back_action_sends_nothing(citizen, mailoutbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _notify(citizen)
        raise RuntimeError("the caller's action failed")
    assert callbacks == [] and not mailoutbox
    assert not Notification.objects.exists()


def test_no_email_when_turned_off(citizen, mailoutbox, django_capture_on_commit_callbacks):
    services.set_email_enabled(citizen, citizen, False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(citizen) is not None
    assert not mailoutbox and Notification.objects.filter(recipient=citizen).count() == 1
    services.set_email_enabled(citizen, citizen, True)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(citizen)
    assert len(mailoutbox) == 1


def test_no_email_without_verified_primary_address(citizen, mailoutbox, django_capture_on_commit_callbacks):
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(citizen) is not None
    assert not mailoutbox


def test_no_email_when_caller_says_so(citizen, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify(citizen, send_email=False)
    assert callbacks == [] and not mailoutbox


def test_nobody_to_tell_writes_nothing(citizen, mailoutbox, django_capture_on_commit_callbacks):
    citizen.is_active = False
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(None) is None
        assert _notify(AnonymousUser()) is None
        assert _notify(citizen) is None
    assert not Notification.objects.exists() and not mailoutbox


def test_notify_many_deduplicates_and_writes_in_bulk(
    citizen, focal_point, mailoutbox, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    citizen.preferred_language = "fr"
    citizen.save()
    inactive = make_user("gone@example.ma", is_active=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, django_assert_max_num_queries(3):
        created = services.notify_many(
            [citizen, focal_point, citizen, None, inactive, AnonymousUser()],
            kind="test.event",
            message=MEMBER_SINCE,
            params={"year": 2021},
        )
    assert sorted(n.recipient_id for n in created) == sorted([citizen.pk, focal_point.pk])
    assert all(n.pk for n in created)
    assert Notification.objects.count() == 2
    for callback in callbacks:
        callback()
    subjects = {email.to[0]: email.subject for email in mailoutbox}
    assert subjects == {
        "citizen@example.ma": "[REMACTO] Membre depuis 2021",
        "focal@example.ma": "[REMACTO] عضو منذ 2021",
    }


def test_notify_many_with_nobody_is_empty(mailoutbox):
    assert services.notify_many([None, AnonymousUser()], kind="k", message=MEMBER_SINCE, params={"year": 1}) == []


def test_absolute_links_to_this_site_are_kept_as_paths(citizen, settings):
    settings.SITE_URL = "https://remacto.example"
    notification = _notify(citizen, url="https://remacto.example/ar/charter/", send_email=False)
    assert notification.url == "/ar/charter/"


@pytest.mark.parametrize(
    "url", ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "charter/"]
)
def test_links_off_site_are_refused(citizen, url):
    with pytest.raises(ValueError):
        _notify(citizen, url=url)
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"message": gettext_lazy("Member since %(year)s")}, TypeError),
        ({"message": ""}, TypeError),
        ({"params": {}}, ValueError),
        ({"params": {"year": datetime.date(2020, 1, 1)}}, TypeError),
        ({"message": SHOWN_IN, "params": {"language_msgid": gettext_lazy("Standard Moroccan Amazigh")}}, TypeError),
        ({"kind": ""}, ValueError),
        ({"kind": "k" * 65}, ValueError),
    ],
)
def test_programming_mistakes_raise_at_once(citizen, kwargs, error):
    with pytest.raises(error):
        _notify(citizen, **kwargs)
    assert not Notification.objects.exists()


def test_lazy_param_values_are_stored_as_text(citizen):
    with translation.override("fr"):
        notification = _notify(citizen, message=SHOWN_IN, params={"language": gettext_lazy(AMAZIGH)})
    assert notification.params == {"language": "amazighe standard marocain"}


def test_only_the_recipient_marks_read(citizen, focal_point, network_admin, django_user_model):
    notification = _notify(citizen, send_email=False)
    superuser = django_user_model.objects.create_superuser(email="root@example.ma", password="x" * 12)
    for intruder in (focal_point, network_admin, superuser, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.mark_read(intruder, notification)
    notification.refresh_from_db()
    assert notification.read_at is None
    services.mark_read(citizen, notification)
    first = Notification.objects.get(pk=notification.pk).read_at
    assert first is not None
    services.mark_read(citizen, Notification.objects.get(pk=notification.pk))
    assert Notification.objects.get(pk=notification.pk).read_at == first


def test_mark_all_read_touches_only_own(citizen, focal_point):
    for user in (citizen, citizen, focal_point):
        _notify(user, send_email=False)
    assert services.mark_all_read(citizen) == 2
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=focal_point, read_at__isnull=True).count() == 1
    with pytest.raises(PermissionDenied):
        services.mark_all_read(AnonymousUser())


def test_email_setting_changed_only_by_its_owner(citizen, focal_point):
    with pytest.raises(PermissionDenied):
        services.set_email_enabled(focal_point, citizen, False)
    assert services.set_email_enabled(citizen, citizen, False).email_enabled is False


def test_emails_held_writes_notifications_and_sends_no_email(citizen, mailoutbox, django_capture_on_commit_callbacks):
    other = make_user("other@example.ma", "Other")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, services.emails_held():
        one = _notify(citizen)
        many = services.notify_many([other], kind="test.event", message=MEMBER_SINCE, params={"year": 2019})
    assert one.pk and len(many) == 1 and Notification.objects.count() == 2
    assert callbacks == [] and not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        _notify(citizen)  # after the block, emails leave again
    assert len(mailoutbox) == 1
