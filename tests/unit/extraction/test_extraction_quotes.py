"""Direct quotations get attribution "direct_quote" and their speaker, wherever the text names them."""



def claims_of(result, kind=None):
    return [c for c in result.claims if kind is None or c.kind == kind]


def _quote(result):
    quotes = claims_of(result, "quote")
    assert quotes, [c.text for c in result.claims]
    return quotes[0]


def test_french_speaker_in_incise_after_quote(run):
    text = "«Les réserves d’eau tiendront jusqu’à l’automne sans restriction», a assuré mardi la préfète de la Drôme."
    q = _quote(run(text, lang="fr"))
    assert q.attribution == "direct_quote"
    assert q.claimant == "la préfète de la Drôme"
    assert q.text == "Les réserves d’eau tiendront jusqu’à l’automne sans restriction"


def test_french_speaker_before_quote(run):
    text = "Le directeur de l’hôpital de Nantes a déclaré : «Nous avons fermé deux services faute de personnel.»"
    q = _quote(run(text, lang="fr"))
    assert q.claimant == "Le directeur de l’hôpital de Nantes"


def test_french_speaker_in_next_sentence_which_yields_no_claim(run):
    text = ("«Cette réforme ne créera aucun emploi dans nos régions». "
            "Propos tenus par Marie Leblanc à la presse locale.")
    result = run(text, lang="fr")
    q = _quote(result)
    assert q.claimant == "Marie Leblanc"
    assert all("Propos tenus" not in c.sentence for c in result.claims)


def test_english_speaker_after_and_before_quote(run):
    after = '"We will not raise taxes on working families," said the finance minister.'
    assert _quote(run(after, lang="en")).claimant == "the finance minister"
    after2 = "“The factory will close in June and 400 jobs will go,” the union leader said."
    assert _quote(run(after2, lang="en")).claimant == "the union leader"
    before = 'The governor told reporters: "The state has enough vaccine for every resident."'
    assert _quote(run(before, lang="en")).claimant == "The governor"


def test_english_speaker_in_next_sentence(run):
    text = '"Nobody in this city will lose their water supply this summer." The remarks were made by Mayor Jane Ortiz.'
    assert _quote(run(text, lang="en")).claimant == "Mayor Jane Ortiz"


def test_pronoun_speaker_resolved_from_context(run):
    text = ("Le ministre de la Santé a présenté son plan mardi à Paris. "
            "«Nous ouvrirons dix nouveaux centres de soins avant l’été», a-t-il promis.")
    q = _quote(run(text, lang="fr"))
    assert q.claimant == "Le ministre de la Santé"


def test_short_scare_quotes_are_not_claims(run):
    result = run("Le parti dénonce une «mascarade» au Sénat depuis lundi.", lang="fr")
    assert not claims_of(result, "quote")


def test_a_short_quote_with_only_its_attribution_is_one_claim(run):
    text = '"Every ward is open," the health minister told reporters.'
    result = run(text, lang="en")
    assert [c.kind for c in result.claims] == ["quote"]
    assert result.claims[0].claimant == "the health minister"


def test_a_quote_inside_a_sentence_with_more_to_check_keeps_both(run):
    text = ('The health minister, who promised in March that 4,000 nurses would be hired by the summer, '
            'said "every ward is open".')
    kinds = sorted(c.kind for c in run(text, lang="en").claims)
    assert "quote" in kinds and len(kinds) == 2


def test_a_long_attribution_frame_adds_no_second_claim(run):
    text = ("« Nous avons tiré les leçons des dernières épidémies », a déclaré le ministre lors d’une conférence "
            "de presse à Lyon.")
    result = run(text, lang="fr")
    assert [(c.kind, c.claimant) for c in result.claims] == [("quote", "le ministre")]
