"""What the demo modules share (``manage.py load_demo``): replaying a sample story through the services on the
days it happened.

The services date what they write from the clock (``timezone.now()`` and ``cases.calendar.today()``): receipt
dates, deadlines, history entries, audit entries, notifications. :func:`on_day` sets that clock to a past working
day while one step runs, so a request received three weeks ago has the deadline, case number, history and audit
entries the platform would have given it then, and every rule of the service is checked as it would have been.
``manage.py load_demo`` runs inside ``notifications.services.emails_held``: the demo accounts get the notifications
in the platform, and no email leaves.

Only for the demo: never use this clock in a request or a task.
"""

import contextlib
import datetime
from collections.abc import Iterator
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from remacto.cases import calendar

MOROCCO = ZoneInfo("Africa/Casablanca")


def working_days_ago(n: int, today: datetime.date | None = None) -> datetime.date:
    """The ``n``-th working day before ``today`` (Moroccan weekends and holidays skipped); ``today`` for 0."""
    day, days = today or calendar.today(), calendar.Calendar()
    while n > 0:
        day -= datetime.timedelta(days=1)
        if days.is_working_day(day):
            n -= 1
    return day


@contextlib.contextmanager
def on_day(day: datetime.date, hour: int = 10) -> Iterator[datetime.datetime]:
    """Run the block as if it were ``day`` at ``hour`` o'clock in Morocco, in the site's language (the demo
    accounts'; a service writes some history notes in the active language); yields that moment."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=MOROCCO).astimezone(datetime.UTC)

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)

    # ``timezone.now`` (and the model fields whose default it is) reads the module's ``datetime``. The module's
    # ``template_localtime`` reads it too: a template rendered inside the block would show UTC times (the demo's
    # services render none there, their emails being held).
    with mock.patch.object(timezone, "datetime", Clock), translation.override(settings.LANGUAGE_CODE):
        yield moment
