"""The README's screenshots (``make screenshots``): queue, claim desk, editorial, public page, dashboard and "my
work", each in English and in French, at 1366x768 in Debian's Chromium.

The demo database is built here, in a temporary folder (migrations, ``seed-demo``'s data and its seed article, one
verdict waiting for the editors, one claim under review): the developer's database is never read or written.

    .venv/bin/python bench/screenshots.py [--seed FILE] [--out docs/screenshots] [--page queue] [--lang fr]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("queue", "claim", "editorial", "public", "dashboard", "my-work")
LANGS = {"en": "en-GB", "fr": "fr-FR"}
ADMIN = "admin@factcheck.local"
DRAFT_SUMMARY = "Les éléments publics ne permettent pas de conclure ; Moscou dément."
DRAFT_EXPLANATION = (
    "Les responsables cités parlent **d’intentions**, sans document public à l’appui.\n\n"
    "*Exemple de démonstration rédigé pour factcheck.*"
)


def _isolate(folder: Path) -> None:
    """Point the app at a new SQLite file and broker folder under ``folder`` before anything reads the config."""
    for inherited in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(inherited, None)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'demo.db'}"
    os.environ["FACTCHECK_INSTANCE_PATH"] = str(folder / "instance")
    os.environ.setdefault("SECRET_KEY", "screenshots-" + "x" * 32)


def _build_demo(seed_text: str) -> tuple[str, dict[str, str]]:
    """Migrate and fill the demo database; the admin's password and each page's path."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from factcheck.extensions import db
    from factcheck.models import Claim, Verdict
    from factcheck.services.accounts import accounts
    from factcheck.services.admin import demo
    from factcheck.services.claims import desk, triage
    from factcheck.services.verdicts import scales, verdicts

    upgrade(directory=str(ROOT / "migrations"))
    password = demo.seed(admin_email=ADMIN)
    demo.load_article(seed_text, admin_email=ADMIN)
    admin, checker = accounts.find_user_by_email(ADMIN), accounts.find_user_by_email(demo.DEMO_CHECKER)
    waiting = list(
        db.session.scalars(select(Claim).where(Claim.status == "new").order_by(Claim.checkworthiness.desc()).limit(2))
    )
    for claim, worker in zip(waiting, (checker, admin), strict=False):  # one for the editors, one under review
        claim = triage.accept(admin, claim.id, expected_version=claim.version_id)
        claim = triage.assign(admin, claim.id, expected_version=claim.version_id, assignee_id=worker.id)
        desk.start_review(worker, claim.id, expected_version=claim.version_id)
    proposed, reviewed = waiting[0], waiting[-1]
    rating = next(r for r in scales.offered_ratings(proposed) if r.value == 0)  # "Unverifiable" on its scale
    draft = verdicts.save_draft(
        checker,
        proposed.id,
        rating_id=rating.id,
        summary=DRAFT_SUMMARY,
        explanation_md=DRAFT_EXPLANATION,
        evidence_ids=[],
        expected_version=None,
    )
    verdicts.submit_for_review(checker, proposed.id, expected_version=draft.version_id)
    published = db.session.scalar(select(Verdict).where(Verdict.status == "published"))
    paths = {
        "queue": f"/queues/{reviewed.queue_id}",
        "claim": f"/claims/{reviewed.id}",
        "editorial": f"/editorial/verdicts/{draft.id}",
        "public": f"/factchecks/{published.public_slug}",
        "dashboard": "/admin/dashboard",
        "my-work": "/my-work",
    }
    return password, paths


def _shoot(base: str, password: str, paths: dict[str, str], pages, langs, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless=new", "--disable-gpu"]
        )
        for lang in langs:
            context = browser.new_context(locale=LANGS[lang], viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.goto(f"{base}/auth/login")
            page.fill("input[name=email]", ADMIN)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/home")
            for name in pages:
                page.goto(base + paths[name])
                page.wait_for_load_state("networkidle")
                path = out / f"{name}-{lang}.png"
                page.screenshot(path=str(path))
                written.append(path)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=ROOT.parent / "shared" / "seeds" / "000_fc3dcdb732654b5c.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages (repeatable)")
    parser.add_argument("--lang", action="append", choices=sorted(LANGS), help="only these languages")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-screenshots-") as folder:
        _isolate(Path(folder))
        sys.path.insert(0, str(ROOT))
        from werkzeug.serving import make_server

        from factcheck import create_app

        app = create_app({"RATELIMIT_ENABLED": False})
        with app.app_context():
            password, paths = _build_demo(args.seed.read_text(encoding="utf-8"))
        httpd = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            for path in _shoot(
                f"http://127.0.0.1:{httpd.server_port}",
                password,
                paths,
                args.page or PAGES,
                args.lang or sorted(LANGS),
                args.out,
            ):
                print(f"{path}  {path.stat().st_size // 1024} KB")
        finally:
            httpd.shutdown()


if __name__ == "__main__":
    main()
