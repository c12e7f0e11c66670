"""What matching reads in a claim's words: the normalised hash, figures, shared words (pure, no model)."""
from factcheck.services.matching import texts


def test_the_hash_ignores_case_accents_punctuation_and_spacing():
    assert texts.text_hash("Le chômage a baissé à 7 % !") == texts.text_hash("le  CHOMAGE a baisse a 7%")
    assert texts.text_hash("Le chômage a baissé à 7 %") != texts.text_hash("Le chômage a baissé à 8 %")


def test_figures_read_thousands_separators_and_decimals():
    assert texts.figures("40,000 nurses, 40 000 infirmières, 2,5 % and 12.5%") == {"40000", "2.5", "12.5"}


def test_figures_conflict_only_when_both_sides_give_different_figures():
    assert texts.figures_conflict("£2 billion in 2022", "£20 billion in 2022")
    assert texts.figures_conflict("no tax in 2022", "no tax in 2019")
    assert not texts.figures_conflict("unemployment fell to 7%", "unemployment fell to 7 percent last year")
    assert not texts.figures_conflict("unemployment fell to 7%", "unemployment fell to seven percent")
    assert not texts.figures_conflict("3 of its 5 pools", "3 pools")  # one side's figures are all in the other


def test_shared_words_are_the_new_claims_content_words_found_in_the_other():
    assert texts.shared_words("The minister said 40,000 nurses were recruited",
                              "Forty thousand nurses have been recruited") == ["nurses", "recruited"]
    assert texts.shared_words("Vaccines cause autism", "The minister resigned") == []
    assert texts.shared_words("40 000 infirmières recrutées", "Selon lui, 40 000 infirmières") == [
        "40 000", "infirmières"]
