"""Flask extensions, created unbound so the app factory can bind them (imports nothing of ours)."""
from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase

# Every column of a constraint is in its name (``column_0_N``), so two constraints on the same leading column never
# share a name and a violation names exactly what it protects (``services.core.integrity`` maps names to messages).
# A CHECK is named after the column it guards: ``one_of("status", …)`` on claims is ``ck_claims_status``.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so Alembic names constraints the same on every database."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# The models' base class. db.Model is built at run time as a subclass of Base (plus Flask-SQLAlchemy's `query`,
# which nothing here uses); type checkers cannot take an attribute of an instance as a base class, so they see Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[], in_memory_fallback_enabled=True)


def use_sqlite_wal(engine: Engine) -> None:
    """Write-ahead log for the embedded SQLite default: web and worker processes read while one writes, and a
    commit costs no full fsync (synchronous=NORMAL keeps the database consistent after a crash)."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
