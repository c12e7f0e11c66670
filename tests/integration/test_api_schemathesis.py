"""schemathesis against a live server: every v1 operation, generated from /api/v1/openapi.json, with a token.

The server is werkzeug in a thread on 127.0.0.1 (a free port), serving an app over this test's database, which
holds one of everything the API reads. schemathesis runs as its CLI with a fixed seed and a bounded number of
examples per operation (about a minute); the checks are: no 5xx, every status, content type and body as the
document says. The run's summary is printed (``pytest -s``) and its failures are the assertion message.
"""
import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from factcheck.extensions import db
from factcheck.services.accounts import api_tokens
from tests import factories

MAX_EXAMPLES = 10
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def _one_of_everything():
    editor = factories.make_user(roles=["editor"])
    queue = factories.make_queue(members=[(editor, "editor")])
    claim = factories.make_claim(queue=queue, status="in_review", assignee=editor)
    factories.make_link(source=factories.make_claim(article=claim.article, kind="denial", queue=queue), target=claim)
    factories.make_claim(queue=queue)
    factories.make_evidence(claim=claim)
    factories.make_verdict(claim=claim, author=editor)
    published = factories.make_verdict(claim=factories.make_claim(status="published"), status="published")
    published.public_slug, published.published_at = "schemathesis", published.created_at
    db.session.commit()
    return api_tokens.issue(editor, name="schemathesis").secret


@pytest.fixture()
def live_server(app, make_app):
    # Submitted articles wait in the embedded broker: extraction is not what is under test, and it is slow.
    served = make_app(SERVER_NAME=None, CELERY_ALWAYS_EAGER=False)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would drown the summary
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.mark.timeout(300)
def test_schemathesis_finds_no_server_error_and_no_response_off_the_schema(live_server, tmp_path):
    secret = _one_of_everything()
    cli = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert cli, "schemathesis is in requirements-dev.txt"
    run = subprocess.run(
        [cli, "run", f"{live_server}/api/v1/openapi.json", "--header", f"Authorization: Bearer {secret}",
         "--checks", CHECKS, "--max-examples", str(MAX_EXAMPLES), "--seed", "20261202", "--workers", "1",
         "--phases", "examples,coverage,fuzzing", "--request-timeout", "30", "--no-color",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=280, cwd=tmp_path)
    print(run.stdout[-4000:])
    assert run.returncode == 0, run.stdout[-15000:] + run.stderr[-3000:]
