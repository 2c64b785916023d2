"""The dashboard's charts: one SVG bar chart per measure over the roll-up (regions, or provinces of the chosen
region), drawn by the co-creation chart helper; the page shows the same rows in a table under each chart."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.cocreation import charts
from remacto.cocreation.models import Phase
from remacto.cocreation.statistics import Row, Series
from remacto.core.formatting import format_number
from remacto.core.translation import translated

from . import selectors

TITLES = {
    "ideas_per_1000": (gettext_lazy("Ideas per 1,000 inhabitants"), gettext_lazy("Ideas")),
    "answered_share": (gettext_lazy("Ideas answered with a public reason"), gettext_lazy("Share (%)")),
    "execution_rate": (gettext_lazy("Execution rate (paid / budget)"), gettext_lazy("Share (%)")),
    "on_time_share": (gettext_lazy("Legal cases answered on time"), gettext_lazy("Share (%)")),
    "women_share": (gettext_lazy("Women among meeting participants"), gettext_lazy("Share (%)")),
    "under_30_share": (gettext_lazy("Participants under 30"), gettext_lazy("Share (%)")),
}
DESCRIPTIONS = {
    "ideas_per_1000": gettext_lazy("Ideas of the current programmes over the legal population of the members."),
    "answered_share": gettext_lazy("Ideas with a triage decision giving a public reason, over all ideas."),
    "execution_rate": gettext_lazy("Amounts paid over the budgets of the projects followed."),
    "on_time_share": gettext_lazy(
        "Information requests, petitions and opinion requests answered within the legal deadline, over those "
        "answered or overdue (this year and last year)."
    ),
    "women_share": gettext_lazy("Women over all people counted at information meetings and workshops."),
    "under_30_share": gettext_lazy("People under 30 over all people whose age group was counted."),
}


def place_label(group) -> tuple[str, str]:
    """The name of a roll-up group in the reader's language, and its language when it is a fallback."""
    if group.place is None:
        return _("Regional councils"), ""
    name = translated(group.place, "name")
    return str(name), name.language if name.is_fallback else ""


def _display(value, suffix: str) -> str:
    return "—" if value is None else f"{format_number(value, 1 if suffix else 2)}{suffix}"


def measure_series(measure: str, groups) -> Series:
    title, header = TITLES[measure]
    suffix = "" if measure == "ideas_per_1000" else "%"
    rows = []
    for group in groups:
        label, lang = place_label(group)
        value = getattr(group, measure)
        rows.append(Row(group.key, label, value or 0, _display(value, suffix), lang=lang))
    return Series(f"netdash-{measure}", str(title), str(DESCRIPTIONS[measure]), rows, value_header=str(header))


def phase_series(counts: dict[str, int]) -> Series:
    rows = [Row(p, str(label), counts.get(p, 0), format_number(counts.get(p, 0))) for p, label in Phase.choices]
    rows.append(Row("none", _("No programme yet"), counts.get("", 0), format_number(counts.get("", 0))))
    return Series(
        "netdash-phase",
        _("Members by programme phase"),
        _("The phase of each member's current programme."),
        [row for row in rows if row.value],
        value_header=_("Members"),
    )


def adoption_series(years: list[tuple[int, int]]) -> Series:
    rows = [Row(str(year), str(year), n, format_number(n)) for year, n in years]
    return Series(
        "netdash-adoption",
        _("Members by year of adoption"),
        _("The year in which the council adopted the member's current programme."),
        rows,
        value_header=_("Members"),
    )


def for_measure(measure: str, filters: selectors.Filters) -> tuple[str, Series]:
    """The chart of one of ``selectors.CHOOSABLE``: over the regions or provinces (the level is returned) for a
    measure with a roll-up, over all the members shown (level ``""``) for the phase and the adoption year."""
    if measure == "phase":
        return "", phase_series(selectors.phase_counts(filters))
    if measure == "adoption_date":
        return "", adoption_series(selectors.adoption_years(filters))
    level, groups, _total = selectors.rollups(filters)
    return level, measure_series(measure, groups)


def draw(series: Series, *, rtl: bool) -> str:
    return charts.bar_chart(series, rtl=rtl)
