"""The admissibility conditions a petitioner confirms, per kind of petition (organic laws 111.14, 112.14 and
113.14: who may petition a council). Written once here; the form, the service and the pages read them."""

from django.utils.translation import gettext_lazy as _

CITIZENS = {
    "territory": _(
        "The petitioners reside in the collectivity's territory or exercise an economic, commercial or professional "
        "activity there."
    ),
    "common_interest": _("The petitioners share a common interest in the petition's subject."),
}
ASSOCIATION = {
    "constituted": _("The association is constituted in Morocco in accordance with the law for more than 3 years."),
    "good_standing": _(
        "The association operates democratically, in keeping with its statutes, and is in good standing with the "
        "laws and regulations in force."
    ),
    "seat": _("The association has its seat or one of its branches in the collectivity's territory."),
    "related_activity": _("The association's activity is related to the subject of the petition."),
}
BY_KIND = {"citizens": CITIZENS, "association": ASSOCIATION}


def required(kind: str) -> dict:
    """The conditions (key → sentence) a petition of ``kind`` must confirm."""
    return BY_KIND.get(kind, {})


def missing(kind: str, confirmed) -> list[str]:
    """The sentences of the conditions of ``kind`` not in ``confirmed`` (keys), in their order."""
    confirmed = set(confirmed or ())
    return [str(sentence) for key, sentence in required(kind).items() if key not in confirmed]
