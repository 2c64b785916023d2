"""Participatory budgets: campaigns, proposals, eligibility, ballots (online and on paper), counts and results.

The counting itself is done by :mod:`remacto.pb`; this app holds everything around it.
"""
