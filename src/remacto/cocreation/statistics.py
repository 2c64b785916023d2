"""Participation statistics of a programme: the numbers behind the statistics page and its charts.

Everything public and aggregated, in a fixed number of queries whatever the number of ideas:

- ideas (hidden ones excluded) by channel, by axis and by triage status;
- idea authors with an account by gender and age band, from their self-declared profile (no answer counts as
  "not given"); ideas typed in by staff have no account behind them and are not in this series;
- attendance at information meetings and workshops by gender and age band, from the counts recorded at each
  meeting: a second, separate series;
- projects and budget by axis (cancelled projects excluded).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from remacto.accounts.models import User
from remacto.core.formatting import format_mad, format_number
from remacto.core.translation import TranslatedText, translated
from remacto.participation.models import visible_q

from .models import Idea, Meeting, Programme
from .selectors import axes_with_totals

PUBLIC_MEETINGS = (Meeting.Kind.INFORMATION, Meeting.Kind.WORKSHOP, Meeting.Kind.CONSULTATION_WORKSHOP)
NOT_GIVEN = "not_given"
NO_AXIS = "no_axis"


@dataclass
class Row:
    """One bar: a key (stable, for tests and CSS), its label in the reader's language, the value and its text."""

    key: str
    label: str
    value: int | Decimal
    display: str = ""
    share: int | None = None
    lang: str = ""  # set when the label is content shown in a fallback language

    @property
    def direction(self) -> str:
        return "rtl" if self.lang in settings.LANGUAGES_BIDI else "ltr"


@dataclass
class Series:
    """A chart's data: its id (for element ids), title, a sentence saying where the numbers come from, rows."""

    id: str
    title: str
    description: str
    rows: list[Row]
    unit: str = "count"
    value_header: str = ""

    @property
    def total(self):
        return sum((row.value for row in self.rows), 0)

    @property
    def is_empty(self) -> bool:
        return not any(row.value for row in self.rows)


@dataclass
class Statistics:
    """All the figures of a programme's statistics page."""

    ideas_total: int
    authors_total: int
    attendance_total: int
    projects_total: int
    budget_total: Decimal
    series: list[Series] = field(default_factory=list)

    def get(self, series_id: str) -> Series:
        return next(s for s in self.series if s.id == series_id)


def _percent(part, whole) -> int | None:
    return round(100 * part / whole) if whole else None


def _fallback_language(label) -> str:
    return label.language if isinstance(label, TranslatedText) and label.is_fallback else ""


def _count_rows(pairs: list[tuple[str, str, int]], with_share: bool = False) -> list[Row]:
    total = sum(value for _key, _label, value in pairs)
    rows = []
    for key, label, value in pairs:
        share = _percent(value, total) if with_share else None
        display = format_number(value)
        if share is not None:
            # Translators: a count followed by its share, e.g. "12 (52%)".
            display = _("%(count)s (%(percent)s%%)") % {"count": display, "percent": format_number(share)}
        rows.append(Row(key, str(label), value, display, share, _fallback_language(label)))
    return rows


def _age_bands() -> list[tuple[str, str]]:
    return [(value, capfirst(str(label))) for value, label in User.AgeBand.choices]


def _genders() -> list[tuple[str, str]]:
    return [(User.Gender.WOMAN, pgettext("statistics", "Women")), (User.Gender.MAN, pgettext("statistics", "Men"))]


def programme_statistics(programme: Programme) -> Statistics:
    """The statistics of ``programme`` in the active language (labels and number formats)."""
    ideas = programme.ideas.visible()

    # 1 query: visible ideas by channel and status.
    by_channel: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for row in ideas.values("channel", "status").annotate(n=Count("id")).order_by():
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
    ideas_total = sum(by_channel.values())

    # 1 query: axes with their idea and project counts and budgets.
    axes = list(axes_with_totals(programme))
    no_axis = ideas_total - sum(axis.idea_count for axis in axes)

    # 1 query: idea authors with an account, by self-declared gender and age band.
    authors = (
        User.objects.filter(visible_q("ideas"), ideas__programme=programme)
        .values("gender", "age_band")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    author_gender: dict[str, int] = {}
    author_age: dict[str, int] = {}
    for row in authors:
        gender = row["gender"] or NOT_GIVEN
        age = row["age_band"] or NOT_GIVEN
        author_gender[gender] = author_gender.get(gender, 0) + row["n"]
        author_age[age] = author_age.get(age, 0) + row["n"]
    authors_total = sum(author_gender.values())

    # 1 query: attendance recorded at information meetings and workshops.
    sums = programme.meetings.filter(kind__in=PUBLIC_MEETINGS).aggregate(
        women=Sum("attendees_women"),
        men=Sum("attendees_men"),
        **{name: Sum(name) for name in Meeting.AGE_FIELDS},
    )
    sums = {key: value or 0 for key, value in sums.items()}
    attendance_total = sums["women"] + sums["men"]
    attendance_ages = [sums[name] for name in Meeting.AGE_FIELDS]
    attendance_age_unknown = max(attendance_total - sum(attendance_ages), 0)

    not_given = _("Not given")
    axis_titles = [(str(axis.pk), translated(axis, "title")) for axis in axes]
    budget_total = sum((axis.budget_total or Decimal(0) for axis in axes), Decimal(0))
    people = _("People")

    series = [
        Series(
            "channel",
            _("Ideas by channel"),
            _("Every idea received, online or entered by staff from workshops, paper forms and the front desk."),
            _count_rows([(value, label, by_channel.get(value, 0)) for value, label in Idea.Channel.choices]),
            value_header=_("Ideas"),
        ),
        Series(
            "axis",
            _("Ideas by axis"),
            _("Ideas grouped by the axis their author chose."),
            _count_rows(
                [(key, title, axis.idea_count) for (key, title), axis in zip(axis_titles, axes, strict=True)]
                + ([(NO_AXIS, _("No axis"), no_axis)] if no_axis else [])
            ),
            value_header=_("Ideas"),
        ),
        Series(
            "status",
            _("What became of the ideas"),
            _("Share of the ideas accepted, merged into another idea, not accepted or awaiting triage."),
            _count_rows(
                [
                    (value, label, by_status.get(value, 0))
                    for value, label in [
                        (Idea.Status.ACCEPTED, Idea.Status.ACCEPTED.label),
                        (Idea.Status.MERGED, Idea.Status.MERGED.label),
                        (Idea.Status.REJECTED, Idea.Status.REJECTED.label),
                        (Idea.Status.SUBMITTED, Idea.Status.SUBMITTED.label),
                    ]
                ]
                + (
                    [(Idea.Status.UNRECORDED, Idea.Status.UNRECORDED.label, by_status[Idea.Status.UNRECORDED])]
                    if by_status.get(Idea.Status.UNRECORDED)
                    else []
                ),
                with_share=True,
            ),
            value_header=_("Ideas"),
        ),
        Series(
            "author_gender",
            _("Idea authors by gender (their profile)"),
            _(
                "People with an account who submitted ideas, as they describe themselves in their profile; those who"
                " did not say are counted as not given. Ideas entered by staff are not included."
            ),
            _count_rows(
                [(key, label, author_gender.get(key, 0)) for key, label in _genders()]
                + [(NOT_GIVEN, not_given, author_gender.get(NOT_GIVEN, 0))],
                with_share=True,
            ),
            value_header=people,
        ),
        Series(
            "author_age",
            _("Idea authors by age (their profile)"),
            _("People with an account who submitted ideas, by the age band given in their profile."),
            _count_rows(
                [(key, label, author_age.get(key, 0)) for key, label in _age_bands()]
                + [(NOT_GIVEN, not_given, author_age.get(NOT_GIVEN, 0))],
                with_share=True,
            ),
            value_header=people,
        ),
        Series(
            "attendance_gender",
            _("Meeting attendance by gender (counted at meetings)"),
            _("Attendance counted by the organisers at information meetings and workshops, all meetings together."),
            _count_rows(
                [(key, label, sums[field]) for (key, label), field in zip(_genders(), ("women", "men"), strict=True)],
                with_share=True,
            ),
            value_header=_("Attendance"),
        ),
        Series(
            "attendance_age",
            _("Meeting attendance by age (counted at meetings)"),
            _("Attendance counted by age band at information meetings and workshops."),
            _count_rows(
                [(key, label, count) for (key, label), count in zip(_age_bands(), attendance_ages, strict=True)]
                + ([(NOT_GIVEN, not_given, attendance_age_unknown)] if attendance_age_unknown else []),
                with_share=True,
            ),
            value_header=_("Attendance"),
        ),
        Series(
            "projects",
            _("Projects by axis"),
            _("Projects of the programme under each axis (cancelled projects are not counted)."),
            _count_rows(
                [(key, title, axis.project_count) for (key, title), axis in zip(axis_titles, axes, strict=True)]
            ),
            value_header=_("Projects"),
        ),
        Series(
            "budget",
            _("Budget by axis"),
            _("Total budget of the projects under each axis, in dirhams."),
            [
                Row(
                    key,
                    str(title),
                    axis.budget_total or Decimal(0),
                    format_mad(axis.budget_total or 0),
                    lang=_fallback_language(title),
                )
                for (key, title), axis in zip(axis_titles, axes, strict=True)
            ],
            unit="mad",
            value_header=_("Budget"),
        ),
    ]
    return Statistics(
        ideas_total=ideas_total,
        authors_total=authors_total,
        attendance_total=attendance_total,
        projects_total=sum(axis.project_count for axis in axes),
        budget_total=budget_total,
        series=series,
    )
