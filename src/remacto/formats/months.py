"""Month names as written in Morocco (and in Amazigh).

Django formats dates with its own catalogue, which has no Amazigh. Marking the month names here puts them in
the project's catalogue, which is read first: Moroccan Arabic names (ماي، يوليوز، غشت، شتنبر...)
rather than Django's Middle-Eastern ones, and Tifinagh names for Amazigh (awaiting review).
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
