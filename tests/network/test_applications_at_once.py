"""Thirty membership applications sent at the same instant on PostgreSQL, through the form: one pending application
per collectivity however many people apply for it together (the others are refused, 400, in Arabic), and one
account applying for thirty collectivities together stops at the ``membership_applications`` limit (the rest get
429 with Retry-After). A refused application leaves nothing: no row, no deliberation file."""

import html
from pathlib import Path

from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from remacto.network.models import MembershipApplication
from remacto.participation import limits
from remacto.territories.models import Collectivity

from ..conftest import make_user, media_files
from ..threads import AT_ONCE, ON_POSTGRESQL, assert_limit_held, post_at_once, signed_in
from .conftest import FOCAL, pdf

pytestmark = ON_POSTGRESQL


def apply_url() -> str:
    with translation.override("ar"):
        return reverse("network:apply")


def test_thirty_people_applying_for_one_collectivity_at_once_make_one_application(candidate):
    clients = signed_in(make_user(f"applicant{n}@example.ma") for n in range(AT_ONCE))
    responses = post_at_once(
        clients, apply_url(), lambda n: {"collectivity": candidate.pk, **FOCAL, "deliberation": pdf()}
    )
    assert sorted(r.status_code for r in responses) == [302] + [400] * (AT_ONCE - 1)
    with translation.override("ar"):
        # Refused by the service (the pending application was being saved) or by the form (it was already saved).
        reasons = (
            _("An application for this collectivity is already waiting for a decision."),
            _(ModelChoiceField.default_error_messages["invalid_choice"]),
        )
    for response in responses:
        if response.status_code == 400:
            assert any(reason in html.unescape(response.content.decode()) for reason in reasons)
    application = MembershipApplication.objects.get()
    assert application.collectivity == candidate and application.status == MembershipApplication.Status.PENDING
    assert [path.name for path in media_files()] == [Path(application.deliberation.name).name]


def test_one_account_applying_for_thirty_collectivities_at_once_stops_at_the_limit(candidate, applicant):
    candidates = [
        Collectivity.objects.create(
            kind=Collectivity.Kind.COMMUNE,
            slug=f"candidate-{n}",
            name_ar=f"جماعة مرشحة {n}",
            name_fr=f"Commune candidate {n}",
            region=candidate.region,
            province=candidate.province,
        )
        for n in range(AT_ONCE)
    ]
    clients = signed_in([applicant] * AT_ONCE)
    responses = post_at_once(
        clients, apply_url(), lambda n: {"collectivity": candidates[n].pk, **FOCAL, "deliberation": pdf()}
    )
    most = min(n for n, _seconds in limits.setting("membership_applications"))
    assert_limit_held(responses, "membership_applications", most)
    stored = MembershipApplication.objects.filter(applicant=applicant)
    assert stored.count() == most
    assert sorted(path.name for path in media_files()) == sorted(
        Path(application.deliberation.name).name for application in stored
    )
