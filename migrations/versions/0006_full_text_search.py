"""full-text search: a tsvector per claim, article and verdict (PostgreSQL), FTS5 tables (SQLite)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 13:45:00

PostgreSQL: two text search configurations, ``factcheck_fr`` and ``factcheck_en``, copies of ``french`` and
``english`` whose words pass through ``unaccent`` before stemming, so « armée » and "ARMEE" are one lexeme. Claims
(text, claimant, sentence) and articles (title, the first 100 000 characters of the body: a tsvector holds at most
1 MB) get a generated ``search_vector`` in the row's language; verdicts (summary, their claim's text, explanation)
get one kept by a trigger, because the language and the claim text live in ``claims``. Each has a GIN index.
The ``unaccent`` extension is created if missing and left in place by the downgrade: other schemas may use it.

SQLite: FTS5 tables with the ``unicode61 remove_diacritics 2`` tokenizer, kept in sync by triggers. Claims and
articles are external-content tables (the text is not stored twice); ``verdicts_fts`` holds its own copy because it
also indexes the claim's text. A later SQLite batch migration that rebuilds ``claims``, ``articles`` or ``verdicts``
drops their triggers and must create them again (tests/unit/test_search.py finds a new row only while they exist).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_CONFIG_FUNCTION = """
CREATE FUNCTION factcheck_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN left(lower(coalesce(language, '')), 2) = 'fr'
              THEN 'factcheck_fr'::regconfig ELSE 'factcheck_en'::regconfig END
$$
"""

_CLAIM_VECTOR = """
setweight(to_tsvector(factcheck_search_config(language), coalesce(text, '')), 'A')
|| setweight(to_tsvector(factcheck_search_config(language), coalesce(claimant, '')), 'B')
|| setweight(to_tsvector(factcheck_search_config(language), coalesce(sentence, '')), 'C')
"""

_ARTICLE_VECTOR = """
setweight(to_tsvector(factcheck_search_config(language), coalesce(title, '')), 'A')
|| setweight(to_tsvector(factcheck_search_config(language), left(coalesce(raw_text, ''), 100000)), 'D')
"""

_VERDICT_TRIGGERS = """
CREATE FUNCTION factcheck_verdict_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  claim_text text;
  config regconfig;
BEGIN
  SELECT c.text, factcheck_search_config(c.language) INTO claim_text, config FROM claims c WHERE c.id = NEW.claim_id;
  config := coalesce(config, factcheck_search_config(NULL));
  NEW.search_vector := setweight(to_tsvector(config, coalesce(NEW.summary, '')), 'A')
    || setweight(to_tsvector(config, coalesce(claim_text, '')), 'B')
    || setweight(to_tsvector(config, coalesce(NEW.explanation_md, '')), 'C');
  RETURN NEW;
END
$$;
CREATE TRIGGER verdicts_search_vector BEFORE INSERT OR UPDATE OF summary, explanation_md, claim_id ON verdicts
  FOR EACH ROW EXECUTE FUNCTION factcheck_verdict_search_vector();
CREATE FUNCTION factcheck_claim_verdict_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE verdicts SET summary = summary WHERE claim_id = NEW.id;  -- runs the verdict's trigger again
  RETURN NULL;
END
$$;
CREATE TRIGGER claims_verdict_search_vector AFTER UPDATE OF text, language ON claims
  FOR EACH ROW EXECUTE FUNCTION factcheck_claim_verdict_search_vector();
"""


def _upgrade_postgresql():
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, source in (("factcheck_fr", "french"), ("factcheck_en", "english")):
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{source})")
        op.execute(f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
                   f"WITH unaccent, {source}_stem")
    op.execute(_CONFIG_FUNCTION)
    op.execute(f"ALTER TABLE claims ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({_CLAIM_VECTOR}) STORED")
    op.execute(f"ALTER TABLE articles ADD COLUMN search_vector tsvector "
               f"GENERATED ALWAYS AS ({_ARTICLE_VECTOR}) STORED")
    op.execute("ALTER TABLE verdicts ADD COLUMN search_vector tsvector")
    op.execute(_VERDICT_TRIGGERS)
    op.execute("UPDATE verdicts SET summary = summary")
    for table in ("claims", "articles", "verdicts"):
        op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)")


def _downgrade_postgresql():
    op.execute("DROP TRIGGER claims_verdict_search_vector ON claims")
    op.execute("DROP TRIGGER verdicts_search_vector ON verdicts")
    op.execute("DROP FUNCTION factcheck_claim_verdict_search_vector()")
    op.execute("DROP FUNCTION factcheck_verdict_search_vector()")
    for table in ("claims", "articles", "verdicts"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")  # drops its index too
    op.execute("DROP FUNCTION factcheck_search_config(text)")
    op.execute("DROP TEXT SEARCH CONFIGURATION factcheck_fr")
    op.execute("DROP TEXT SEARCH CONFIGURATION factcheck_en")


_TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"

# (FTS table, content table, indexed columns): the external-content tables.
_EXTERNAL = (
    ("claims_fts", "claims", ("text", "claimant", "sentence")),
    ("articles_fts", "articles", ("title", "raw_text")),
)

_VERDICT_ROW = ("SELECT new.id, new.summary, c.text, new.explanation_md FROM claims c WHERE c.id = new.claim_id")


def _upgrade_sqlite():
    for fts, table, columns in _EXTERNAL:
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
                   f"{_TOKENIZER})")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {delete} {insert} END")
    op.execute(f"CREATE VIRTUAL TABLE verdicts_fts USING fts5(summary, claim, explanation, {_TOKENIZER})")
    op.execute("INSERT INTO verdicts_fts(rowid, summary, claim, explanation) "
               "SELECT v.id, v.summary, c.text, v.explanation_md FROM verdicts v JOIN claims c ON c.id = v.claim_id")
    insert = f"INSERT INTO verdicts_fts(rowid, summary, claim, explanation) {_VERDICT_ROW};"
    op.execute(f"CREATE TRIGGER verdicts_fts_insert AFTER INSERT ON verdicts BEGIN {insert} END")
    op.execute("CREATE TRIGGER verdicts_fts_delete AFTER DELETE ON verdicts "
               "BEGIN DELETE FROM verdicts_fts WHERE rowid = old.id; END")
    op.execute("CREATE TRIGGER verdicts_fts_update AFTER UPDATE OF summary, explanation_md, claim_id ON verdicts "
               f"BEGIN DELETE FROM verdicts_fts WHERE rowid = old.id; {insert} END")
    op.execute("CREATE TRIGGER verdicts_fts_claim AFTER UPDATE OF text ON claims BEGIN "
               "UPDATE verdicts_fts SET claim = new.text "
               "WHERE rowid IN (SELECT id FROM verdicts WHERE claim_id = new.id); END")


def _downgrade_sqlite():
    for trigger in ("verdicts_fts_claim", "verdicts_fts_update", "verdicts_fts_delete", "verdicts_fts_insert"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE verdicts_fts")
    for fts, _table, _columns in _EXTERNAL:
        for event in ("update", "delete", "insert"):
            op.execute(f"DROP TRIGGER {fts}_{event}")
        op.execute(f"DROP TABLE {fts}")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _downgrade_postgresql()
    else:
        _downgrade_sqlite()
