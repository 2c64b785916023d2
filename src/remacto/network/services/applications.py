"""Membership applications: a collectivity applies, a network admin decides in public.

``apply`` refuses a collectivity that is already a member or has a pending application, an application without
the council's deliberation (a PDF, checked from its content) or without the charter accepted; nothing is saved
when it refuses (not even a commune the applicant named because it was not listed). ``decide`` accepts (the
``territories.Membership`` is created with its cohort year, the focal point gets their role, or an invitation by
email when they have no account yet, and the network dashboard's figures are computed again so that it shows the
new member) or rejects with a public reason; the applicant is told in their language. Both are audited.
"""

import datetime
import re
from collections.abc import Mapping
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.accounts.models import Role, User
from remacto.accounts.rules import forget_roles
from remacto.cocreation.uploads import check_upload, sniff
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.tasks import send_email
from remacto.core.validators import clean_text
from remacto.netdash.services import members_changed
from remacto.notifications.services import language_of, notify
from remacto.participation import limits
from remacto.territories.models import Charter, Collectivity, Membership
from remacto.territories.services import commune_named

from ..models import MembershipApplication

PHONE = re.compile(r"^\+?[0-9][0-9 .-]{5,18}$")
FIRST_COHORT = 2022


def _limit(field: str) -> int:
    return MembershipApplication._meta.get_field(field).max_length


def _deliberation(document):
    if not document:
        raise ValidationError({"deliberation": _("Attach the council's deliberation (PDF) approving the membership.")})
    try:
        if sniff(document) != "pdf":
            raise ValidationError(_("“%(name)s” is not a PDF document.") % {"name": document.name})
        check_upload(document, allowed=("pdf",))
    except ValidationError as exc:
        raise ValidationError({"deliberation": exc.messages}) from exc
    return document


def _refuse_if_taken(collectivity: Collectivity) -> None:
    if Membership.objects.filter(collectivity=collectivity).exists():
        raise ValidationError({"collectivity": _("This collectivity is already a member of the network.")})
    if MembershipApplication.objects.filter(
        collectivity=collectivity, status=MembershipApplication.Status.PENDING
    ).exists():
        raise ValidationError(
            {"collectivity": _("An application for this collectivity is already waiting for a decision.")}
        )


def _focal_point(values: Mapping) -> dict[str, str]:
    focal = {
        "focal_name": clean_text(
            values.get("focal_name"),
            "focal_name",
            max_length=_limit("focal_name"),
            empty=gettext_noop("Name the focal point."),
        ),
        "focal_title": clean_text(
            values.get("focal_title"),
            "focal_title",
            max_length=_limit("focal_title"),
            empty=gettext_noop("Give the focal point's title."),
        ),
        "focal_email": clean_text(
            values.get("focal_email"),
            "focal_email",
            max_length=_limit("focal_email"),
            empty=gettext_noop("Give the focal point's email address."),
        ).lower(),
        "focal_phone": clean_text(
            values.get("focal_phone"),
            "focal_phone",
            max_length=_limit("focal_phone"),
            empty=gettext_noop("Give the focal point's phone number."),
        ),
    }
    try:
        validate_email(focal["focal_email"])
    except ValidationError as exc:
        raise ValidationError({"focal_email": _("Enter a valid email address.")}) from exc
    if not PHONE.match(focal["focal_phone"]):
        raise ValidationError({"focal_phone": _("Write the phone number with digits, for example +212 5 37 00 00 00.")})
    return focal


@transaction.atomic
def apply(actor, collectivity: Collectivity | None, values: Mapping, deliberation=None) -> MembershipApplication:
    """Record ``collectivity``'s application to join; refused (nothing saved) when anything is wrong.

    Without ``collectivity``, the commune named by ``values`` (``commune_name_ar``, ``commune_name_fr``,
    ``commune_province``) applies: found among the listed communes, or recorded with the application.
    """
    require(actor, "network.apply")
    if collectivity is None and _names_a_commune(values):
        collectivity = commune_named(
            values.get("commune_province"), values.get("commune_name_ar"), values.get("commune_name_fr")
        )
    if not isinstance(collectivity, Collectivity):
        raise ValidationError(
            {"collectivity": _("Choose the collectivity that applies, or name your commune if it is not listed.")}
        )
    Collectivity.objects.select_for_update().filter(pk=collectivity.pk).first()  # one application at a time
    _refuse_if_taken(collectivity)
    charter = Charter.objects.filter(is_current=True).first()
    if charter is None:
        raise ValidationError(_("The network charter is not published yet: applications cannot be received."))
    if not values.get("charter_accepted"):
        raise ValidationError({"charter_accepted": _("The collectivity must accept the network charter.")})
    focal = _focal_point(values)
    document = _deliberation(deliberation)
    application = MembershipApplication(
        collectivity=collectivity,
        applicant=actor,
        language=translation.get_language() or "ar",
        charter=charter,
        **focal,
    )
    with limits.reserve(actor, "membership_applications"):
        application.deliberation.save("deliberation.pdf", document, save=False)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError as exc:
            application.deliberation.delete(save=False)  # nothing of a refused application is kept, not its file
            raise ValidationError(
                {"collectivity": _("An application for this collectivity is already waiting for a decision.")}
            ) from exc
    return application


def _names_a_commune(values: Mapping) -> bool:
    return any(values.get(key) for key in ("commune_name_ar", "commune_name_fr", "commune_province"))


def _cohort(value, today: datetime.date) -> int:
    year = value or today.year
    if not isinstance(year, int) or not FIRST_COHORT <= year <= today.year:
        raise ValidationError(
            {
                "cohort_year": _("The cohort year is between %(first)d and %(last)d.")
                % {"first": FIRST_COHORT, "last": today.year}
            }
        )
    return year


def _send_invitation(application: MembershipApplication) -> None:
    with translation.override(application.language):
        context = {
            "application": application,
            "collectivity": str(application.collectivity),
            "signup": settings.SITE_URL.rstrip("/") + reverse("account_signup"),
        }
        subject = _("[REMACTO] You are the focal point of %(name)s") % {"name": context["collectivity"]}
        body = render_to_string("network/email/invitation.txt", context)
    send_email.delay(subject, body, [application.focal_email])


def grant_focal_point(application: MembershipApplication, user: User, granted_by) -> bool:
    """Give ``user`` the focal-point role of the accepted application's collectivity; False when already held."""
    role, created = Role.objects.get_or_create(
        user=user,
        collectivity=application.collectivity,
        kind=Role.Kind.FOCAL_POINT,
        defaults={"title": application.focal_title[:120], "granted_by": granted_by},
    )
    if created:
        audit.record(
            granted_by,
            "role.grant",
            role,
            collectivity=application.collectivity,
            kind=role.kind,
            user_id=user.pk,
            user=str(user),
        )
        forget_roles(user)
    MembershipApplication.objects.filter(pk=application.pk).update(focal_role_granted=True)
    application.focal_role_granted = True
    return created


@transaction.atomic
def decide(
    actor,
    application: MembershipApplication,
    *,
    accept: bool,
    text: str,
    cohort_year: int | None = None,
    today: datetime.date | None = None,
) -> MembershipApplication:
    """Accept or reject a pending application with a public text (the reason, when rejected)."""
    require(actor, "network.review")
    application = (
        MembershipApplication.objects.select_for_update().select_related("collectivity").get(pk=application.pk)
    )
    if application.status != MembershipApplication.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))
    today = today or timezone.localdate()
    empty = (
        gettext_noop("Write the public decision.") if accept else gettext_noop("Give the public reason of the refusal.")
    )
    application.decision_text = clean_text(
        text, "decision_text", max_length=_limit("decision_text") or 2000, empty=empty
    )
    application.decided_by = actor
    application.decided_at = timezone.now()
    if accept:
        if Membership.objects.filter(collectivity=application.collectivity).exists():
            raise ValidationError(_("This collectivity is already a member of the network."))
        application.cohort_year = _cohort(cohort_year, today)
        application.status = MembershipApplication.Status.ACCEPTED
        Membership.objects.create(
            collectivity=application.collectivity,
            cohort_year=application.cohort_year,
            charter=application.charter,
            charter_adhered_on=application.created_at.date(),
            source=f"membership application {application.pk}",
        )
        members_changed()
    else:
        application.status = MembershipApplication.Status.REJECTED
    application.save()
    audit.record(
        actor,
        "membership.decide",
        application,
        collectivity=application.collectivity,
        decision=application.status,
    )
    if accept:
        focal = User.objects.filter(email__iexact=application.focal_email, is_active=True).first()
        if focal is not None:
            grant_focal_point(application, focal, actor)
        else:
            transaction.on_commit(partial(_send_invitation, application))
    message = (
        gettext_noop("The membership application of %(name)s is accepted: welcome to the network.")
        if accept
        else gettext_noop("The membership application of %(name)s is not accepted. Reason: %(reason)s")
    )
    with translation.override(language_of(application.applicant)):
        name = str(application.collectivity)
    notify(
        application.applicant,
        kind="network.decision",
        message=message,
        params={"name": name, "reason": application.decision_text} if not accept else {"name": name},
        url=application.get_absolute_url(),
        collectivity=application.collectivity,
    )
    return application
