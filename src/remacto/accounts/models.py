"""Users, organisations and roles.

Citizens and associations need no role to take part. A ``Role`` gives staff powers in one collectivity
(focal point, committee member, council secretariat, advisory member, moderator) or in the whole network
(network admin, with no collectivity).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel


class UserManager(BaseUserManager):
    """Users are identified by email; there is no username."""

    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person with an account, and the optional profile used for inclusion statistics.

    Age band, gender and residence are only kept while ``statistics_consent_at`` is set (see
    ``accounts.services.update_profile``).
    """

    STATISTICS_FIELDS = ("age_band", "gender", "residence")

    class AgeBand(models.TextChoices):
        UNDER_18 = "u18", _("under 18")
        FROM_18 = "18-29", _("18 to 29")
        FROM_30 = "30-44", _("30 to 44")
        FROM_45 = "45-59", _("45 to 59")
        FROM_60 = "60+", _("60 and over")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=80, help_text=_("Shown next to what you post. It can be a pseudonym.")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    residence = models.ForeignKey(
        "territories.Province",
        verbose_name=_("prefecture or province of residence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    statistics_consent_at = models.DateTimeField(
        _("consent to inclusion statistics"),
        null=True,
        blank=True,
        help_text=_("When the person agreed that their age band, gender and province feed anonymous statistics."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email.split("@")[0]


class Organisation(TimeStampedModel):
    """An association or other civil-society organisation, with its admins and members."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = LimitedTextField(_("description"), blank=True, max_length=4000)
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("main collectivity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganisationMember", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class OrganisationMember(models.Model):
    """A person in an organisation; admins manage its members."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_admin = models.BooleanField(_("admin"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Role(models.Model):
    """A staff role of a user in one collectivity, or network admin (no collectivity)."""

    class Kind(models.TextChoices):
        FOCAL_POINT = "focal_point", _("focal point")
        COMMITTEE_MEMBER = "committee_member", _("committee member")
        COUNCIL_SECRETARIAT = "council_secretariat", _("council secretariat")
        ADVISORY_MEMBER = "advisory_member", _("advisory body member")
        MODERATOR = "moderator", _("moderator")
        POLLING_OFFICER = "polling_officer", _("polling-desk officer")
        NETWORK_ADMIN = "network_admin", _("network admin")
        INFORMATION_OFFICER = "information_officer", _("information officer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
    )
    kind = models.CharField(_("role"), max_length=24, choices=Kind.choices)
    title = models.CharField(
        _("public title"),
        max_length=120,
        blank=True,
        help_text=_("For example: head of the partnership unit."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "granted_at"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "collectivity", "kind"], name="one_role_per_kind"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(kind="network_admin"), name="one_network_admin_role"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="network_admin", collectivity__isnull=True)
                | (~models.Q(kind="network_admin") & models.Q(collectivity__isnull=False)),
                name="network_admin_has_no_collectivity",
            ),
        ]

    def __str__(self) -> str:
        where = f" @ {self.collectivity}" if self.collectivity_id else ""
        return f"{self.user} — {self.get_kind_display()}{where}"
