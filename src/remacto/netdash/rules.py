"""Who sees what on the network dashboard.

Everyone sees the public dashboard: the figures of each member, the roll-ups, the charts and the CSV file. Network
admins also see which members' programmes are stalled (no phase change for a year) and when they last moved, a
judgement on a member the network team follows up privately, and they may ask for the figures to be computed again.
"""

import rules

from remacto.accounts.rules import is_network_admin

rules.add_perm("netdash.view_staff", is_network_admin)
rules.add_perm("netdash.refresh", is_network_admin)
