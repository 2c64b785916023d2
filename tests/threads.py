"""Run the same call from many threads released at the same instant, as parallel requests would."""

import html
import os
import threading

import pytest
from celery._state import _set_task_join_will_block
from django.db import connection
from django.test import Client
from django.utils import translation

from remacto.participation import limits

AT_ONCE = 30
"""How many requests the parallel-request tests send together."""

ON_POSTGRESQL = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="PostgreSQL only: DATABASE_URL does not name a PostgreSQL database",
    ),
]
"""The marks of a test that sends parallel requests: it needs PostgreSQL's row locks and real transactions."""


def at_once(count: int, call) -> tuple[list, list]:
    """Call ``call(n)`` in ``count`` threads that start together; return (results, exceptions).

    Each thread closes its own database connection when done.
    """
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(call(n))
        except Exception as exc:  # collected for the caller's assertions
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    # Celery's eager apply_async saves, sets and restores a process-wide "joining would block" flag; threads
    # running eager tasks together can leave it set, and later result.get() calls would then refuse to run.
    _set_task_join_will_block(False)
    return results, errors


def signed_in(users) -> list[Client]:
    """A test client signed in as each of ``users`` (the same user many times: their tabs or devices)."""
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def post_at_once(clients: list, url, data) -> list:
    """POST from every test client at the same instant, as parallel requests would; the responses (in the order
    they finished).

    Client ``n`` posts ``data(n)`` (uploaded files cannot be shared between requests) to ``url``, or to ``url(n)``
    when it is callable.
    """

    def post(n: int):
        return clients[n].post(url(n) if callable(url) else url, data(n))

    responses, errors = at_once(len(clients), post)
    assert not errors, errors[:3]
    assert len(responses) == len(clients)
    return responses


def assert_limit_held(responses: list, kind: str, most: int) -> None:
    """Exactly ``most`` of the ``responses`` passed (a redirect to what was saved); every other one is a 429 with
    ``Retry-After`` and the message of the ``kind`` posting limit, in Arabic (the pages were asked in Arabic)."""
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302] * most + [429] * (len(responses) - most), statuses
    with translation.override("ar"):
        message = limits.MESSAGES[kind] % {"n": most}
    for response in responses:
        if response.status_code == 429:
            assert int(response["Retry-After"]) > 0
            assert message in html.unescape(response.content.decode())
