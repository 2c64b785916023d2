"""Run the same call from many threads released at the same instant, as parallel requests would."""

import threading

from celery._state import _set_task_join_will_block
from django.db import connection


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
