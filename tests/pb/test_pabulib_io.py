"""Reading and writing pabulib files: every vote type, layouts, quoting, and lossless round trips."""

from __future__ import annotations

import gzip
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from remacto.pb import pabulib
from remacto.pb.model import Election
from remacto.pb.tally import scores, vote_counts
from tests.pb.conftest import PABULIB_FILES, SMALL_APPROVAL, official_checksums, sha256


def original_text(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return raw.decode("utf-8")


def test_test_data_matches_the_published_checksums():
    sums = official_checksums()
    assert sorted(sums) == sorted(p.name for p in PABULIB_FILES)
    for path in PABULIB_FILES:
        assert sha256(path) == sums[path.name], path.name


@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda p: p.name)
def test_shared_files_round_trip_byte_for_byte(path: Path):
    election = pabulib.read(path)
    assert pabulib.dumps(election) == original_text(path)


@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda p: p.name)
def test_tallies_equal_the_files_votes_and_score_columns(path: Path):
    election = pabulib.read(path)
    assert vote_counts(election).tolist() == [int(p.fields["votes"]) for p in election.projects]
    if "score" in election.project_columns:
        assert scores(election).tolist() == [float(p.fields["score"]) for p in election.projects]


def test_written_gzip_reads_back_identical(tmp_path: Path):
    election = pabulib.read(next(p for p in PABULIB_FILES if "Gdansk" in p.name))
    target = tmp_path / "copy.pb.gz"
    pabulib.write(election, target)
    assert gzip.decompress(target.read_bytes()).decode() == pabulib.dumps(election)
    again = pabulib.read(target)
    assert pabulib.dumps(again) == pabulib.dumps(election)
    assert np.array_equal(again.ballots.points, election.ballots.points)


def test_lf_and_crlf_files_parse_alike_and_keep_their_line_ends():
    lf = pabulib.loads(SMALL_APPROVAL)
    crlf = pabulib.loads(SMALL_APPROVAL.replace("\n", "\r\n"))
    assert crlf.layout.newline == "\r\n" and lf.layout.newline == "\n"
    assert lf.project_ids == crlf.project_ids == ["a", "b", "c"]
    assert lf.ballots.projects.tolist() == crlf.ballots.projects.tolist() == [0, 1, 0, 2, 0, 1, 2]
    assert pabulib.dumps(crlf) == SMALL_APPROVAL.replace("\n", "\r\n")
    no_final_newline = SMALL_APPROVAL.rstrip("\n")
    assert pabulib.dumps(pabulib.loads(no_final_newline)) == no_final_newline


def test_quoted_fields_and_extra_columns_are_kept():
    election = pabulib.loads(SMALL_APPROVAL)
    assert election.projects[1].fields["name"] == "Project B; with a semicolon"
    assert election.ballots.columns["age"].tolist() == ["30", "41", "52", "19"]
    assert election.projects[0].fields["selected"] == "1"
    assert '"Project B; with a semicolon"' in pabulib.dumps(election)


def test_decimal_costs_and_budget_are_exact():
    text = SMALL_APPROVAL.replace("budget;100", "budget;100.5").replace("a;60;", "a;60.25;")
    election = pabulib.loads(text)
    assert str(election.budget) == "201/2"
    assert str(election.projects[0].cost) == "241/4"
    assert pabulib.dumps(election) == text


ORDINAL = """META
key;value
num_projects;3
num_votes;3
budget;10
vote_type;ordinal
min_length;1
max_length;3
PROJECTS
project_id;cost
x;4
y;4
z;4
VOTES
voter_id;vote
1;z,x,y
2;x,z
3;y
"""


def test_ordinal_ballots_keep_their_order_and_score_by_position():
    election = pabulib.loads(ORDINAL)
    assert election.ballots.projects.tolist() == [2, 0, 1, 0, 2, 1]
    # Borda on max_length 3: 3 points for a first choice, 2 for a second, 1 for a third.
    assert scores(election).tolist() == [2 + 3, 1 + 3, 3 + 2]
    custom = pabulib.loads(ORDINAL.replace("max_length;3", "max_length;3\nscoring_fn;10,5,1"))
    assert scores(custom).tolist() == [5 + 10, 1 + 10, 10 + 5]
    assert pabulib.dumps(election) == ORDINAL


@pytest.mark.parametrize("vote_type", ["cumulative", "scoring"])
def test_points_ballots(vote_type: str):
    text = f"""META
key;value
num_projects;2
num_votes;2
budget;10
vote_type;{vote_type}
max_sum_points;5
PROJECTS
project_id;cost
p;5
q;6
VOTES
voter_id;vote;points
v1;p,q;3,2
v2;q;4.5
"""
    election = pabulib.loads(text)
    assert election.ballots.points is not None
    assert election.ballots.points.tolist() == [3.0, 2.0, 4.5]
    assert scores(election).tolist() == [3.0, 6.5]
    assert pabulib.dumps(election) == text


def test_choose_one_ballots():
    election = pabulib.read(next(p for p in PABULIB_FILES if "Zabrze" in p.name))
    assert election.vote_type == "choose-1"
    assert set(election.ballots.lengths().tolist()) == {1}


def test_built_elections_write_and_read_back():
    election = Election.build(10, {"a": 3, "b": "4.5"}, [["a"], ["b", "a"], []])
    again = pabulib.loads(pabulib.dumps(election))
    assert again.project_ids == ["a", "b"]
    assert again.ballots.projects.tolist() == [0, 1, 0]
    assert again.ballots.lengths().tolist() == [1, 2, 0]


def test_large_files_are_read_in_bounded_memory(tmp_path: Path):
    """100,000 voters must cost a few bytes per ballot entry, not a Python object per voter."""
    n = 100_000
    rng = np.random.default_rng(7)
    header = f"META\nkey;value\nnum_projects;50\nnum_votes;{n}\nbudget;1000\nvote_type;approval\nPROJECTS\n"
    projects = "project_id;cost\n" + "".join(f"p{i};{10 + i}\n" for i in range(50))
    picks = rng.integers(0, 50, size=(n, 2))
    votes = "".join(f"{v};p{a},p{(a + 1 + b % 49) % 50}\n" for v, (a, b) in enumerate(picks))
    path = tmp_path / "big.pb.gz"
    path.write_bytes(gzip.compress((header + projects + "VOTES\nvoter_id;vote\n" + votes).encode()))
    del votes
    tracemalloc.start()
    election = pabulib.read(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert election.ballots.n_voters == n
    assert peak < 20 * 1024 * 1024, f"reading took {peak / 1e6:.1f} MB"


def test_quotes_late_in_a_long_file_switch_to_the_csv_reader_without_losing_rows(tmp_path: Path):
    # VOTES is read in blocks; a quote sends the rest of the file to the CSV reader, mid-block.
    head = "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;1\nb;2\nVOTES\nvoter_id;vote;note\n"
    rows = [f"v{i};{'a,b' if i % 3 else 'b'};n{i}\n" for i in range(100_000)]
    plain = head + "".join(rows)
    rows[50_000] = 'v50000;a,b;"a ""quoted""\nnote"\n'
    quoted = head + "".join(rows)
    (tmp_path / "plain.pb").write_text(plain)
    (tmp_path / "quoted.pb").write_text(quoted)
    fast, careful = pabulib.read(tmp_path / "plain.pb"), pabulib.read(tmp_path / "quoted.pb")
    assert careful.ballots.n_voters == 100_000
    assert careful.ballots.projects.tolist() == fast.ballots.projects.tolist()
    assert careful.ballots.columns["note"][50_000] == 'a "quoted"\nnote'
    assert careful.ballots.voter_ids[99_999] == "v99999"
    assert pabulib.dumps(careful) == quoted
