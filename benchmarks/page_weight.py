"""First-load weight of the main pages, as a phone on mobile data would fetch them.

Starts nothing itself: run the demo (`make run`) first, then `.venv/bin/python benchmarks/page_weight.py
[BASE_URL]`. Headless Chromium (Debian's) loads each page with an empty cache; the script lists every resource
and prints raw bytes and gzip bytes (what WhiteNoise serves compressed in production). Target: under 200 KB.
"""

import gzip
import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PAGES = ["/ar/", "/ar/members/", "/ar/members/ben-guerir/", "/fr/", "/zgh/"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def measure(browser, path: str) -> tuple[int, int, list[str]]:
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []
    page.on("response", lambda r: bodies.append((r.url, r.body())) if r.status == 200 else None)
    page.goto(BASE + path, wait_until="networkidle")
    context.close()
    raw = sum(len(b) for _, b in bodies)
    # Fonts are already compressed (woff2): gzip adds nothing, count them as they are.
    packed = sum(len(b) if u.endswith(".woff2") else len(gzip.compress(b, 6)) for u, b in bodies)
    return raw, packed, [f"{len(b):>8} {u.removeprefix(BASE)}" for u, b in bodies]


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        print(f"{'page':28} {'raw KB':>8} {'gzip KB':>8}  target < 200 KB")
        for path in PAGES:
            raw, packed, lines = measure(browser, path)
            print(f"{path:28} {raw / 1024:8.1f} {packed / 1024:8.1f}  {'ok' if packed < 200 * 1024 else 'OVER'}")
            for line in lines:
                print("    " + line)
        browser.close()


if __name__ == "__main__":
    main()
