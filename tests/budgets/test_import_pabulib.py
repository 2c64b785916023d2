"""``manage.py import_pabulib``: real pabulib files become finished campaigns whose published results are the
official winners, and whose exported ballots recount to the same; bad files leave nothing behind."""

import gzip
import io
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from remacto.budgets import exports, imports
from remacto.budgets.models import Ballot, BallotChoice, BallotType, Campaign, Count, Proposal
from remacto.core.models import AuditLogEntry
from remacto.pb import pabulib
from remacto.pb.errors import PBError
from remacto.pb.rules import FILE_RULES, RuleChoice, compute, resolve
from tests.pb.conftest import PABULIB_FILES

pytestmark = pytest.mark.django_db

SLOW_ON_SQLITE = {"Poland_Lodz_2022.pb.gz"}
"""90,494 ballots: imported, counted, exported and recounted in about 11 s on PostgreSQL, 32 s on SQLite."""


def official(path: Path) -> set[str] | None:
    """The file's official winners (its ``selected`` column), when it has them and a rule the engine knows."""
    election = pabulib.read(path)
    if "selected" not in election.project_columns or election.meta.get("rule") not in FILE_RULES:
        return None
    return {p.id for p in election.projects if p.fields["selected"].strip() == "1"}


OFFICIAL = [p for p in PABULIB_FILES if official(p) is not None]


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def run(*args, expect_exit: int | None = None) -> tuple[str, str]:
    """Run the command; its standard output and error. ``expect_exit``: the exit status it must stop with."""
    out, err = io.StringIO(), io.StringIO()
    if expect_exit is None:
        call_command("import_pabulib", *map(str, args), stdout=out, stderr=err)
    else:
        with pytest.raises(SystemExit) as stopped:
            call_command("import_pabulib", *map(str, args), stdout=out, stderr=err)
        assert stopped.value.code == expect_exit
    return out.getvalue(), err.getvalue()


def imported(path, *extra) -> Campaign:
    out, _err = run(path, "--collectivity", "ben-guerir", *extra)
    return Campaign.objects.get(pk=int(out.splitlines()[-1]))


def totals() -> dict[str, int]:
    return {
        "campaigns": Campaign.objects.count(),
        "proposals": Proposal.objects.count(),
        "ballots": Ballot.objects.count(),
        "choices": BallotChoice.objects.count(),
        "counts": Count.objects.count(),
        "audit": AuditLogEntry.objects.count(),
    }


def test_the_official_results_cover_mes_and_every_greedy_variant():
    assert {p.name for p in OFFICIAL} == {
        "Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb",
        "Poland_Lodz_2022.pb.gz",
        "Poland_Swiecie_2023.pb",
        "Poland_Warszawa_2025_Rembertow.pb",
    }


@pytest.mark.parametrize("path", OFFICIAL, ids=lambda p: p.name)
def test_import_publishes_the_official_winners_and_the_export_recounts_them(path: Path, client, commune):
    if path.name in SLOW_ON_SQLITE and not on_postgres():
        pytest.skip(f"{path.name} has 90,494 ballots: run with DATABASE_URL set to PostgreSQL (slow on SQLite)")
    started = time.perf_counter()
    campaign = imported(path)
    seconds = time.perf_counter() - started
    results = client.get(f"/api/v1/pb/campaigns/{campaign.pk}/results").json()
    assert set(results["selected"]) == official(path)
    election = pabulib.read(path)
    assert results["voters"] == results["ballots"] == election.ballots.n_voters
    if path.name in SLOW_ON_SQLITE:
        assert seconds < 60, f"import and count took {seconds:.1f} s"

    response = client.get(reverse("budgets:export_pb", kwargs={"slug": commune.slug, "pk": campaign.pk}))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    recounted = compute(pabulib.loads(text, "export.pb"), RuleChoice(rule="file"))
    assert set(recounted.selected) == set(results["selected"]) == official(path)


@pytest.mark.parametrize(
    "path", [p for p in PABULIB_FILES if p not in OFFICIAL and "Stanford" not in p.name], ids=lambda p: p.name
)
def test_files_without_official_results_are_counted_as_the_engine_counts_them(path: Path, client):
    campaign = imported(path)
    results = client.get(f"/api/v1/pb/campaigns/{campaign.pk}/results").json()
    assert set(results["selected"]) == set(compute(pabulib.read(path)).selected)


def test_a_campaign_is_what_the_file_says(commune):
    path = next(p for p in PABULIB_FILES if p.name == "Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb")
    election = pabulib.read(path)
    campaign = imported(path)
    assert campaign.title == "District PB in Kraków, Łagiewniki-Borek Fałęcki 2024"
    assert campaign.collectivity == commune
    assert campaign.source == path.name
    assert str(campaign.budget) == "1607513.56"
    assert (campaign.ballot_type, campaign.min_choices, campaign.max_choices) == (BallotType.RANKED, 3, 3)
    assert (campaign.rule, campaign.completion, campaign.tie_breaking) == ("greedy", "none", "lower-cost,more-votes")
    assert campaign.rules_locked and campaign.results_published_at is not None and campaign.phase == "results"
    assert timezone.localtime(campaign.voting_start).isoformat() == "2024-09-13T00:00:00+01:00"
    assert timezone.localtime(campaign.voting_end).isoformat() == "2024-09-27T23:59:59+01:00"
    proposals = list(campaign.proposals.order_by("position"))
    assert [p.code for p in proposals] == election.project_ids
    assert proposals[0].title == "Park w Łagiewnikach - etap VII" and proposals[0].cost == 643005
    assert {p.status for p in proposals} == {Proposal.Status.ACCEPTED}
    ballots = Ballot.objects.filter(campaign=campaign)
    assert ballots.count() == 1437
    assert set(ballots.values_list("channel", flat=True)) == {Ballot.Channel.IMPORTED}
    assert not ballots.filter(user__isnull=False).exists()
    assert set(ballots.values_list("address_hash", "device_hash")) == {("", "")}
    assert set(ballots.values_list("cast_at", flat=True)) == {campaign.voting_end}
    first_voter = election.ballots.voter_ids[0]
    ballot = ballots.get(voter_key=imports.voter_key(campaign, first_voter))
    assert len(ballot.voter_key) == 64 and ballot.voter_key != first_voter
    ranked = list(ballot.choices.order_by("rank").values_list("proposal__code", "rank"))
    first = [election.project_ids[i] for i in election.ballots.projects[: election.ballots.offsets[1]]]
    assert ranked == [(code, n) for n, code in enumerate(first, start=1)]
    entry = AuditLogEntry.objects.get(action="campaign.import")
    assert entry.details == {"source": path.name, "proposals": 16, "ballots": 1437, "warnings": 0}


def test_cumulative_points_and_choose_one_ballots(commune):
    gdansk = imported(next(p for p in PABULIB_FILES if "Gdansk" in p.name))
    assert (gdansk.ballot_type, gdansk.max_points) == (BallotType.CUMULATIVE, 5)
    assert sum(BallotChoice.objects.filter(ballot__campaign=gdansk).values_list("points", flat=True)) == sum(
        int(x) for x in pabulib.read(next(p for p in PABULIB_FILES if "Gdansk" in p.name)).ballots.points
    )
    zabrze = imported(next(p for p in PABULIB_FILES if "Zabrze" in p.name))
    assert (zabrze.ballot_type, zabrze.min_choices, zabrze.max_choices) == (BallotType.APPROVAL, 1, 1)


SMALL = """META
key;value
description;Small town PB
country;Poland
unit;Small town
instance;2021
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;{rule}
date_begin;01.05.2021
date_end;15.05.2021
{extra}PROJECTS
project_id;cost;name;selected
a;60;Park;1
b;50;;0
c;40;Library;1
VOTES
voter_id;vote
v1;a,b
v2;a,c
v3;a,c
v4;c
"""


def small(tmp_path, rule="greedy", extra="", name="small.pb", text=None) -> Path:
    path = tmp_path / name
    data = (text or SMALL.format(rule=rule, extra=extra)).encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


def test_a_small_gzipped_file(tmp_path, client):
    campaign = imported(small(tmp_path, name="small.pb.gz"))
    assert campaign.proposals.get(code="b").title == "b"  # no name: the id
    assert set(client.get(f"/api/v1/pb/campaigns/{campaign.pk}/results").json()["selected"]) == {"a", "c"}


def test_a_threshold_makes_greedy_the_threshold_rule(tmp_path):
    text = SMALL.format(rule="greedy", extra="min_project_score_threshold;3\n").replace("budget;100", "budget;200")
    campaign = imported(small(tmp_path, text=text))
    assert (campaign.rule, campaign.threshold) == ("greedy-threshold", 3)
    assert campaign.counts.get().selected == ["c", "a"]  # b (1 vote) would fit in the budget, but not the threshold


def test_max_sum_cost_makes_a_knapsack_ballot(tmp_path):
    campaign = imported(small(tmp_path, extra="max_sum_cost;120\n"))
    assert campaign.ballot_type == BallotType.KNAPSACK


SWITCH = (
    """META
key;value
description;comparison step
num_projects;3
num_votes;10
budget;100
vote_type;approval
rule;equalshares/add1-comparison
PROJECTS
project_id;cost
x;90
y;20
z;99
VOTES
voter_id;vote
"""
    + "".join(f"x{i};x\n" for i in range(6))
    + "".join(f"y{i};y\n" for i in range(4))
)
# MES buys y; 6 voters prefer greedy's {x} to MES's {y}, 4 the reverse: the comparison step takes greedy's.


def test_the_comparison_step_is_kept_counted_and_exported(tmp_path, client, commune):
    campaign = imported(small(tmp_path, text=SWITCH))
    assert (campaign.rule, campaign.completion, campaign.comparison) == ("mes", "add1", "satisfaction")
    assert client.get(f"/api/v1/pb/campaigns/{campaign.pk}/results").json()["selected"] == ["x"]
    election = exports.election(campaign, campaign.counts.get())
    assert election.meta["rule"] == "equalshares/add1-comparison"
    assert compute(pabulib.loads(pabulib.dumps(election))).selected == ["x"]


def test_without_dates_voting_closed_when_the_file_was_imported(tmp_path):
    text = SMALL.format(rule="greedy", extra="").replace("date_begin;01.05.2021\ndate_end;15.05.2021\n", "")
    campaign = imported(small(tmp_path, text=text))
    assert campaign.voting_start < campaign.voting_end <= campaign.created_at
    assert campaign.phase == "results"


# --- Refusals: one line, a non-zero exit status, nothing created --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SMALL.format(rule="greedy", extra="").replace("v4;c", "v4;d"), ":24: vote for unknown project 'd'"),
        (SMALL.format(rule="greedy", extra="").split("VOTES")[0], ": missing section VOTES (truncated file?)"),
        (SMALL.format(rule="greedy", extra="").replace("a;60;", "a;sixty;"), ":16: cost of project 'a' 'sixty'"),
        (SMALL.format(rule="greedy-exclusive", extra=""), ":11: the file's rule 'greedy-exclusive' is greedy with"),
        (SMALL.format(rule="greedy-no-skip", extra=""), ":11: the file's rule 'greedy-no-skip' is not offered"),
        (SMALL.format(rule="greedy", extra="").replace("a;60;", "a;60.125;"), ":16: cost of project 'a' 60.125 has"),
        (SMALL.format(rule="greedy", extra="").replace("vote_type;approval", "vote_type;scoring"), "has no 'points'"),
    ],
    ids=["unknown-project", "truncated", "bad-cost", "greedy-exclusive", "greedy-no-skip", "cents", "scoring"],
)
def test_a_refused_file_prints_the_engines_line_and_creates_nothing(tmp_path, commune, text, message):
    path = small(tmp_path, text=text)
    before = totals()
    out, err = run(path, "--collectivity", "ben-guerir", expect_exit=2)
    assert err.startswith(str(path)) and message in err
    assert err.count("\n") == 1 and out == ""
    assert totals() == before


def test_the_engines_message_is_exactly_its_pberror(tmp_path, commune):
    path = small(tmp_path, rule="greedy-exclusive")
    with pytest.raises(PBError) as raised:
        resolve(pabulib.read(path), RuleChoice(rule="file"))
    _out, err = run(path, "--collectivity", "ben-guerir", expect_exit=2)
    assert err == str(raised.value) + "\n"


def test_a_failure_while_writing_leaves_nothing(tmp_path, commune, monkeypatch):
    monkeypatch.setattr(imports, "BATCH", 2)  # the first batch is written before the failure
    calls = []

    def failing(write):
        def wrapped(campaign, batch):
            calls.append(len(batch.keys))
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return write(campaign, batch)

        return wrapped

    monkeypatch.setattr(imports, "_bulk_batch", failing(imports._bulk_batch))
    monkeypatch.setattr(imports, "_copy_batch", failing(imports._copy_batch))
    before = totals()
    with pytest.raises(RuntimeError):
        run(small(tmp_path), "--collectivity", "ben-guerir")
    assert calls == [2, 2] and totals() == before


def test_a_count_that_fails_leaves_nothing(tmp_path, commune, monkeypatch):
    from remacto.budgets import counting

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(counting, "count", broken)
    before = totals()
    with pytest.raises(ValueError):
        run(small(tmp_path), "--collectivity", "ben-guerir")
    assert totals() == before


IRREGULAR = SMALL.format(rule="greedy", extra="max_length;1\n")  # v1, v2 and v3 chose two projects


def test_irregular_ballots_are_warned_about_and_counted(tmp_path, commune):
    path = small(tmp_path, text=IRREGULAR)
    out, err = run(path, "--collectivity", "ben-guerir")
    lines = err.splitlines()
    assert lines[0] == f"{path}:22: warning: voter 'v1': projects on the ballot is 2, above the file's maximum of 1"
    assert len(lines) == 4 and lines[-1].startswith(f"{path}: 3 ballots break the file's own rules")
    campaign = Campaign.objects.get(pk=int(out.splitlines()[-1]))
    assert campaign.ballots.count() == 4


def test_strict_refuses_irregular_ballots(tmp_path, commune):
    path = small(tmp_path, text=IRREGULAR)
    before = totals()
    _out, err = run(path, "--collectivity", "ben-guerir", "--strict", expect_exit=2)
    assert err == f"{path}:22: voter 'v1': projects on the ballot is 2, above the file's maximum of 1\n"
    assert totals() == before


def test_an_unknown_collectivity_is_a_clear_error(tmp_path, reference):
    before = totals()
    with pytest.raises(CommandError, match="unknown collectivity 'atlantis'"):
        run(small(tmp_path), "--collectivity", "atlantis")
    with pytest.raises(CommandError, match="--collectivity SLUG"):
        run(small(tmp_path))  # 88 members: the command cannot guess
    assert totals() == before


def test_a_missing_file_is_the_engines_error(tmp_path, commune):
    _out, err = run(tmp_path / "nowhere.pb", "--collectivity", "ben-guerir", expect_exit=2)
    assert "nowhere.pb: cannot read the file (FileNotFoundError" in err


def test_receipts_are_distinct_codes_of_the_receipt_alphabet():
    codes = imports.receipts(5000)
    assert len(set(codes)) == 5000
    assert all(len(code) == 10 and set(code) <= set("ACDEFGHJKLMNPQRTUVWXY3479") for code in codes)


def test_nothing_is_saved_row_by_row(tmp_path, commune, django_assert_max_num_queries):
    text = SMALL.format(rule="greedy", extra="").replace("num_votes;4\n", "")
    text += "".join(f"w{i};a,c\n" for i in range(3000))
    # 3,004 ballots and 6,008 choices: a few dozen INSERTs (SQLite takes at most 999 parameters per query).
    with django_assert_max_num_queries(120):
        imported(small(tmp_path, text=text))


def test_copy_values_are_escaped_for_postgresql():
    assert imports._copy_value(None) == "\\N"
    assert imports._copy_value(False) == "f"
    assert imports._copy_value("a\tb\\c\nd") == "a\\tb\\\\c\\nd"


@pytest.mark.parametrize("name", ["Poland_Swiecie_2023.pb", "Poland_Gdansk_2020_Krakowiec-Gorki_Zachodnie.pb"])
def test_staff_can_still_edit_the_texts_of_an_imported_campaign(commune, focal_point, name):
    from remacto.budgets.services.campaigns import update_campaign

    campaign = imported(next(p for p in PABULIB_FILES if p.name == name))
    update_campaign(focal_point, campaign, {"description": "حملة سابقة مستوردة من ملف بيانات مفتوحة."})
    campaign.refresh_from_db()
    assert campaign.description.startswith("حملة سابقة")
