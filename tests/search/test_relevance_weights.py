"""Query terms are weighed by their rarity in the language (search/query.py), in every language,
and plain-language synonyms of the taxonomy's terms search those terms.

The vocabulary is made up here: what matters is how many of the language's resources use
each term in their title or summary.
"""

from collections import Counter
from types import SimpleNamespace

from modelsearch.query import Boost, Or

import pytest

from core.analysis import analyse, fold
from search import query as search_query
from search.spelling import DOCUMENTS, Vocabulary

# (language, a word in many titles, a rare word only one page's body has, a word in nearly all)
WORDS = [
    ("en", "team", "forklift", "trainee"),
    ("bg", "умения", "мотокар", "стажант"),
    ("el", "ομάδα", "περονοφόρο", "ασκούμενος"),
    ("it", "squadra", "muletto", "tirocinante"),
    ("pt", "equipa", "empilhador", "formando"),
    ("es", "equipo", "carretilla", "aprendiz"),
]


@pytest.fixture
def made_up_vocabulary(monkeypatch):
    def install(lang, generic, rare, everywhere):
        assert all(analyse(word, lang) for word in (generic, rare, everywhere))
        terms = Counter({DOCUMENTS: 24})
        for term in analyse(generic, lang):
            terms[term] = 8  # a third of the titles
        for term in analyse(everywhere, lang):
            terms[term] = 22
        for term in analyse(rare, lang):
            terms[term] = 0  # only in a body
        monkeypatch.setattr(search_query, "vocabulary", lambda locale: Vocabulary(terms=terms))
        return SimpleNamespace(language_code=lang)

    return install


@pytest.mark.parametrize(("lang", "generic", "rare", "everywhere"), WORDS)
def test_the_rare_word_weighs_more_than_the_generic_title_word(
    made_up_vocabulary, lang, generic, rare, everywhere
):
    locale = made_up_vocabulary(lang, generic, rare, everywhere)
    terms = analyse(f"{generic} {rare}", lang)
    weights = search_query.term_weights(terms, locale)
    assert min(weights[t] for t in analyse(rare, lang)) > 1.5 * max(
        weights[t] for t in analyse(generic, lang)
    )


@pytest.mark.parametrize(("lang", "generic", "rare", "everywhere"), WORDS)
def test_a_word_in_nearly_every_resource_gives_way_only_to_other_words(
    made_up_vocabulary, lang, generic, rare, everywhere
):
    locale = made_up_vocabulary(lang, generic, rare, everywhere)
    alone = search_query.term_weights(analyse(everywhere, lang), locale)
    assert set(alone) == set(analyse(everywhere, lang))  # never left with nothing
    mixed = search_query.term_weights(analyse(f"{everywhere} {rare}", lang), locale)
    assert set(mixed) == set(analyse(rare, lang))


def test_the_weighted_query_is_the_same_in_any_order(made_up_vocabulary):
    locale = made_up_vocabulary("en", "team", "forklift", "trainee")
    one = search_query.weighted_query(["team", "forklift"], locale)
    other = search_query.weighted_query(["forklift", "team"], locale)
    assert isinstance(one, Or) and all(isinstance(sub, Boost) for sub in one.subqueries)
    assert repr(one) == repr(other)


def test_a_small_site_weighs_every_term_alike(monkeypatch):
    terms = Counter({DOCUMENTS: 3, "team": 3})
    monkeypatch.setattr(search_query, "vocabulary", lambda locale: Vocabulary(terms=terms))
    locale = SimpleNamespace(language_code="en")
    assert search_query.term_weights(["team", "forklift"], locale) == {
        "team": 1.0,
        "forklift": 1.0,
    }


# (language, a visitor's plain word, the taxonomy term it stands for, as the labels name it)
SYNONYMS = [
    ("en", "burnout", "resilience"),
    ("bg", "стрес", "устойчивост"),
    ("el", "άγχος", "ανθεκτικότητα"),
    ("it", "albergo", "ospitalità"),
    ("pt", "loja", "comércio a retalho"),
    ("es", "fábrica", "industria"),
]


@pytest.mark.parametrize(("lang", "word", "term"), SYNONYMS)
def test_a_plain_word_also_searches_the_taxonomy_term_at_a_lower_weight(
    made_up_vocabulary, lang, word, term
):
    locale = made_up_vocabulary(lang, "team", word, "trainee")
    assert set(analyse(term, lang)) <= set(search_query.query_terms(word, lang))
    added = search_query.synonym_terms(analyse(word, lang), lang)
    assert set(analyse(term, lang)) <= set(added)
    weights = search_query.term_weights(analyse(word, lang) + added, locale, set(added))
    assert max(weights[t] for t in added) < min(weights[t] for t in analyse(word, lang))
    # inflected and without accents, the synonym still counts
    assert set(analyse(term, lang)) <= set(search_query.query_terms(fold(word.upper()), lang))


def test_every_synonym_file_names_terms_that_analyse_to_something():
    for lang in ("en", "bg", "el", "it", "pt", "es"):
        table = search_query.synonym_table(lang)
        assert len(table) >= 40, lang


def test_a_synonym_matches_a_related_form_but_not_a_word_that_only_starts_alike():
    # "изслушам" (I listen to) meets the synonym "изслушвам" of active listening ...
    assert set(analyse("активно слушане", "bg")) & set(
        search_query.synonym_terms(analyse("изслушам", "bg"), "bg")
    )
    # ... while "напредък" (progress) does not meet "напрежение" (tension), a synonym of
    # conflict resolution, although both begin "напре"
    added = search_query.synonym_terms(analyse("напредъка", "bg"), "bg")
    assert not set(analyse("конфликти", "bg")) & set(added)
