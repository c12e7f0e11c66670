"""Command-line tools: ``flask create-user``, ``flask invite``, ``flask seed-demo`` and friends."""
from __future__ import annotations

import secrets
import sys

import click
from flask import Flask, current_app, url_for

from factcheck.extensions import db
from factcheck.permissions import ROLES
from factcheck.services.accounts import accounts
from factcheck.services.core.errors import ServiceError
from factcheck.services.core.guards import SYSTEM
from factcheck.services.verdicts import scales


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def register_commands(app: Flask) -> None:
    from factcheck.cli_extraction import register_extraction_commands

    register_extraction_commands(app)

    @app.cli.command("create-user")
    @click.option("--email", required=True)
    @click.option("--name", "display_name", default="")
    @click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), required=True)
    @click.option("--password", default=None, help="Omit to generate one and print it.")
    def create_user(email, display_name, roles, password):
        """Create an active account, e.g. flask create-user --email a@b.org --role admin."""
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        try:
            scales.ensure_default_scale()
            user = accounts.create_user(SYSTEM, email=email, display_name=display_name, password=password,
                                        roles=roles)
        except ServiceError as exc:
            _fail(str(exc))
        click.echo(f"created {user.email} with roles {', '.join(sorted(user.roles))}")
        if generated:
            click.echo(f"password: {password}")

    @app.cli.command("invite")
    @click.option("--email", required=True)
    @click.option("--name", "display_name", default="")
    @click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), required=True)
    def invite(email, display_name, roles):
        """Print a one-time link with which a new colleague sets a password."""
        try:
            issued = accounts.invite(SYSTEM, email=email, display_name=display_name, roles=roles,
                                     ttl=current_app.config["INVITATION_TTL"])
        except ServiceError as exc:
            _fail(str(exc))
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
            click.echo(url_for("auth.accept_invitation", token=issued.token, _external=True))
        click.echo(f"valid until {issued.expires_at:%Y-%m-%d %H:%M} UTC", err=True)

    @app.cli.command("seed-demo")
    @click.option("--admin-email", default="admin@factcheck.local")
    def seed_demo(admin_email):
        """Create the default rating scale and a demo admin (password printed once)."""
        from factcheck.services.admin import demo

        password = demo.seed(admin_email=admin_email)
        if password:
            click.echo(f"demo admin: {admin_email}  password: {password}")
        else:
            click.echo(f"demo admin {admin_email} already exists (password unchanged)")
        db.session.remove()
