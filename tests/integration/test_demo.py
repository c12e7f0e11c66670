"""The demo data ``make run`` loads: a routed queue with the seed article's claims and a published verdict."""
import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Claim, Queue, Verdict
from factcheck.services.admin import demo
from tests.conftest import SHARED

SEED = SHARED / "seeds" / "000_fc3dcdb732654b5c.txt"


@pytest.fixture()
def seed_text():
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_demo_loads_the_seed_into_the_desk_queue_and_publishes_an_example(app, seed_text):
    password = demo.seed(admin_email="admin@factcheck.local")
    assert password and demo.seed(admin_email="admin@factcheck.local") is None
    article_id, count = demo.load_article(seed_text, admin_email="admin@factcheck.local")
    assert count >= 8
    desk = db.session.scalar(select(Queue).where(Queue.name == demo.DEMO_QUEUE))
    in_queue = db.session.scalar(select(func.count(Claim.id)).where(Claim.queue_id == desk.id))
    assert in_queue == count
    verdict = db.session.scalar(select(Verdict))
    assert verdict.status == "published" and verdict.public_slug and verdict.claim.status == "published"
    again = demo.load_article(seed_text, admin_email="admin@factcheck.local")
    assert again == (article_id, count)
    assert db.session.scalar(select(func.count(Verdict.id))) == 1
