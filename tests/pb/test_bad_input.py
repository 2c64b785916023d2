"""Bad input gives one line ``FILE:LINE: problem`` and a non-zero exit, never a traceback."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from remacto.pb.cli import main
from tests.pb.conftest import SMALL_APPROVAL

POINTS = """META
key;value
num_projects;2
num_votes;2
budget;10
vote_type;cumulative
max_sum_points;5
min_sum_points;2
max_points;4
PROJECTS
project_id;cost
p;5
q;6
VOTES
voter_id;vote;points
v1;p,q;3,2
v2;q;4
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


CASES = {
    # name: (file text, extra CLI options, line, words expected in the message)
    "truncated: fewer votes than META says": (SMALL_APPROVAL.rsplit("3;a;52", 1)[0], [], 18, "truncated"),
    "truncated inside a quoted field": (SMALL_APPROVAL.split("with a")[0], [], 13, "malformed CSV"),
    "missing VOTES section": (SMALL_APPROVAL.split("VOTES")[0], [], 14, "missing section VOTES"),
    "missing PROJECTS section": (
        SMALL_APPROVAL.split("PROJECTS")[0] + "VOTES" + SMALL_APPROVAL.split("VOTES")[1],
        [],
        10,
        "section VOTES where PROJECTS was expected",
    ),
    "missing META section": (SMALL_APPROVAL.split("PROJECTS")[1], [], 2, "data before the META section"),
    "empty file": ("", [], None, "missing section META"),
    "vote for an unknown project": (edit(SMALL_APPROVAL, "4;b,c", "4;b,zz"), [], 20, "unknown project 'zz'"),
    "duplicate project id": (edit(SMALL_APPROVAL, "c;40;2", "a;40;2"), [], 14, "duplicate project id 'a'"),
    "negative cost": (edit(SMALL_APPROVAL, "b;50;", "b;-50;"), [], 13, "is negative"),
    "non-numeric cost": (edit(SMALL_APPROVAL, "b;50;", "b;fifty;"), [], 13, "is not a number"),
    "budget of zero": (edit(SMALL_APPROVAL, "budget;100", "budget;0"), [], 6, "budget is zero"),
    "no budget": (edit(SMALL_APPROVAL, "budget;100\n", ""), [], 9, "no 'budget'"),
    "ballot longer than max_length": (
        edit(SMALL_APPROVAL, "max_length;3", "max_length;1"),
        ["--strict"],
        17,
        "maximum of 1",
    ),
    "ballot shorter than min_length": (
        edit(SMALL_APPROVAL, "max_length;3", "min_length;2"),
        ["--strict"],
        19,
        "minimum of 2",
    ),
    "too many points in total": (edit(POINTS, "v1;p,q;3,2", "v1;p,q;3,3"), ["--strict"], 16, "total points is 6"),
    "too few points in total": (edit(POINTS, "v2;q;4", "v2;q;1"), ["--strict"], 17, "total points is 1, below"),
    "too many points for one project": (
        edit(POINTS, "v1;p,q;3,2", "v1;p,q;5,0"),
        ["--strict"],
        16,
        "points for one project",
    ),
    "points not matching the vote": (edit(POINTS, "v2;q;4", "v2;q;2,2"), [], 17, "2 points for 1 projects"),
    "non-numeric points": (edit(POINTS, "v2;q;4", "v2;q;four"), [], 17, "not numbers"),
    "a project twice on a ballot": (edit(SMALL_APPROVAL, "4;b,c", "4;b,b"), ["--strict"], 20, "appears twice"),
    "duplicate voter id": (edit(SMALL_APPROVAL, "4;b,c", "1;b,c"), [], 20, "duplicate voter id '1'"),
    "wrong number of fields": (edit(SMALL_APPROVAL, "4;b,c;19", "4;b,c"), [], 20, "needs 3 fields, found 2"),
    "unknown rule in the file": (
        edit(SMALL_APPROVAL, "rule;greedy", "rule;magic"),
        [],
        8,
        "unknown rule 'magic'",
    ),
    "unknown vote type": (
        edit(SMALL_APPROVAL, "vote_type;approval", "vote_type;ranked"),
        [],
        7,
        "unknown vote_type",
    ),
    "non-numeric limit": (edit(SMALL_APPROVAL, "max_length;3", "max_length;three"), [], 9, "not a number"),
    "threshold rule without a threshold": (
        edit(SMALL_APPROVAL, "rule;greedy", "rule;greedy-threshold"),
        [],
        8,
        "needs META min_project_score_threshold",
    ),
    "completion with a greedy rule": (SMALL_APPROVAL, ["--completion", "add1"], None, "applies to mes only"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_file_gives_one_line_with_file_and_line(case: str, pb_file, capsys):
    text, options, line, words = CASES[case]
    path = pb_file(text)
    status = main(["compute", str(path), *options])
    err = capsys.readouterr().err
    assert status != 0
    assert "Traceback" not in err and err.count("\n") == 1, err
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert err.startswith(where), err
    assert words in err


def test_not_utf8(pb_file, capsys):
    path = pb_file("")
    path.write_bytes(SMALL_APPROVAL.encode().replace(b"Project A", b"Project \xff"))
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"{path}:12: the file is not valid UTF-8")


def test_truncated_gzip(tmp_path: Path, capsys):
    data = gzip.compress(SMALL_APPROVAL.encode() * 3)
    path = tmp_path / "cut.pb.gz"
    path.write_bytes(data[: len(data) // 2])
    assert main(["compute", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:") and "the compressed file is truncated" in err and err.count("\n") == 1


def test_missing_file(tmp_path: Path, capsys):
    assert main(["compute", str(tmp_path / "nowhere.pb")]) == 2
    assert "No such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--rule", "magic"], "unknown rule 'magic'"),
        (["--rule", "mes", "--completion", "add2"], "unknown completion 'add2'"),
        (["--rule", "mes", "--utilities", "joy"], "unknown utilities 'joy'"),
        (["--tie-breaking", "luck"], "unknown tie-breaking key 'luck'"),
        (["--group-budget", "north"], "is not VALUE=AMOUNT"),
    ],
)
def test_bad_options_give_one_line(options: list[str], words: str, pb_file, capsys):
    assert main(["compute", str(pb_file(SMALL_APPROVAL)), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("remacto-pb: ") and words in err and err.count("\n") == 1
