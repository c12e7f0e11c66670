"""Sentence segmentation keeps exact spans and does not cut inside quotations or after abbreviations."""

import pytest

from factcheck.extraction.segmentation import segment


def test_spans_are_verbatim_with_odd_whitespace():
    text = "  Le conseil a voté hier.\u00a0La mesure entre en vigueur lundi !\n\n\tUn second paragraphe suit ici.  "
    seg = segment(text)
    assert [s.text for s in seg.sentences] == [
        "Le conseil a voté hier.",
        "La mesure entre en vigueur lundi !",
        "Un second paragraphe suit ici.",
    ]
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text
    assert [s.paragraph for s in seg.sentences] == [0, 0, 1]


def test_quotation_with_inner_sentences_stays_whole():
    text = "«Nous partirons demain. Rien ne changera […] Tout est prêt», a affirmé la ministre. Fin du débat."
    sentences = [s.text for s in segment(text).sentences]
    assert sentences[0].startswith("«Nous partirons demain. Rien")
    assert sentences[0].endswith("a affirmé la ministre.")
    assert sentences[1] == "Fin du débat."


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "M. Dupont a rencontré J. Smith aux U.S. hier. Mr. Brown arrived at 5 p.m. on Monday."
    sentences = [s.text for s in segment(text).sentences]
    assert sentences == ["M. Dupont a rencontré J. Smith aux U.S. hier.", "Mr. Brown arrived at 5 p.m. on Monday."]


def test_date_header_is_skipped_and_returned():
    text = " date 2021-06 Le port a rouvert ses quais. Les navires reviennent."
    seg = segment(text)
    assert seg.header_date == (2021, 6, None)
    assert seg.sentences[0].text == "Le port a rouvert ses quais."
    assert text[seg.sentences[0].start:seg.sentences[0].end] == seg.sentences[0].text


def test_over_long_sentence_is_cut_for_the_parser():
    text = ("mot " * 2000).strip()
    seg = segment(text)
    assert len(seg.sentences) > 1
    assert all(len(s.text) <= 1500 for s in seg.sentences)
    assert all(text[s.start:s.end] == s.text for s in seg.sentences)


def _texts(text):
    sentences = segment(text).sentences
    assert all(text[s.start:s.end] == s.text for s in sentences)
    return [s.text for s in sentences]


def test_a_closing_mark_after_the_stop_ends_the_sentence():
    text = "« Le pont restera fermé tout l’hiver. » Ensuite, le préfet a quitté la salle. “It is done.” Then he left."
    assert _texts(text) == ["« Le pont restera fermé tout l’hiver. »", "Ensuite, le préfet a quitté la salle.",
                            "“It is done.”", "Then he left."]
    nbsp = "«\u00a0Nous fermerons le site.\u00a0» Le maire a répondu aussitôt."
    assert _texts(nbsp) == ["«\u00a0Nous fermerons le site.\u00a0»", "Le maire a répondu aussitôt."]


def test_an_unclosed_quotation_keeps_the_rest_of_its_paragraph_whole():
    text = ('Garner said: "We warned them. We warned them twice, and nobody came.\n\n'
            "The agency did not reply. Its offices were shut.")
    assert _texts(text) == ['Garner said: "We warned them. We warned them twice, and nobody came.',
                            "The agency did not reply.", "Its offices were shut."]


def test_a_closing_mark_with_no_opening_one_starts_the_quotation_at_the_paragraph():
    text = "The dam is safe. It was inspected in May,” Ortega told the board. The board adjourned."
    assert _texts(text) == ["The dam is safe. It was inspected in May,” Ortega told the board.", "The board adjourned."]


def test_a_french_quotation_over_two_paragraphs_is_cut_at_the_paragraph():
    text = ("« Nous ne céderons pas, a-t-elle lancé devant les grilles. Le site vivra.\n\n"
            "« Et nous reviendrons lundi », a conclu la syndicaliste.")
    seg = segment(text).sentences
    assert [s.text for s in seg] == ["« Nous ne céderons pas, a-t-elle lancé devant les grilles. Le site vivra.",
                                     "« Et nous reviendrons lundi », a conclu la syndicaliste."]
    assert [s.paragraph for s in seg] == [0, 1]


def test_a_colon_at_the_end_of_a_line_keeps_the_quotation_with_its_speaker():
    text = "Le directeur du port a déclaré :\n« Les quais rouvriront en mars. »\nLa séance a été levée."
    assert _texts(text) == ["Le directeur du port a déclaré :\n« Les quais rouvriront en mars. »",
                            "La séance a été levée."]


def test_abbreviations_never_end_a_sentence():
    text = ("Sgt. Ana Ruiz met U.N. envoys on Feb. 3 and again on Oct. 9 in Geneva. "
            "M. Girard et Mme Okafor ont signé le 4 févr. à Lille. Gen. Hale agreed.")
    assert _texts(text) == ["Sgt. Ana Ruiz met U.N. envoys on Feb. 3 and again on Oct. 9 in Geneva.",
                            "M. Girard et Mme Okafor ont signé le 4 févr. à Lille.", "Gen. Hale agreed."]


def test_scraped_page_furniture_is_skipped():
    text = ("Le conseil a voté le budget.\n\nPartager sur Facebook\nPartager sur X\n\n"
            "À lire aussi\nNantes : le tramway prolongé jusqu'à Rezé\nBudget : ce qui change en 2026\n\n"
            "window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\n\n"
            "Related: Port strike enters second week\nRelated: Ferry fares to rise\n\n"
            "Sign up for our morning briefing\n\nShare this article\n\nAdvertisement\n\n"
            "L'opposition a voté contre. Share prices rose on Monday.")
    assert _texts(text) == ["Le conseil a voté le budget.", "L'opposition a voté contre.",
                            "Share prices rose on Monday."]


def test_hostile_marks_keep_spans_exact():
    for text in ["«" * 5000, "»" * 5000, '"a' * 3000, "“»”«" * 2000, "Related:\n" * 2000, "x = y.z(1);\n" * 2000]:
        sentences = segment(text).sentences
        assert all(text[s.start:s.end] == s.text for s in sentences)
        assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


@pytest.mark.parametrize("text", [
    "LONDON (Reuters) - The regulator fined the bank £40 million.",
    "WASHINGTON, March 3 (Reuters) - The regulator fined the bank £40 million.",
    "SAINT-DENIS (AFP) — The regulator fined the bank £40 million.",
    "BUENOS AIRES, Argentina (JTA) — The regulator fined the bank £40 million.",
])
def test_a_dateline_is_not_part_of_the_first_sentence(text):
    assert [s.text for s in segment(text).sentences] == ["The regulator fined the bank £40 million."]


def test_a_space_lost_after_a_full_stop_still_ends_the_sentence():
    text = ("The arena is run by Quebecor Media, owner of Sun News Network.The league has denied any plans. "
            "Il a dit non.Le maire a démenti.")
    assert _texts(text) == ["The arena is run by Quebecor Media, owner of Sun News Network.",
                            "The league has denied any plans.", "Il a dit non.", "Le maire a démenti."]


def test_editorial_labels_and_calls_to_readers_are_not_sentences():
    text = ("**Update added (see below)**\n\nThe council voted the budget.\n\nUPDATE:\n\nThe mayor resigned.\n\n"
            "Mise à jour :\n\nLe préfet a confirmé.\n\nHave something to add to this story? Share it in the comments.")
    assert _texts(text) == ["The council voted the budget.", "The mayor resigned.", "Le préfet a confirmé."]
