"""REMACTO: the civic-participation platform of the Moroccan network of open territorial collectivities.

The package root imports nothing, so that ``remacto.pb`` (the participatory-budgeting engine) stays
usable, and fast to start, without Django or Celery. The Celery app lives in ``remacto.celery``
(``celery -A remacto`` finds it there); Django loads it when the core app is ready.
"""
