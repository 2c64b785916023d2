"""The Moroccan territorial division and the network's members.

``Region`` and ``Province`` are the State's division (decree 2.15.40, HCP codes). A ``Collectivity`` is an
elected body that can join the network: a regional council, a prefectural or provincial council, or a commune.
``Membership`` records that it joined (cohort year) and adhered to the ``Charter``.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.core.models import TimeStampedModel
from remacto.core.text import normalise


class Region(models.Model):
    """One of the 12 regions of 2015; ``code`` is ``01``…``12`` (HCP, ISO 3166-2:MA)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=120)
    seat = models.CharField(_("seat"), max_length=80, blank=True)
    population_2024 = models.PositiveIntegerField(_("population (2024 census)"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Province(models.Model):
    """A prefecture or province (HCP three-digit code), inside one region."""

    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", _("prefecture")
        PROVINCE = "province", _("province")

    code = models.CharField(_("code"), max_length=3, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="provinces")
    population_2024 = models.PositiveIntegerField(_("population (2024 census)"), null=True, blank=True)

    class Meta:
        ordering = ["region__code", "code"]
        verbose_name = _("prefecture or province")
        verbose_name_plural = _("prefectures and provinces")

    def __str__(self) -> str:
        return self.name


class Collectivity(TimeStampedModel):
    """A territorial collectivity: the tenant that owns a public space on the platform."""

    class Kind(models.TextChoices):
        REGION = "region", _("Regional council")
        PREFECTURE_COUNCIL = "prefecture_council", _("Prefectural council")
        PROVINCE_COUNCIL = "province_council", _("Provincial council")
        COMMUNE = "commune", _("Commune")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    name = models.CharField(_("name"), max_length=160)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="collectivities"
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("prefecture or province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collectivities",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent collectivity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    is_ogp_local = models.BooleanField(_("OGP Local member"), default=False)
    population = models.PositiveIntegerField(
        _("legal population"),
        null=True,
        blank=True,
        help_text=_(
            "For communes and prefectural or provincial councils; a regional council uses its region's census figure."
        ),
    )
    has_arrondissements = models.BooleanField(
        _("commune with arrondissements"),
        default=False,
        help_text=_("Communes divided into arrondissements have their own petition threshold."),
    )
    website = models.URLField(_("website"), blank=True)
    search_text = models.TextField(editable=False, blank=True, db_index=False)

    class Meta:
        ordering = ["region__code", "kind", "name_fr"]
        verbose_name = _("collectivity")
        verbose_name_plural = _("collectivities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="region", province__isnull=True) | ~models.Q(kind="region"),
                name="region_council_has_no_province",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="region") | models.Q(province__isnull=False),
                name="non_region_collectivity_has_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:space", kwargs={"slug": self.slug})

    @property
    def legal_population(self) -> int | None:
        """The population that sets legal thresholds: the region's census figure for a regional council, else the
        recorded figure, else (prefectural and provincial councils) the census figure of their prefecture or
        province; ``None`` when unknown."""
        if self.kind == self.Kind.REGION:
            return self.region.population_2024
        if self.population is None and self.kind != self.Kind.COMMUNE and self.province_id:
            return self.province.population_2024
        return self.population

    def save(self, *args, **kwargs):
        names = [getattr(self, f"name_{code}", "") or "" for code in ("ar", "fr", "en", "zgh")]
        self.search_text = " | ".join(normalise(n) for n in names if n)
        super().save(*args, **kwargs)


class Charter(models.Model):
    """A version of the network charter (preamble, aims, values, the five member commitments), in Markdown."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    is_current = models.BooleanField(_("current version"), default=False)

    class Meta:
        ordering = ["-adopted_on", "-id"]
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=models.Q(is_current=True), name="one_current")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Membership(TimeStampedModel):
    """A collectivity's membership of the network: the year it joined and its adherence to the charter."""

    collectivity = models.OneToOneField(
        Collectivity, verbose_name=_("collectivity"), on_delete=models.CASCADE, related_name="membership"
    )
    cohort_year = models.PositiveSmallIntegerField(
        _("cohort year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2022), MaxValueValidator(2100)],
        help_text=_("Year the collectivity joined the network; empty when the sources do not say."),
    )
    charter = models.ForeignKey(
        Charter, verbose_name=_("charter adhered to"), on_delete=models.PROTECT, null=True, blank=True
    )
    charter_adhered_on = models.DateField(_("charter adhered on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["collectivity__name_fr"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")

    def __str__(self) -> str:
        return str(self.collectivity)
