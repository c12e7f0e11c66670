"""Sentence segmentation keeps exact spans and does not cut inside quotations or after abbreviations."""

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
