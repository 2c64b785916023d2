"""Locust users of ``benchmarks/vote_load.py`` (which starts locust on this file; not meant to be run alone).

Each request is one verified voter's ballot, posted once with the voter's session, as the plain form does (no
JavaScript); an answer other than the redirect to the receipt page is a failure. The plan (the ballot URL, a
session and choices per voter) comes as JSON in the file named by ``VOTE_LOAD_PLAN``.
"""

import json
import os
import time
from pathlib import Path

from locust import FastHttpUser, events, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["VOTE_LOAD_PLAN"]).read_text(encoding="utf-8"))
BALLOTS = iter(PLAN["ballots"])  # shared by every client: each voter votes once per run
SENT = {"sent": 0}
DEADLINE = {"at": float("inf")}
"""No new ballot after ``VOTE_LOAD_SECONDS`` from the start; locust runs a little longer, so that every ballot
sent has its answer counted."""


@events.test_start.add_listener
def _start(environment, **kwargs) -> None:
    DEADLINE["at"] = time.monotonic() + float(os.environ["VOTE_LOAD_SECONDS"])


class Voter(FastHttpUser):
    @task
    def ballot(self):
        ballot = next(BALLOTS, None) if time.monotonic() < DEADLINE["at"] else None
        if ballot is None:
            raise StopUser  # out of time or out of voters
        headers = {
            "Cookie": f"sessionid={ballot['session']}; csrftoken={PLAN['csrf']}",
            "Accept-Language": "ar",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = "&".join([f"csrfmiddlewaretoken={PLAN['csrf']}", *(f"choice={pk}" for pk in ballot["choices"])])
        SENT["sent"] += 1
        with self.client.post(
            PLAN["url"], data=body, headers=headers, name="ballot", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302 or "/vote/done/" not in (response.headers.get("Location") or ""):
                response.failure(f"ballot refused ({response.status_code})")


@events.test_stop.add_listener
def _write_tally(environment, **kwargs) -> None:
    Path(PLAN["tally"]).write_text(json.dumps(SENT), encoding="utf-8")
