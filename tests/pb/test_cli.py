"""The remacto-pb command: check against official results, compute JSON lines, explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remacto.pb import pabulib
from remacto.pb.cli import main
from remacto.pb.rules import FILE_RULES
from tests.pb.conftest import PABULIB_FILES, SMALL_APPROVAL


def checkable(path: Path) -> bool:
    election = pabulib.read(path)
    return "selected" in election.project_columns and election.meta.get("rule") in FILE_RULES


CHECKABLE = [p for p in PABULIB_FILES if checkable(p)]


def test_the_official_results_to_check_include_mes_and_every_greedy_variant():
    names = {p.name: pabulib.read(p).meta["rule"] for p in CHECKABLE}
    assert names == {
        "Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb": "greedy",
        "Poland_Lodz_2022.pb.gz": "greedy-threshold",
        "Poland_Swiecie_2023.pb": "equalshares/add1",
        "Poland_Warszawa_2025_Rembertow.pb": "greedy",
    }


@pytest.mark.parametrize("path", CHECKABLE, ids=lambda p: p.name)
def test_check_reproduces_the_official_winners(path: Path, capsys):
    assert main(["check", str(path)]) == 0
    assert ": ok (" in capsys.readouterr().out


def test_check_reports_a_mismatch(pb_file, capsys):
    wrong = pb_file(SMALL_APPROVAL.replace("c;40;2;Project C;1", "c;40;2;Project C;0"))
    assert main(["check", str(wrong)]) == 1
    assert "in the file but not computed: none" in capsys.readouterr().out
    assert main(["check", str(wrong), "--rule", "greedy-no-skip"]) == 1


def test_check_without_a_selected_column_fails(capsys):
    toulouse = next(p for p in PABULIB_FILES if "Toulouse" in p.name)
    assert main(["check", str(toulouse)]) == 2
    captured = capsys.readouterr()
    assert "skipped (the PROJECTS section has no 'selected' column" in captured.out
    assert "no file could be checked" in captured.err


def test_check_skips_files_without_results_among_others(capsys):
    assert main(["check", *map(str, PABULIB_FILES)]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok (") == 4 and out.count(": skipped (") == len(PABULIB_FILES) - 4


def test_compute_prints_one_json_line_per_file(pb_file, capsys):
    small = pb_file(SMALL_APPROVAL)
    swiecie = next(p for p in PABULIB_FILES if "Swiecie" in p.name)
    assert main(["compute", str(small), str(swiecie)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(line) for line in lines] == [
        {"file", "rule", "completion", "selected", "total_cost", "budget", "comparison", "seconds"}
    ] * 2
    assert lines[0]["selected"] == ["a", "c"] and lines[0]["total_cost"] == 100 and lines[0]["budget"] == 100
    assert (lines[1]["rule"], lines[1]["completion"], len(lines[1]["selected"])) == ("mes", "add1", 17)


def test_compute_with_rule_and_completion_options(pb_file, capsys):
    small = pb_file(SMALL_APPROVAL)
    for rule, completion in [("mes", "none"), ("mes", "add1"), ("mes", "add1-continue"), ("mes", "add1u")]:
        assert main(["compute", str(small), "--rule", rule, "--completion", completion, "--exact"]) == 0
        line = json.loads(capsys.readouterr().out)
        assert (line["rule"], line["completion"]) == (rule, completion)
        assert line["total_cost"] <= line["budget"]


def test_compute_with_separate_budgets_per_group(pb_file, capsys):
    text = SMALL_APPROVAL.replace("name;selected", "name;district").replace(";1\n", ";north\n")
    text = text.replace(";0\n", ";south\n")
    path = pb_file(text)
    assert main(["compute", str(path), "--rule", "greedy", "--split-by", "district",
                 "--group-budget", "north=60", "--group-budget", "south=50"]) == 0  # fmt: skip
    line = json.loads(capsys.readouterr().out)
    assert line["selected"] == ["a", "b"] and line["budget"] == 110
    assert main(["compute", str(path), "--split-by", "district", "--group-budget", "north=60"]) == 2
    assert "no budget given for district 'south'" in capsys.readouterr().err


def test_explain_one_project_in_text_and_json(capsys):
    swiecie = next(p for p in PABULIB_FILES if "Swiecie" in p.name)
    assert main(["explain", str(swiecie), "--project", "c16"]) == 0
    text = capsys.readouterr().out
    assert "97.2%" in text and "c16" in text and "c21 was bought instead" in text
    assert main(["explain", str(swiecie), "--project", "c12", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["projects"]] == ["c12"]
    assert data["projects"][0]["selected"] is True
    assert data["projects"][0]["reason"].startswith("selected in round 1")
    assert main(["explain", str(swiecie), "--project", "nope"]) == 2
    assert "no project with id 'nope'" in capsys.readouterr().err
