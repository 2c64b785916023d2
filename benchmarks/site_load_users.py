"""Locust users of ``benchmarks/site_load.py`` (which starts locust on this file; not meant to be run alone).

``ListReader`` reads the anonymous idea list (the figure the target is about); ``Browser`` reads the list's pages
and ideas anonymously; ``Writer`` supports and comments, signed in, each write with an account of its own, and
after each write reads the idea anonymously to check that the page is not older than the write. The plan (URLs,
sessions, the unsupported idea of each account) comes as JSON in the file named by ``SITE_LOAD_PLAN``.
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, HttpUser, events, task
from locust.exception import StopUser
from site_load import comment_count, support_count

PLAN = json.loads(Path(os.environ["SITE_LOAD_PLAN"]).read_text(encoding="utf-8"))
WRITES = iter(PLAN["writes"])  # shared by every writer: an account writes once per run
BROWSER = {"Accept-Encoding": "gzip, deflate", "Accept-Language": "ar"}


class ListReader(FastHttpUser):
    """Anonymous visitors opening the idea list, as fast as they are answered."""

    @task
    def idea_list(self):
        self.client.get(PLAN["list_url"], headers=BROWSER, name="idea list")


class Browser(FastHttpUser):
    """Anonymous visitors on the list (first pages, sorted by supports) and on ideas."""

    @task(3)
    def idea_list(self):
        self.client.get(PLAN["list_url"], headers=BROWSER, name="idea list")

    @task(1)
    def list_page(self):
        page = random.randint(2, 5)
        self.client.get(f"{PLAN['list_url']}?sort=supported&page={page}", headers=BROWSER, name="idea list, page 2-5")

    @task(2)
    def idea(self):
        self.client.get(random.choice(PLAN["idea_urls"]), headers=BROWSER, name="idea page")


class Writer(HttpUser):
    """Signed-in people supporting and commenting (htmx, as the page does), two of them whatever the total."""

    fixed_count = 2

    def _signed_in(self, session: str) -> dict:
        return {
            "Cookie": f"sessionid={session}; csrftoken={PLAN['csrf']}",
            "X-CSRFToken": PLAN["csrf"],
            "HX-Request": "true",
            "Referer": PLAN["base"],
        }

    def _fresh(self, url: str, at_least: int, count) -> None:
        """The next anonymous read must show the write (counts only grow during the run)."""
        self.client.cookies.clear()
        with self.client.get(url, headers=BROWSER, name="anonymous read after a write", catch_response=True) as r:
            shown = count(r.text)
            if shown is None or shown < at_least:
                r.failure(f"stale page: shows {shown}, the write made it {at_least}")

    @task
    def support_and_comment(self):
        write = next(WRITES, None)
        if write is None:
            raise StopUser  # out of accounts: this writer stops, the others go on
        headers = self._signed_in(write["session"])
        SENT["support"] += 1
        with self.client.post(
            write["support_url"], data={"support": "1"}, headers=headers, name="support", catch_response=True
        ) as r:
            ok = r.status_code == 200 and "support-button is-on" in r.text and 'class="error"' not in r.text
            if not ok:
                r.failure(f"support refused ({r.status_code})")
        if ok:
            self._fresh(write["idea_url"], support_count(r.text) or 0, support_count)
        body = f"تعليق تجريبي {next(_SERIAL)} من اختبار الحمل"
        SENT["comment"] += 1
        with self.client.post(
            write["comments_url"], data={"body": body}, headers=headers, name="comment", catch_response=True
        ) as r:
            ok = r.status_code == 200 and 'class="message success"' in r.text
            if not ok:
                r.failure(f"comment refused ({r.status_code})")
        if ok:
            self._fresh(write["idea_url"], comment_count(r.text) or 0, comment_count)


_SERIAL = itertools.count(1)
# Writes sent, answered or not. A request still in flight when the run stops can be written by the server without
# locust counting its answer, so the database must hold at least the successful writes and at most these.
SENT = {"support": 0, "comment": 0}


@events.test_stop.add_listener
def _write_tally(environment, **kwargs) -> None:
    Path(PLAN["tally"]).write_text(json.dumps(SENT), encoding="utf-8")
