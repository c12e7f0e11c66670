"""The queue page's weight per claim: a dense row adds at most 2 KB of HTML, and no form or CSRF token of its
own (the actions are in a menu loaded when opened, the keyboard posts through the page's one action form)."""

from __future__ import annotations

from tests import factories

TEXT = (
    "Le gouvernement a supprimé {n} postes d’enseignants dans les écoles primaires depuis le début du "
    "quinquennat, alors que les effectifs d’élèves n’ont cessé d’augmenter selon l’opposition."
)


def _add_claims(queue, count: int, start: int) -> None:
    """``count`` claims like a desk's: statements, and an accusation with the denial that answers it."""
    for n in range(start, start + count - 2):
        factories.make_claim(
            queue=queue,
            text=TEXT.format(n=n),
            claimant="la députée Marie Durand",
            checkworthiness=0.5 + n / 1000,
            priority=n % 3,
        )
    accusation = factories.make_claim(
        queue=queue, kind="accusation", text=TEXT.format(n=start), claimant="l’opposition", checkworthiness=0.9
    )
    denial = factories.make_claim(
        queue=queue,
        kind="denial",
        text="Le ministère dément ces chiffres.",
        claimant="le ministère de l’Éducation nationale",
        checkworthiness=0.4,
    )
    factories.make_link(source=denial, target=accusation, type="denies")


def test_each_row_adds_at_most_2_kb_and_no_form(client, login_as):
    editor = login_as("editor")  # editors are offered every action on every row
    queue = factories.make_queue(name="Éducation", members=[(editor, "editor")])
    url = f"/queues/{queue.id}?kind=statement&kind=accusation&kind=denial&sort=newest"
    n = 10
    _add_claims(queue, n, 0)
    small = client.get(url).get_data(as_text=True)
    _add_claims(queue, n, 100)
    large = client.get(url).get_data(as_text=True)

    assert large.count('class="claim-row') == 2 * n and small.count('class="claim-row') == n
    per_row = (len(large.encode()) - len(small.encode())) / n
    assert per_row <= 2048, f"{per_row:.0f} bytes of HTML per claim"
    assert large.count("<form") == small.count("<form")
    assert large.count('name="csrf_token"') == small.count('name="csrf_token"')


def test_the_keyboard_messages_come_in_the_readers_language(client, login_as):
    editor = login_as("editor")
    queue = factories.make_queue(name="Santé", members=[(editor, "editor")])
    french = client.get(f"/queues/{queue.id}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'data-say-select="Choisissez d’abord une affirmation avec j ou k."' in french
    assert "l’affirmation n° {id}." in french and "L’action a échoué ({status})." in french
    english = client.get(f"/queues/{queue.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'data-say-select="Select a claim first with j or k."' in english
