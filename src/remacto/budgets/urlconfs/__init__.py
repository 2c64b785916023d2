"""URL patterns of participatory budgets, one module per area: campaigns (pages, rules, staff settings),
proposals (submission, review, appeals), voting (eligibility, ballot, receipts), paper ballots and integrity
review, results (counts, results pages, exports)."""

MEMBER = "members/<slug:slug>/budgets/"
CAMPAIGN = MEMBER + "<int:pk>/"
