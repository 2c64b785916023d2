"""Who may do what with events. The object is the event, or for ``events.create_event`` the organising
collectivity (None: the network).

- network admins run national and regional events (and may act on any event);
- a collectivity's focal points run the events their collectivity organises;
- any signed-in user may register for an event; everything else (programme, speakers, outputs) is public.
"""

import rules

from remacto.accounts.rules import is_focal_point_of, is_network_admin


@rules.predicate
def is_organiser(user, event) -> bool:
    """A focal point of the collectivity that organises ``event``."""
    return event is not None and event.collectivity_id is not None and is_focal_point_of(user, event.collectivity)


@rules.predicate
def is_focal_point_of_place(user, collectivity) -> bool:
    return collectivity is not None and is_focal_point_of(user, collectivity)


rules.add_perm("events.create_event", is_network_admin | is_focal_point_of_place)
rules.add_perm("events.manage_event", is_network_admin | is_organiser)
rules.add_perm("events.register", rules.is_authenticated)
