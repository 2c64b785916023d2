"""Fixtures for the PB engine tests: the shared pabulib files and a helper to write small ones."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "pabulib"
PABULIB_FILES = sorted(p for p in DATA.iterdir() if p.name.endswith((".pb", ".pb.gz")))


def official_checksums() -> dict[str, str]:
    """File name -> SHA256 as listed in PROVENANCE.md."""
    sums = {}
    for line in (DATA / "PROVENANCE.md").read_text().splitlines():
        cells = [cell.strip(" `") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and len(cells[1]) == 64:
            sums[cells[0]] = cells[1]
    return sums


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pb_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write a pabulib text (LF line ends as given) to a temporary ``.pb`` file and return its path."""
    counter = iter(range(1_000_000))

    def write(text: str, name: str = "") -> Path:
        path = tmp_path / (name or f"election{next(counter)}.pb")
        path.write_bytes(text.encode("utf-8"))
        return path

    return write


SMALL_APPROVAL = """META
key;value
description;small test election
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;greedy
max_length;3
PROJECTS
project_id;cost;votes;name;selected
a;60;3;Project A;1
b;50;2;"Project B; with a semicolon";0
c;40;2;Project C;1
VOTES
voter_id;vote;age
1;a,b;30
2;a,c;41
3;a;52
4;b,c;19
"""
