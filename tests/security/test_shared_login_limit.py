"""Probe failure 11: without Redis, the login rate limit is shared by every web process of the host, so a second
process does not double the attempts (issue 13)."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# One web process: its own app built by the factory from the environment (the embedded default), a few login
# attempts, the status codes printed as JSON.
WEB_PROCESS = """
import json, sys
from factcheck import create_app
app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True,
                  "LOGIN_RATE_LIMIT": "3 per minute", "SERVER_NAME": "factcheck.test"})
client = app.test_client()
print(json.dumps([client.post("/auth/login", data={"email": "target@example.org", "password": "guess %d" % i})
                  .status_code for i in range(int(sys.argv[1]))]))
"""


def _attempts(instance, count: int) -> list[int]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env["FACTCHECK_INSTANCE_PATH"] = str(instance)
    done = subprocess.run([sys.executable, "-c", WEB_PROCESS, str(count)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_web_processes_share_the_login_limit(app, tmp_path):
    assert _attempts(tmp_path, 2) == [401, 401]
    assert _attempts(tmp_path, 2) == [401, 429]  # the other process counts the first one's attempts


def test_the_file_storage_counts_across_instances_and_windows(tmp_path):
    from limits.storage import storage_from_string

    from factcheck.web import rate_limit_storage  # registers the scheme

    uri = f"{rate_limit_storage.SCHEME}://{tmp_path / 'limits.sqlite'}"
    one, two = storage_from_string(uri), storage_from_string(uri)
    assert (one.incr("k", 1), two.incr("k", 1), one.get("k"), two.get("other")) == (1, 2, 2, 0)
    assert two.get_expiry("k") > time.time()
    time.sleep(1.1)
    assert (one.get("k"), two.incr("k", 60)) == (0, 1)  # an expired window starts again
    two.clear("k")
    assert one.get("k") == 0 and one.check()
    one.incr("a", 60)
    assert two.reset() == 1 and one.get("a") == 0



HAMMER = """
import sys
from limits.storage import storage_from_string
from factcheck.web import rate_limit_storage
storage = storage_from_string(sys.argv[1])
for _ in range(int(sys.argv[2])):
    storage.incr("login:target@example.org", 60)
"""


def test_concurrent_processes_lose_no_attempt(tmp_path):
    from factcheck.web import rate_limit_storage

    uri = f"{rate_limit_storage.SCHEME}://{tmp_path / 'limits.sqlite'}"
    storage = rate_limit_storage.SQLiteFileStorage(uri)
    workers = [subprocess.Popen([sys.executable, "-c", HAMMER, uri, "200"], cwd=ROOT) for _ in range(3)]
    assert [w.wait(timeout=120) for w in workers] == [0, 0, 0]
    assert storage.get("login:target@example.org") == 600
