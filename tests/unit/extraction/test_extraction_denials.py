"""Accusations become self-contained statements, and denials answering them are resolved and linked."""



def claims_of(result, kind=None):
    return [c for c in result.claims if kind is None or c.kind == kind]


def _pair(result):
    acc = claims_of(result, "accusation")
    den = claims_of(result, "denial")
    assert acc and den, [(c.kind, c.text) for c in result.claims]
    return acc[0], den[0], result.claims.index(acc[0]), result.claims.index(den[0])


def test_french_accusation_and_anaphoric_denial_are_linked(run):
    text = ("L’opposition accuse le ministre de l’Agriculture de préparer la vente des forêts domaniales, "
            "ce que le ministère dément.")
    acc, den, ai, di = _pair(run(text, lang="fr"))
    assert acc.claimant == "L’opposition"
    assert acc.target == "le ministre de l’Agriculture"
    assert acc.text == "Le ministre de l’Agriculture prépare la vente des forêts domaniales."
    assert den.claimant == "le ministère"
    assert den.text == "Le ministère dément préparer la vente des forêts domaniales."
    assert [(link.type, link.claim) for link in acc.links] == [("denied-by", di)]
    assert [(link.type, link.claim) for link in den.links] == [("denies", ai)]
    assert acc.span == den.span


def test_french_inverted_denial_and_past_infinitive(run):
    text = "Les syndicats accusent la direction d’avoir supprimé 200 postes en secret, ce que dément la direction."
    acc, den, _, _ = _pair(run(text, lang="fr"))
    assert acc.text == "La direction a supprimé 200 postes en secret."
    assert den.claimant == "la direction"
    assert den.text == "La direction dément avoir supprimé 200 postes en secret."
    assert [q.value for q in acc.quantities] == [200]


def test_english_accusation_which_denies(run):
    text = "Environmental groups accuse the mining company of polluting the river Tyne, which the company denies."
    acc, den, ai, di = _pair(run(text, lang="en"))
    assert acc.claimant == "Environmental groups"
    assert acc.target == "the mining company"
    assert acc.text == "The mining company is polluting the river Tyne."
    assert den.claimant == "the company"
    assert den.text == "The company denies polluting the river Tyne."
    assert acc.links[0].type == "denied-by" and acc.links[0].claim == di
    assert den.links[0].type == "denies" and den.links[0].claim == ai


def test_english_denial_in_next_sentence(run):
    text = ("Opposition leaders accused the health minister of hiding infection figures from Parliament. "
            "The minister denied the claims on Tuesday.")
    acc, den, ai, di = _pair(run(text, lang="en"))
    assert den.claimant == "The minister"
    assert "hiding infection figures" in den.text
    assert den.links[0].claim == ai


def test_french_denial_in_next_sentence(run):
    text = ("Plusieurs élus accusent le préfet de Corse d’avoir ignoré les alertes météo. "
            "Le préfet a démenti ces accusations.")
    acc, den, ai, _ = _pair(run(text, lang="fr"))
    assert den.claimant == "Le préfet"
    assert den.text == "Le préfet dément avoir ignoré les alertes météo."
    assert den.links[0].claim == ai


def test_self_standing_denial_is_linked_by_similarity(run):
    text = ("Le collectif accuse la mairie de Rennes de vendre le stade municipal à un promoteur. "
            "La mairie de Rennes dément vendre le stade municipal.")
    acc, den, ai, di = _pair(run(text, lang="fr"))
    assert den.claimant == "La mairie de Rennes"
    assert den.links and den.links[0].claim == ai


def test_accusation_without_denial(run):
    result = run("Greenpeace accuses Shell of misleading investors about its emissions.", lang="en")
    acc = claims_of(result, "accusation")[0]
    assert acc.target == "Shell" and acc.claimant == "Greenpeace" and not acc.links
    assert not claims_of(result, "denial")


def test_french_passive_accusation_with_agent_and_pronoun_denial(run):
    text = "La Russie est accusée par les États-Unis de préparer une invasion de l’Ukraine, ce qu’elle dément."
    acc, den, ai, di = _pair(run(text, lang="fr"))
    assert (acc.claimant, acc.target) == ("les États-Unis", "La Russie")
    assert acc.text == "La Russie prépare une invasion de l’Ukraine."
    assert den.claimant == "La Russie"  # "elle" is the accused
    assert den.text == "La Russie dément préparer une invasion de l’Ukraine."
    assert [(link.type, link.claim) for link in den.links] == [("denies", ai)]


def test_french_passive_accusation_without_agent_has_unknown_claimant(run):
    acc = claims_of(run("Le maire a été accusé d’avoir favorisé une entreprise locale.", lang="fr"), "accusation")[0]
    assert (acc.claimant, acc.target) == (None, "Le maire")
    assert acc.text == "Le maire a favorisé une entreprise locale."


def test_french_appositive_passive_accusation_stops_at_the_comma(run):
    text = "Le ministre, accusé par l’opposition d’avoir menti sur les chiffres, a démissionné."
    acc = claims_of(run(text, lang="fr"), "accusation")[0]
    assert (acc.claimant, acc.target) == ("l’opposition", "Le ministre")
    assert acc.text == "Le ministre a menti sur les chiffres."


def test_english_passive_accusations(run):
    text = ("The company was accused by regulators of hiding losses, which it denies. "
            "The minister has been accused of misleading parliament.")
    result = run(text, lang="en")
    first, second = claims_of(result, "accusation")
    assert (first.claimant, first.target, first.text) == ("regulators", "The company", "The company is hiding losses.")
    assert (second.claimant, second.target) == (None, "The minister")
    den = claims_of(result, "denial")[0]
    assert (den.claimant, den.text) == ("The company", "The company denies hiding losses.")


def test_pronoun_denial_in_next_sentence_is_the_accused(run):
    text = ("Des ONG accusent le groupe minier de polluer la rivière. "
            "Il a démenti ces accusations mardi.")
    _, den, ai, _ = _pair(run(text, lang="fr"))
    assert den.claimant == "le groupe minier"
    assert den.links[0].claim == ai


def test_english_denial_of_a_hyphenated_gerund_reads_naturally(run):
    text = "Critics accused the council of double-counting buses, which the mayor's office denies."
    _, den, _, _ = _pair(run(text, lang="en"))
    assert den.text == "The mayor's office denies double-counting buses."
