"""``flask extract``, ``flask checkworthiness``, ``flask load-demo`` and ``flask reextract``.

The first two follow shared/contracts/extraction.md: other tools read their output, so extend it, never break it.
"""
from __future__ import annotations

import json
import sys
from datetime import date

import click
from flask import Flask
from sqlalchemy import select

LANG_CHOICES = click.Choice(["auto", "fr", "en"])


def _read(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
        return data.decode("utf-8-sig")
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path} is not UTF-8 text") from None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from None


def register_extraction_commands(app: Flask) -> None:
    @app.cli.command("extract")
    @click.argument("path")
    @click.option("--lang", type=LANG_CHOICES, default="auto")
    @click.option("--date", "article_date", default=None, help="Article date, YYYY-MM-DD.")
    def extract_command(path, lang, article_date):
        """Print the claims of one article as JSON (writes nothing to the database)."""
        from factcheck import extraction

        text = _read(path)
        try:
            result = extraction.extract(text, lang=None if lang == "auto" else lang,
                                        article_date=_parse_date(article_date))
        except extraction.ExtractionError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(json.dumps(extraction.to_contract(result), ensure_ascii=False, indent=1))

    @app.cli.command("checkworthiness")
    @click.argument("path")
    @click.option("--lang", type=click.Choice(["auto", "fr", "en", "es", "nl"]), default="auto")
    def checkworthiness_command(path, lang):
        """Score one sentence per line: SCORE<TAB>Yes|No, in input order."""
        from factcheck.extraction.checkworthiness import score_sentences, threshold

        lines = _read(path).splitlines()
        cut = threshold()
        for score in score_sentences(lines, None if lang == "auto" else lang):
            click.echo(f"{score:.4f}\t{'Yes' if score >= cut else 'No'}")

    @app.cli.command("load-demo")
    @click.argument("path")
    @click.option("--admin-email", default="admin@factcheck.local")
    def load_demo(path, admin_email):
        """Load the demo article, extract it now and publish one example verdict (idempotent)."""
        from factcheck.services.admin import demo

        article_id, claims = demo.load_article(_read(path), admin_email=admin_email)
        click.echo(f"demo article #{article_id}: {claims} claims in the Desk queue")

    @app.cli.command("reextract")
    @click.option("--article-id", type=int, default=None, help="Only this article (default: all).")
    def reextract(article_id):
        """Run the current pipeline again over stored articles, keeping every claim reviewers worked on."""
        from factcheck.extensions import db
        from factcheck.models import Article
        from factcheck.services.articles import extraction

        stmt = select(Article.id).where(Article.raw_text != "")
        if article_id:
            stmt = stmt.where(Article.id == article_id)
        ids = list(db.session.scalars(stmt))
        done = sum(extraction.extract_article(i) for i in ids)
        click.echo(f"re-extracted {done}/{len(ids)} articles")
