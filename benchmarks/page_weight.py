"""First-load weight of the main pages, as a phone on mobile data would fetch them: bytes actually transferred.

Starts nothing itself. Serve the site as in production first, so that static files come precompressed from
WhiteNoise (``collectstatic`` writes ``.gz`` and ``.br`` copies)::

    DEBUG=0 SECRET_KEY=bench ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 STATIC_ROOT=/tmp/remacto-static \\
      .venv/bin/python manage.py collectstatic --noinput
    DEBUG=0 SECRET_KEY=bench ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 STATIC_ROOT=/tmp/remacto-static \\
      .venv/bin/gunicorn remacto.wsgi -b 127.0.0.1:8000

then ``.venv/bin/python benchmarks/page_weight.py [BASE_URL]``. Headless Chromium (Debian's) loads each page with
an empty cache; the script prints, per resource, the bytes on the wire (headers and encoded body, as the browser
received them, with their ``Content-Encoding``) and the decoded size. Target: the Arabic home page under 150 KB.
"""

import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PAGES = ["/ar/", "/ar/members/", "/ar/members/ben-guerir/", "/fr/", "/zgh/"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TARGET_KB = 150


def measure(browser, path: str) -> tuple[int, int, list[str]]:
    """(bytes transferred, bytes decoded, one line per resource) for one page loaded with an empty cache."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(BASE + path, wait_until="networkidle")
    lines, wire, decoded = [], 0, 0
    for request in responses:
        response = request.response()
        if response is None:
            continue
        sizes = request.sizes()
        sent = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        body = len(response.body())
        wire += sent
        decoded += body
        encoding = response.headers.get("content-encoding", "-")
        lines.append(f"{sent:>8} {body:>8} {encoding:>5}  {request.url.removeprefix(BASE)}")
    context.close()
    return wire, decoded, lines


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        print(f"{'page':28} {'wire KB':>8} {'decoded KB':>10}  target < {TARGET_KB} KB on the wire")
        for path in PAGES:
            wire, decoded, lines = measure(browser, path)
            verdict = "ok" if wire < TARGET_KB * 1024 else "OVER"
            print(f"{path:28} {wire / 1024:8.1f} {decoded / 1024:10.1f}  {verdict}")
            print(f"    {'wire':>8} {'decoded':>8} {'enc':>5}  resource")
            for line in lines:
                print("    " + line)
        browser.close()


if __name__ == "__main__":
    main()
