"""Thirty signing requests at the same instant on PostgreSQL, through the page: one signature per person and per
account whatever the timing (the refused get the reason in Arabic, 400), and one account signing thirty petitions
at once stops at the ``signatures`` limit, hourly by default or a daily one alone (the rest get 429 with
Retry-After); the counter moves once per stored signature."""

import html

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from remacto.participation import limits
from remacto.petitions.models import Petition, Signature
from remacto.petitions.services.signatures import ALREADY

from ..conftest import make_user
from ..threads import AT_ONCE, ON_POSTGRESQL, assert_limit_held, post_at_once, signed_in
from .conftest import cin, collecting

pytestmark = ON_POSTGRESQL


def sign_url(petition: Petition) -> str:
    return f"/ar/petitions/{petition.pk}/sign/"


def arabic(message: str) -> str:
    with translation.override("ar"):
        return _(message)


def test_thirty_people_giving_the_same_cin_at_once_sign_once(petition):
    clients = signed_in(make_user(f"twin{n}@example.ma") for n in range(AT_ONCE))
    data = {"cin": cin(1), "full_name": "نفس الشخص", "confirms": "on"}
    responses = post_at_once(clients, sign_url(petition), lambda n: data)
    assert sorted(r.status_code for r in responses) == [302] + [400] * (AT_ONCE - 1)
    refused = [html.unescape(r.content.decode()) for r in responses if r.status_code == 400]
    assert all(arabic(ALREADY) in body and cin(1) not in body for body in refused)
    assert Signature.objects.count() == 1
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


def test_one_account_posting_thirty_times_at_once_signs_once(petition, citizen):
    clients = signed_in([citizen] * AT_ONCE)  # thirty tabs or devices of one account
    responses = post_at_once(
        clients, sign_url(petition), lambda n: {"cin": cin(n), "full_name": "مواطن", "confirms": "on"}
    )
    statuses = sorted(r.status_code for r in responses)
    # Each attempt first takes a slot of the signatures limit: while ten attempts hold one, others get 429.
    assert statuses[0] == 302 and statuses.count(302) == 1
    assert set(statuses[1:]) <= {400, 429}, statuses
    assert Signature.objects.count() == 1 and Petition.objects.get(pk=petition.pk).signature_count == 1
    # The refused attempts gave their slots back: the account may still sign up to its limit this hour.
    most = min(n for n, _seconds in limits.setting("signatures"))
    others = [collecting(petition.petitioner, petition.collectivity) for _n in range(most - 1)]
    data = {"cin": cin(0), "full_name": "مواطن", "confirms": "on"}
    assert [clients[0].post(sign_url(other), data).status_code for other in others] == [302] * (most - 1)


@pytest.mark.parametrize("per_account", [None, [(20, 24 * 60 * 60)]], ids=["ten-an-hour-by-default", "twenty-a-day"])
def test_one_account_signing_thirty_petitions_at_once_stops_at_the_limit(
    settings, thresholds, commune, petitioner, citizen, per_account
):
    if per_account is not None:
        settings.PARTICIPATION_LIMITS = {"signatures": per_account}
    petitions = [collecting(petitioner, commune, signatures=3) for _n in range(AT_ONCE)]
    clients = signed_in([citizen] * AT_ONCE)
    data = {"cin": cin(7), "full_name": "مواطنة", "confirms": "on"}
    responses = post_at_once(clients, lambda n: sign_url(petitions[n]), lambda n: data)
    most = min(n for n, _seconds in limits.setting("signatures"))
    assert_limit_held(responses, "signatures", most)
    assert Signature.objects.filter(user=citizen).count() == most
    assert sum(Petition.objects.values_list("signature_count", flat=True)) == most
