"""Take the README's screenshots (docs/screenshots/) from a running factcheck with the demo data (Debian's Chromium,
Playwright).

    FACTCHECK_INSTANCE_PATH=/tmp/fcdemo make demo          # prints the demo admin's password
    FACTCHECK_INSTANCE_PATH=/tmp/fcdemo .venv/bin/flask --app app run --port 5055 &
    .venv/bin/python bench/screenshots.py --password PASSWORD [--base http://127.0.0.1:5055]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

# docs/, not factcheck/static/: the app serves only the files its pages use
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PAGES = [("queue", "/queues/1", 0), ("claim", "/claims/1", 0), ("article", "/articles/1", 0),
         ("dashboard", "/admin/dashboard", 0)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:5055")
    parser.add_argument("--email", default="admin@factcheck.local")
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1360, "height": 860})
        page.goto(args.base + "/auth/login")
        page.fill("input[name=email]", args.email)
        page.fill("input[name=password]", args.password)
        page.click("button[type=submit]")
        for name, path, scroll in PAGES:
            page.goto(args.base + path)
            page.evaluate(f"window.scrollTo(0, {scroll})")
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
