"""Table groups of the write watcher: a version per group of tables, changed by any write to them (signals or not,
at once and again on commit) and by nothing else; ``local_memo`` reuses a read while that version holds."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.db import transaction

from remacto.budgets.models import Campaign
from remacto.core import pagecache
from remacto.territories.models import Region
from tests.budgets.conftest import campaign_in

pytestmark = pytest.mark.django_db

GROUP = "ballots"  # budgets watches its campaign, proposal, district and collectivity tables under this name


def test_a_write_without_signals_to_a_watched_table_changes_the_group_version(commune):
    campaign = campaign_in(commune)
    before = pagecache.group_version(GROUP)
    Campaign.objects.filter(pk=campaign.pk).update(min_choices=2)
    assert pagecache.group_version(GROUP) != before


def test_writes_to_other_tables_keep_the_group_version(commune):
    campaign_in(commune)
    before = pagecache.group_version(GROUP)
    Region.objects.filter(code="01").update(seat="Tanger")
    assert pagecache.group_version(GROUP) == before


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_version_changes_at_once_and_again_on_commit(commune):
    campaign = campaign_in(commune)
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(min_choices=2)
        during = pagecache.group_version(GROUP)
    assert pagecache.group_version(GROUP) != during


def test_the_memo_is_read_again_after_a_write(commune):
    campaign = campaign_in(commune)
    calls = []

    def read():
        calls.append(1)
        return Campaign.objects.get(pk=campaign.pk).min_choices

    first = pagecache.local_memo(GROUP, "min", read)
    assert pagecache.local_memo(GROUP, "min", read) == first and len(calls) == 1
    Campaign.objects.filter(pk=campaign.pk).update(min_choices=first + 2)
    assert pagecache.local_memo(GROUP, "min", read) == first + 2 and len(calls) == 2


def test_a_value_read_while_a_write_commits_is_not_kept():
    calls = []

    def read():
        calls.append(1)
        pagecache._bump_group(GROUP)  # another process's write commits meanwhile
        return len(calls)

    assert pagecache.local_memo(GROUP, "racy", read) == 1
    assert pagecache.local_memo(GROUP, "racy", read) == 2


def test_a_cache_outage_only_costs_the_read():
    with mock.patch.object(caches["default"], "get", side_effect=ConnectionError("down")):
        assert pagecache.local_memo(GROUP, "outage", lambda: 42) == 42
    with mock.patch.object(caches["default"], "set", side_effect=ConnectionError("down")):
        pagecache._bump_group(GROUP)  # logged, not raised: writes go on


def test_the_memo_stays_bounded(monkeypatch):
    monkeypatch.setattr(pagecache, "MEMO_SIZE", 3)
    for n in range(10):
        pagecache.local_memo(GROUP, ("bounded", n), lambda n=n: n)
    assert len(pagecache._memo) <= 3
