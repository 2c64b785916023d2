"""Text messages (SMS) through a gateway chosen by ``settings.SMS_BACKEND`` (a dotted path to a backend class).

- ``ConsoleBackend`` (the default) writes the message to the log with the number masked: for development and
  for a site without a gateway yet. It never logs a number in clear.
- ``LocmemBackend`` keeps the messages in :data:`outbox`, for tests.

A real gateway is a class with the same ``send(phone, body)`` method, outside this repository's tests.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    phone: str
    body: str


outbox: list[Message] = []
"""Messages sent through :class:`LocmemBackend` (tests empty it)."""


def mask_phone(phone: str) -> str:
    """A phone number with all but its first four and last two characters hidden: ``+212•••••••78``."""
    if len(phone) <= 6:
        return "•" * len(phone)
    return phone[:4] + "•" * (len(phone) - 6) + phone[-2:]


class BaseBackend:
    def send(self, phone: str, body: str) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Logs the message with a masked number (codes must not end up in shared logs in production: use a gateway)."""

    def send(self, phone: str, body: str) -> None:
        logger.warning("SMS to %s: %s", mask_phone(phone), body)


class LocmemBackend(BaseBackend):
    def send(self, phone: str, body: str) -> None:
        outbox.append(Message(phone, body))


def send_sms(phone: str, body: str) -> None:
    """Send ``body`` to ``phone`` (international form) through the configured backend."""
    backend = import_string(getattr(settings, "SMS_BACKEND", "remacto.budgets.sms.ConsoleBackend"))
    backend().send(phone, body)
