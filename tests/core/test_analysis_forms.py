"""Related forms of one word meet in the index, in every language (core/analysis.py)."""

import pytest

from core.analysis import analyse, fold, term_forms

# (language, a noun, a verb or adjective of the same family): they must share a term
FAMILIES = [
    ("en", "communication", "communicate"),
    ("bg", "мълчалив", "мълчат"),
    ("el", "επικοινωνία", "επικοινωνώ"),
    ("el", "υποδοχή", "υποδεχόμαστε"),  # the root's vowel changes: the family form meets
    ("el", "συλλογή", "συλλέγω"),
    ("it", "valutazione", "valutare"),
    ("pt", "motivação", "motivar"),  # the accented suffix: folded first, it stayed "motivaca"
    ("pt", "avaliação", "avaliar"),
    ("es", "evaluación", "evaluar"),
]


@pytest.mark.parametrize(("lang", "noun", "verb"), FAMILIES)
def test_a_noun_and_its_verb_share_a_term(lang, noun, verb):
    assert set(term_forms(noun, lang)) & set(term_forms(verb, lang))


@pytest.mark.parametrize(("lang", "noun", "_verb"), FAMILIES)
def test_the_word_typed_without_accents_meets_the_word_with_them(lang, noun, _verb):
    assert set(analyse(noun, lang)) & set(analyse(fold(noun), lang))
