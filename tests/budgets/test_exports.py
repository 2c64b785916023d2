"""Open data of a count: the anonymised pabulib file (recounted by the engine to the published winners) and the
CSV of results; who may export before publication; the background build and its waiting page."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from remacto.budgets import exports, opendata_tasks
from remacto.budgets.models import Ballot, BallotType, District, Proposal
from remacto.budgets.services.counting import count_campaign, publish_results
from remacto.pb import pabulib
from remacto.pb.cli import main
from remacto.pb.rules import RuleChoice, compute

from .conftest import accepted, campaign_in, store_ballots

pytestmark = pytest.mark.django_db

COSTS = {"A": 150_000, "B": 120_000, "C": 200_000, "D": 60_000}
BALLOTS = [["A", "B"], ["A", "C"], ["C", "D"], ["A"], ["B", "D"], ["A", "D"], ["C"], ["A", "B", "D"]] * 5


def counted(commune, ballot_type=BallotType.KNAPSACK, ballots=BALLOTS, points=None, **fields):
    """A closed campaign with ``ballots`` stored and counted (not published)."""
    campaign = campaign_in(commune, "counting", ballot_type=ballot_type, **fields)
    for code, cost in COSTS.items():
        accepted(campaign, code, cost, title=f"مشروع {code}")
    store_ballots(campaign, ballots, points)
    count = count_campaign(campaign)
    assert count.status == "done"
    return campaign, count


def published(commune, focal_point, **kwargs):
    campaign, count = counted(commune, **kwargs)
    publish_results(focal_point, campaign, count)
    campaign.refresh_from_db()
    return campaign, count


def url(name: str, campaign) -> str:
    return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk})


def download(client, campaign) -> str:
    response = client.get(url("export_pb", campaign))
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"] == f'attachment; filename="ben-guerir-budget-{campaign.pk}.pb"'
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_file_recounts_to_the_published_winners(client, commune, focal_point, tmp_path):
    campaign, count = published(commune, focal_point)
    text = download(client, campaign)
    election = pabulib.loads(text)
    assert compute(election, RuleChoice(rule="file")).selected == count.selected
    assert election.meta["rule"] == "greedy" and election.meta["vote_type"] == "approval"
    assert election.meta["num_votes"] == str(len(BALLOTS)) and election.meta["country"] == "Morocco"
    assert election.project_columns == ["project_id", "cost", "votes", "score", "name", "selected"]
    rows = {p.id: p.fields for p in election.projects}
    assert rows["A"] == {
        "project_id": "A",
        "cost": "150000",
        "votes": "25",
        "score": "25",
        "name": "مشروع A",
        "selected": "1" if "A" in count.selected else "0",
    }
    path = tmp_path / "export.pb"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0  # remacto-pb agrees with the file's own 'selected' column


def test_ballots_are_renumbered_in_a_seeded_random_order_without_any_key(client, commune, focal_point):
    ballots = [[c for j, c in enumerate(COSTS) if (n >> j) & 1] or ["A"] for n in range(1, 16)] * 3
    campaign, count = published(commune, focal_point, ballots=ballots)
    text = download(client, campaign)
    election = pabulib.loads(text)
    assert election.ballots.voter_ids.tolist() == [str(n) for n in range(1, len(ballots) + 1)]
    assert election.vote_columns == ["voter_id", "vote"]
    written = [
        [election.project_ids[i] for i in election.ballots.projects[start:end]]
        for start, end in zip(election.ballots.offsets[:-1], election.ballots.offsets[1:], strict=True)
    ]
    assert written != ballots and sorted(map(tuple, written)) == sorted(map(tuple, ballots))
    again = exports.election(campaign, count)
    assert pabulib.dumps(again) == text  # the same count always gives the same file
    for ballot in Ballot.objects.filter(campaign=campaign):
        assert ballot.voter_key not in text and ballot.receipt not in text


def test_excluded_ballots_are_not_in_the_file(client, commune, focal_point):
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.KNAPSACK)
    for code, cost in COSTS.items():
        accepted(campaign, code, cost)
    store_ballots(campaign, [["A"], ["B"], ["C"]])
    [excluded] = store_ballots(campaign, [["D"]], start=10)
    Ballot.objects.filter(pk=excluded.pk).update(excluded_at=timezone.now(), exclusion_reason="duplicate")
    count = count_campaign(campaign)
    publish_results(focal_point, campaign, count)
    election = pabulib.loads(download(client, campaign))
    assert election.ballots.n_voters == 3
    assert "D" not in [election.project_ids[i] for i in election.ballots.projects]


def test_cumulative_points_and_ranked_order_are_kept(commune, focal_point):
    points = [[3, 2], [5, 0], [1, 4], [5], [2, 2], [4, 1], [5], [1, 1, 3]] * 5
    campaign, count = published(commune, focal_point, ballot_type=BallotType.CUMULATIVE, max_points=5, points=points)
    election = pabulib.loads(pabulib.dumps(exports.election(campaign, count)))
    assert election.vote_columns == ["voter_id", "vote", "points"] and election.meta["max_sum_points"] == "5"
    assert sorted(election.ballots.points.tolist()) == sorted(x for row in points for x in row)
    assert compute(election).selected == count.selected

    other, other_count = counted(commune, ballot_type=BallotType.RANKED, min_choices=1, max_choices=3)
    ranked = pabulib.loads(pabulib.dumps(exports.election(other, other_count)))
    assert ranked.meta["vote_type"] == "ordinal"
    written = {
        tuple(ranked.project_ids[i] for i in ranked.ballots.projects[start:end])
        for start, end in zip(ranked.ballots.offsets[:-1], ranked.ballots.offsets[1:], strict=True)
    }
    assert written == {tuple(b) for b in BALLOTS}  # preference order as cast
    assert compute(ranked).selected == other_count.selected


def test_districts_are_named_in_a_district_column(commune, focal_point, tmp_path):
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.KNAPSACK)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=200_000, position=1)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=150_000, position=2)
    accepted(campaign, "N1", 150_000, district=north)
    accepted(campaign, "S1", 100_000, district=south)
    store_ballots(campaign, [["N1"], ["N1"]], district=north)
    store_ballots(campaign, [["S1"]], district=south, start=10)
    count = count_campaign(campaign)
    election = exports.election(campaign, count)
    assert [p.fields["district"] for p in election.projects] == ["الشمال", "الجنوب"]
    path = tmp_path / "districts.pb"
    path.write_text(pabulib.dumps(election), encoding="utf-8")
    split = ["--split-by", "district", "--group-budget", "الشمال=200000", "--group-budget", "الجنوب=150000"]
    assert main(["check", str(path), *split]) == 0
    District.objects.filter(campaign=campaign).update(kind=District.Kind.CATEGORY)
    assert "category" in exports.election(campaign, count).project_columns


def test_hidden_proposals_keep_their_votes_but_not_their_title(client, commune, focal_point):
    campaign, count = published(commune, focal_point)
    Proposal.objects.filter(campaign=campaign, code="B").update(is_hidden=True)
    election = exports.election(campaign, count)
    assert {p.id: p.fields["name"] for p in election.projects}["B"] == ""
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(url("export_csv", campaign))).decode("utf-8-sig"))))
    assert {row["code"]: row["title"] for row in rows}["B"] == ""


def test_the_csv_of_results(client, commune, focal_point):
    campaign, count = published(commune, focal_point)
    response = client.get(url("export_csv", campaign))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffcode,title,district,cost,votes,score,selected,reason")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["code"] for row in rows] == list(COSTS)
    by_code = {row["code"]: row for row in rows}
    assert by_code["A"]["votes"] == "25" and by_code["A"]["cost"] == "150000"
    assert {code for code, row in by_code.items() if row["selected"] == "1"} == set(count.selected)
    assert all(row["reason"] for row in rows)
    french = b"".join(client.get(url("export_csv", campaign).replace("/ar/", "/fr/"))).decode("utf-8")
    assert "60\u202f000,00" in french  # the reasons are written in the reader's language and number format


@pytest.mark.parametrize("name", ["export_pb", "export_csv"])
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        ("citizen", False),
        ("committee_member", False),
        ("moderator", False),
        ("polling_officer", False),
        ("other_focal_point", False),
        ("focal_point", True),
        ("network_admin", True),
    ],
)
def test_before_publication_only_the_campaigns_counting_staff_may_export(client, commune, request, name, role, allowed):
    campaign, _count = counted(commune)
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(url(name, campaign))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert "private" in response["Cache-Control"]


def test_nothing_to_export_before_a_count(client, commune, focal_point):
    campaign = campaign_in(commune, "counting")
    client.force_login(focal_point)
    assert client.get(url("export_pb", campaign)).status_code == 404
    assert client.get(url("export_csv", campaign)).status_code == 404


def test_while_the_file_is_built_a_page_shows_the_progress(client, commune, focal_point):
    campaign, count = published(commune, focal_point)
    name = exports.storage_name(campaign, count)
    cache.set(opendata_tasks.PB_FILE.running_key(name), 40, 60)  # a worker is building it
    response = client.get(url("export_pb", campaign))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = response.content.decode()
    assert 'value="40"' in page and 'hx-trigger="every 1s"' in page
    partial = client.get(url("export_pb", campaign), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="export-status"')
    cache.delete(opendata_tasks.PB_FILE.running_key(name))
    cache.set(opendata_tasks.PB_FILE.failed_key(name), True, 60)
    failed = client.get(url("export_pb", campaign), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in failed and 'class="error"' in failed
    assert not default_storage.exists(name)
    assert download(client, campaign)  # a plain visit tries again, and the file is built


def test_the_task_stores_the_file_once_and_reports_progress(commune, focal_point, monkeypatch):
    campaign, count = published(commune, focal_point)
    seen = []
    original = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, *a, **k: (seen.append(value), original(key, value, *a, **k)))
    name = opendata_tasks.export_pb(campaign.pk, count.pk)
    assert name == exports.storage_name(campaign, count) and default_storage.exists(name)
    assert seen[-1] == 100 and seen == sorted(seen)
    assert opendata_tasks.export_pb(campaign.pk, count.pk) == name


def test_exports_take_a_bounded_number_of_queries(client, commune, focal_point, django_assert_max_num_queries):
    campaign, _count = published(commune, focal_point)
    download(client, campaign)
    with django_assert_max_num_queries(8):
        download(client, campaign)
    with django_assert_max_num_queries(8):
        b"".join(client.get(url("export_csv", campaign)))


def test_a_count_without_ballots_exports_an_empty_votes_section(commune, focal_point):
    campaign, count = counted(commune, ballots=[])
    election = pabulib.loads(pabulib.dumps(exports.election(campaign, count)))
    assert election.ballots.n_voters == 0 and election.meta["num_votes"] == "0"
    assert [p.fields["votes"] for p in election.projects] == ["0"] * len(COSTS)
