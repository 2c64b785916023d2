"""The information procedure as the case core knows it (reminders, transparency pages)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.cases import registry
from remacto.cases.models import Case


def _request(case: Case):
    from .models import InformationRequest

    return InformationRequest.objects.select_related("officer", "case__collectivity").get(case=case)


def responsible(case: Case) -> list:
    """The officer in charge of the request; else the collectivity's information officers, else its focal points."""
    from .services.requests import responsible as staff

    request = _request(case)
    return [request.officer] if request.officer_id else staff(case.collectivity)


def url(case: Case) -> str:
    return _request(case).get_absolute_url()


def public_url(case: Case) -> str:
    return reverse("information:home", kwargs={"slug": case.collectivity.slug})


def register_url(collectivity) -> str:
    """The public side of a member's requests (its published answers); the network has no such page."""
    return reverse("information:home", kwargs={"slug": collectivity.slug}) if collectivity is not None else ""


def register() -> None:
    registry.register(
        Case.Procedure.INFORMATION,
        responsible=responsible,
        url=url,
        label=_("Access to information"),
        public_url=public_url,
        register_url=register_url,
    )
