"""The search box's syntax: words, "phrases", -exclusions, and their safe translation for each engine."""
import pytest

from factcheck.services.core.errors import InvalidInput
from factcheck.services.search.query_syntax import QUERY_MAX, TERMS_MAX, Term, parse


def test_words_phrases_and_exclusions():
    query = parse('Armée -russe "mot  de passe" -"fake news"')
    assert query.terms == (Term("Armée"), Term("russe", excluded=True), Term("mot de passe", phrase=True),
                           Term("fake news", phrase=True, excluded=True))
    assert query.canonical() == 'Armée -russe "mot de passe" -"fake news"'


def test_postgresql_text_quotes_every_term():
    assert parse('invasion -russe "armée rouge"').websearch() == '"invasion" -"russe" "armée rouge"'
    # websearch_to_tsquery reads a bare "or" as an operator; quoted it is a word (a stop word, dropped).
    assert parse("guerre or paix").websearch() == '"guerre" "or" "paix"'


def test_fts5_expression_ands_included_terms_and_cuts_exclusions():
    assert parse('invasion "armée rouge" -russe -"fake news"').fts5_match() == \
        '("invasion" AND "armée rouge") NOT "russe" NOT "fake news"'


@pytest.mark.parametrize("raw", ["text:invasion", "inva*", "NEAR(a b)", "a OR b", "^start", "a + b", "(x)"])
def test_engine_syntax_typed_in_the_box_stays_quoted_text(raw):
    expression = parse(raw).fts5_match()
    inside = expression[1:-1]  # the parentheses around the included terms are ours
    for part in inside.split(" AND "):
        assert part.startswith('"') and part.endswith('"') and '"' not in part[1:-1]


def test_unbalanced_and_inner_quotes_never_reach_an_engine_unquoted():
    assert parse('"unterminated phrase').terms == (Term("unterminated phrase", phrase=True),)
    assert parse('a"b').terms == (Term("a"), Term("b"))
    assert parse('"one"').terms == (Term("one"),)  # a one-word phrase is a word


def test_punctuation_only_terms_and_repeats_are_dropped():
    assert parse('invasion — !! "" invasion _ -').terms == (Term("invasion"),)


def test_control_characters_and_highlight_markers_separate_words():
    assert parse("in\x00vasion\x1f russe\ue000x\ud800").terms == (Term("in"), Term("vasion"), Term("russe"),
                                                                   Term("x"))


def test_a_search_needs_something_to_look_for():
    for raw in ("", "   ", "-russe", '-"fake news"', "— !!"):
        with pytest.raises(InvalidInput, match="at least one word"):
            parse(raw)


def test_length_and_term_limits_are_clear_errors():  # InvalidInput: a 422 with its message
    with pytest.raises(InvalidInput, match=str(QUERY_MAX)):
        parse("a" * (QUERY_MAX + 1))
    with pytest.raises(InvalidInput, match=str(TERMS_MAX)):
        parse(" ".join(f"w{i}" for i in range(TERMS_MAX + 1)))
