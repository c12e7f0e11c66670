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


def _speakers(sentences, lang, memory=None):
    """Speakers of each sentence's quotes, walking them in order as the pipeline does (paragraph: "\\n" prefix)."""
    from factcheck.extraction.nlp import TokenIndex, load_pipeline
    from factcheck.extraction.quotes import quotes_with_speakers

    nlp = load_pipeline(lang)
    out, paragraph = [], 0
    for i, sentence in enumerate(sentences):
        if sentence.startswith("\n"):
            paragraph, sentence = paragraph + 1, sentence[1:]
        nxt = sentences[i + 1].lstrip("\n") if i + 1 < len(sentences) else None
        quotes, _ = quotes_with_speakers(sentence, lang, TokenIndex(nlp(sentence)), nxt, memory, i, paragraph)
        out.append([(q.speaker, q.inner) for q in quotes])
    return out


def test_french_incise_after_the_quote_skips_adverbials_and_keeps_the_name():
    [[(speaker, inner)]] = _speakers(["« Nous avons perdu la moitié de nos adhérents en deux ans », a confié jeudi "
                                      "à l'AFP la présidente de l'association, Hélène Carvalho, jointe par téléphone."],
                                     "fr")
    assert speaker == "la présidente de l'association, Hélène Carvalho"
    assert inner == "Nous avons perdu la moitié de nos adhérents en deux ans"


def test_an_incise_inside_a_french_quotation_splits_it_and_names_the_speaker():
    [quotes] = _speakers(["« Les digues ont tenu cette fois. Mais elles ne tiendront pas dix ans, a prévenu "
                          "M. Le Floch, et personne ne veut l'entendre. »"], "fr")
    assert [s for s, _ in quotes] == ["M. Le Floch", "M. Le Floch"]
    assert quotes[0][1].endswith("dix ans") and quotes[1][1].startswith("et personne")


def test_english_incise_between_two_quotes():
    [quotes] = _speakers(['"The bridge is sound," the engineer said, "and it will reopen before the winter."'], "en")
    assert [s for s, _ in quotes] == ["the engineer", "the engineer"]


def test_unclosed_quotation_after_a_colon_runs_to_the_end_of_its_sentence():
    [[(speaker, inner)]] = _speakers(['Ramos told the inquiry: "We were never shown the plans. Not once, and we '
                                      'asked for them in writing.'], "en")
    assert speaker == "Ramos"
    assert inner.startswith("We were never shown") and inner.endswith("in writing.")


def test_unclosed_english_quotation_ends_at_its_incise():
    [[(speaker, inner)]] = _speakers(['"The harbour will be dredged by spring, said the port director, Ines Salgado, '
                                      'who took office in March.'], "en")
    assert speaker == "the port director, Ines Salgado"
    assert inner == "The harbour will be dredged by spring"


def test_closing_mark_without_opening_one():
    [[(speaker, inner)]] = _speakers(["The line will be electrified by 2029,” Okafor told the committee."], "en")
    assert (speaker, inner) == ("Okafor", "The line will be electrified by 2029")


def test_speaker_named_in_the_next_sentence():
    fr = _speakers(["« On ne nous écoute plus depuis des années. »",
                    "La phrase, lancée lors du conseil municipal par une habitante du quartier, Léa Martin, a été "
                    "applaudie."], "fr")
    assert fr[0] == [("une habitante du quartier, Léa Martin", "On ne nous écoute plus depuis des années.")]
    fr2 = _speakers(["« Ce pont est une honte pour la ville. »",
                     "C'est par ces mots que Paul Gauthier, élu d'opposition, a ouvert la séance."], "fr")
    assert fr2[0][0][0] == "Paul Gauthier"
    en = _speakers(['"We will rebuild every house on this street."',
                    "Those were the words of Maria Keane, the council leader, on Sunday."], "en")
    assert en[0][0][0] == "Maria Keane"
    en2 = _speakers(['"Nobody will be laid off this year."', "Hollis made the remark at a union meeting."], "en")
    assert en2[0][0][0] == "Hollis"


def test_pronoun_incise_resolves_to_the_last_named_person_of_that_gender():
    from factcheck.extraction.quotes import SpeakerMemory

    sentences = ["Mme Aline Roux, la maire, a reçu M. Bertrand Nogaret, le préfet, lundi matin.",
                 "« Nous ne fermerons aucune école cette année », a-t-elle assuré.",
                 "« L'État financera la moitié des travaux », a-t-il répondu."]
    speakers = _speakers(sentences, "fr", SpeakerMemory())
    assert speakers[1][0][0] == "Mme Aline Roux"
    assert speakers[2][0][0] == "M. Bertrand Nogaret"


def test_quotes_with_no_speaker_take_the_nearest_attributed_quote_and_its_continuation():
    from factcheck.extraction.quotes import SpeakerMemory

    sentences = ['"The hospital was warned three times," Connolly said. "Three times, and they did nothing.',
                 '\n"I want the board to answer for it."',
                 "\nThe trust has 4,000 staff.",
                 "\nThe board meets on Friday.",
                 '\n"Every ward is short of nurses."']
    speakers = _speakers(sentences, "en", SpeakerMemory())
    assert [s for s, _ in speakers[0]] == ["Connolly", "Connolly"]
    assert speakers[1][0][0] == "Connolly"  # the quotation continues over the paragraph break
    assert speakers[4][0][0] is None  # two paragraphs on, nothing is carried


def test_quote_speakers_in_articles(run):
    text = ("La ministre des Sports, Claire Dubosc, a visité le stade mardi.\n\n"
            "« Les travaux seront terminés avant les Jeux, et le budget sera tenu », a-t-elle promis. "
            "« Personne ne paiera un euro de plus. » Le maire, présent, s'est dit rassuré.")
    quotes = claims_of(run(text, lang="fr"), "quote")
    assert quotes and all("Dubosc" in (q.claimant or "") for q in quotes)


def test_a_colon_lead_in_names_the_speaker_whatever_its_verb():
    [[(speaker, _)]] = _speakers(["Interrogée mardi, Mme Keller a balayé ces chiffres : « Nos comptes sont publics "
                                  "et certifiés chaque année. »"], "fr")
    assert speaker == "Mme Keller"
    [[(speaker, _)]] = _speakers(["Le recteur de l'académie : « Aucune classe ne fermera à la rentrée. »"], "fr")
    assert speaker == "Le recteur de l'académie"


def test_a_pronoun_subject_points_back_past_the_people_named_after_it():
    from factcheck.extraction.quotes import SpeakerMemory

    memory = SpeakerMemory()
    _speakers(["Le trésorier du club, Marc Olivier, a reconnu des retards de paiement.",
               "Il affirme avoir été tenu à l'écart par le directeur sportif, Paul Ney, qu'il accuse de tout "
               "décider seul."], "fr", memory)
    assert memory.resolve("il", 1) == "Le trésorier du club, Marc Olivier"  # not Paul Ney, named after "Il"
    assert memory.resolve("il", 1, position=10_000) == "Paul Ney"  # a pronoun at the end of the sentence


def test_a_reported_pronoun_is_resolved_to_the_person_named_before_it():
    from factcheck.extraction.nlp import TokenIndex, load_pipeline
    from factcheck.extraction.quotes import SpeakerMemory, quotes_with_speakers

    nlp = load_pipeline("fr")
    memory = SpeakerMemory()
    sentences = ["La juge d'instruction, Claire Vasseur, a entendu mardi les deux suspects.",
                 "Selon elle, la réforme du code pénal ne change rien au dossier."]
    reported = None
    for i, sentence in enumerate(sentences):
        _, reported = quotes_with_speakers(sentence, "fr", TokenIndex(nlp(sentence)), None, memory, i, 0)
    assert reported.claimant == "La juge d'instruction, Claire Vasseur"  # not "la réforme", named after "elle"


def test_a_name_inside_quotation_marks_never_speaks_and_she_is_the_subject_before(run):
    text = ("President Carla Ventura met the family on Tuesday. She described the boy as “a true sweetheart,” and his "
            "mother a “Queen Esther.” She wrote that the family “is very special. They have a lot of love.”")
    quote = next(c for c in run(text, lang="en").claims if c.kind == "quote")
    assert quote.claimant == "President Carla Ventura"
