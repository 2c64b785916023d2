"""The network dashboard's precomputed figures: one row per member, written as a whole by
:func:`remacto.netdash.services.compute.compute_figures`; the pages, the API and the CSV file read only this table.

The member's collectivity, region, province, kind, cohort year and OGP Local flag are copied on the row, so that
every filter and sort is a plain condition on one table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from remacto.cocreation.models import Phase


def _rate() -> models.DecimalField:
    return models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)


class MemberFigures(models.Model):
    """The figures of one member at ``computed_at`` (see docs/netdash.md for each definition)."""

    collectivity = models.OneToOneField(
        "territories.Collectivity", on_delete=models.CASCADE, related_name="network_figures"
    )
    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(
        "territories.Province", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20)
    cohort_year = models.PositiveSmallIntegerField(_("cohort year"), null=True, blank=True)
    is_ogp_local = models.BooleanField(_("OGP Local member"), default=False)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    programme = models.ForeignKey(
        "cocreation.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cycle = models.CharField(_("cycle"), max_length=9, blank=True)
    phase = models.CharField(_("programme phase"), max_length=16, choices=Phase.choices, blank=True)
    phase_order = models.SmallIntegerField(default=-1)
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)
    last_moved_on = models.DateField(_("programme last moved on"), null=True, blank=True)
    is_stalled = models.BooleanField(_("programme stalled"), default=False)

    ideas = models.PositiveIntegerField(_("ideas"), default=0)
    ideas_per_1000 = _rate()
    ideas_answered = models.PositiveIntegerField(_("ideas answered with a public reason"), default=0)
    answered_share = _rate()

    budget = models.DecimalField(_("budget (MAD)"), max_digits=16, decimal_places=2, default=0)
    paid = models.DecimalField(_("paid (MAD)"), max_digits=16, decimal_places=2, default=0)
    execution_rate = _rate()

    cases_due = models.PositiveIntegerField(_("cases due"), default=0)
    cases_on_time = models.PositiveIntegerField(_("cases answered on time"), default=0)
    on_time_share = _rate()

    attendees_women = models.PositiveIntegerField(default=0)
    attendees_men = models.PositiveIntegerField(default=0)
    women_share = _rate()
    attendees_under_30 = models.PositiveIntegerField(default=0)
    attendees_aged = models.PositiveIntegerField(default=0)
    under_30_share = _rate()

    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["collectivity__name_fr", "pk"]
        verbose_name = _("member figures")
        verbose_name_plural = _("member figures")
        indexes = [models.Index(fields=["region", "kind"], name="netdash_region_kind")]

    def __str__(self) -> str:
        return str(self.collectivity)


class Computation(models.Model):
    """One run of the computation: when it finished, how long it took and how many members it covered."""

    finished_at = models.DateTimeField(_("computed at"))
    seconds = models.FloatField(default=0)
    members = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-finished_at", "-pk"]
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"network figures {self.finished_at:%Y-%m-%d %H:%M}"
