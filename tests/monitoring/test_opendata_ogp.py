"""The OGP Local mapping: completion levels from physical progress, OGP values from the openness principles,
milestones from the latest activity status."""

import datetime

import pytest

from remacto.cocreation.models import Project
from remacto.monitoring import opendata
from remacto.monitoring.models import ActivityStatus


@pytest.mark.parametrize(
    "progress,status,level",
    [
        (0, "in_progress", "not_started"),
        (1, "in_progress", "limited"),
        (49, "in_progress", "limited"),
        (50, "in_progress", "substantial"),
        (99, "in_progress", "substantial"),
        (100, "in_progress", "complete"),
        (90, Project.Status.COMPLETED, "complete"),
        (0, Project.Status.ADOPTED, "not_started"),
    ],
)
def test_completion_level(progress, status, level):
    assert opendata.completion_level(progress, status) == level
    assert level in opendata.COMPLETION_LEVELS


def test_ogp_values_follow_the_principles():
    project = Project(serves_transparency=True, serves_participation=True, serves_digitalisation=True)
    assert opendata.ogp_values(project) == [
        "transparency",
        "public_accountability",
        "civic_participation",
        "technology_and_innovation",
    ]
    assert opendata.ogp_values(Project(serves_information=True)) == ["access_to_information"]
    assert opendata.ogp_values(Project()) == []


class _Activity:
    pk, order, title = 7, 1, "تكوين"
    starts_on, ends_on = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)

    def __init__(self, statuses):
        self.latest_statuses = statuses


def test_a_milestone_takes_its_latest_status_or_is_planned():
    late = ActivityStatus(status="late", started_on=datetime.date(2026, 1, 10))
    milestone = opendata.milestone(_Activity([late]))
    assert milestone["status"] == "late" and milestone["actual_start"] == datetime.date(2026, 1, 10)
    assert (milestone["start_date"], milestone["end_date"]) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert opendata.milestone(_Activity([]))["status"] == "planned"
