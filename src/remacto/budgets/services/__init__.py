"""Every change to a participatory budget, one module per step: campaigns (settings, districts, the rules lock),
proposals and their review, eligibility and voting, paper ballots, integrity review, counting and results. Each
function takes the acting user first, checks a ``budgets.*`` permission on the campaign's collectivity,
validates, writes in one transaction and records the audit log."""
