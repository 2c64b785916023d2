"""The engine's reasons (:class:`remacto.pb.explain.Reason`) as sentences in the reader's language.

Results pages, the results PDF and the rules page's worked example all say why a project was or was not
selected through :func:`sentence`, so the wording exists once per language.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core.formatting import format_mad, format_number
from remacto.pb.explain import Reason

SENTENCES = {
    "greedy-selected": gettext_noop(
        "Selected: it was number %(rank)s in the ranking, and its cost, %(cost)s, fitted in the %(left)s "
        "still available."
    ),
    "greedy-no-room": gettext_noop(
        "Not selected: it was number %(rank)s in the ranking, but its cost, %(cost)s, was more than the %(left)s "
        "still available."
    ),
    "below-threshold": gettext_noop("Not selected: its score, %(score)s, is below the minimum score."),
    "no-votes": gettext_noop("Not selected: nobody voted for it."),
    "not-reached": gettext_noop(
        "Not selected: the rule stops at the first project that does not fit, before rank %(rank)s."
    ),
    "completion": gettext_noop("Selected in the completion step: it fitted in the money the first count left unspent."),
    "mes-bought": gettext_noop(
        "Selected in round %(round)s: its %(votes)s supporters shared its cost, each paying at most %(price)s."
    ),
    "mes-unaffordable": gettext_noop(
        "Not selected: its supporters' shares of the budget together came to only %(left)s, less than its cost."
    ),
    "mes-beaten": gettext_noop(
        "Not selected: in round %(round)s its supporters would each have paid %(price)s, but %(beaten_by)s was "
        "cheaper for its own supporters and was chosen; afterwards its supporters had only %(left)s left, less "
        "than its cost."
    ),
    "not-selected": gettext_noop("Not selected."),
}
MONEY = ("cost", "left", "price")


def sentence(why: Reason, names: dict[str, str] | None = None) -> str:
    """``why`` in the active language; ``names`` maps project codes to titles (for ``beaten_by``)."""
    values: dict[str, str] = {}
    for key, value in why.params.items():
        if key in MONEY:
            values[key] = format_mad(round(float(value), 2))
        elif key == "score":
            values[key] = format_number(value, 0 if float(value).is_integer() else 2)
        elif key == "beaten_by":
            values[key] = (names or {}).get(value, value)
        elif isinstance(value, int):
            values[key] = format_number(value)
        else:
            values[key] = str(value)
    return _(SENTENCES[why.code]) % values
