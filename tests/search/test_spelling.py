"""One vocabulary per language serves typo tolerance, common terms and "Did you mean".

Uses the module-scoped ``content`` (tests/search/conftest.py); each test runs in its own
transaction on top of it.
"""

from collections import Counter

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Locale

import pytest

from core.analysis import analyse
from core.pages import restricted_pages
from search import spelling
from search.spelling import DOCUMENTS, Vocabulary, corrections, did_you_mean, vocabulary
from tests.factories import SoftSkillFactory

pytestmark = pytest.mark.django_db


def test_one_cached_vocabulary_serves_every_caller(
    content, django_assert_num_queries, django_assert_max_num_queries
):
    en = Locale.objects.get(language_code="en")
    vocab = vocabulary(en)
    assert vocab.words["apprentices"] == "apprentices"  # a title word, as written
    assert set(analyse(content.kitchen.title, "en")) <= set(vocab.terms)
    with django_assert_num_queries(0):  # built once, then read from the cache
        assert did_you_mean("aprentisses", en) == "apprentices"
        assert did_you_mean("apprentices", en) is None  # nothing to correct
        assert vocab.terms[analyse("kitchen", "en")[0]] >= 1  # counts, read by search.query
    typo = analyse("aprentices", "en")
    # is the unknown term in a body? The index answers once (an SQL query on the database
    # backends, an HTTP request to an engine)
    with django_assert_max_num_queries(1):
        assert set(analyse("apprentices", "en")) <= set(corrections(typo, en))
    with django_assert_num_queries(0):  # then the answer is kept too
        assert set(analyse("apprentices", "en")) <= set(corrections(typo, en))


def test_the_six_vocabularies_are_built_together_as_each_alone(content, django_assert_num_queries):
    """All-languages search needs every language's vocabulary: on a cold cache they are built
    together in two queries, and each is exactly the one its language gets built alone."""
    locales = list(Locale.objects.order_by("language_code"))
    alone = {}
    for locale in locales:
        code = locale.language_code
        alone[code] = spelling._build_many([code])[code]
    cache.clear()
    spelling._held.clear()
    restricted_pages()  # read once per content version, shared with the navigation
    with django_assert_num_queries(2):
        together = spelling.vocabularies(locales)
    assert sorted(together) == sorted(alone) == sorted(code for code, _name in settings.LANGUAGES)
    for code, vocab in alone.items():
        assert together[code] == vocab, code
        assert vocab.terms[DOCUMENTS] > 0, code
    spelling._held.clear()  # another process: read back from the cache, not built again
    with django_assert_num_queries(0):
        assert spelling.vocabularies(locales) == together


def test_alias_titles_are_searched_but_never_suggested(content):
    """The Bulgarian alias of the English kitchen guide shows an English title: its terms are
    in the Bulgarian vocabulary (the alias is found), its words are not offered as spellings."""
    bg = Locale.objects.get(language_code="bg")
    vocab = vocabulary(bg)
    assert set(analyse(content.kitchen_alias.title, "bg")) <= set(vocab.terms)
    assert "kitchen" not in vocab.words
    assert did_you_mean("kitchn", bg) is None


def test_a_new_soft_skill_is_suggested_at_once(content):
    it = Locale.objects.get(language_code="it")
    assert did_you_mean("negoziazone", it) is None
    SoftSkillFactory(name="Negoziazione", locale=it)
    assert did_you_mean("negoziazone", it) == "negoziazione"


def test_corrections_are_ranked_by_frequency_then_distance_then_term(monkeypatch):
    """Never by set order, which changes with PYTHONHASHSEED from one process to the next."""
    vocab = Vocabulary(
        terms=Counter({"card": 1, "cart": 1, "care": 1, "scar": 1, "carx": 0, DOCUMENTS: 3}),
        alphabet="acdersxt",
        known=frozenset({"card", "cart", "care", "scar"}),
    )
    monkeypatch.setattr(spelling, "current", lambda locale: vocab)
    monkeypatch.setattr(spelling, "in_live_text", lambda term, locale: False)  # no body has it
    assert corrections(["carz"], None) == ["card", "care"]  # equally frequent and close
    assert corrections(["acrd"], None) == ["card"]  # a transposition is one edit away
    vocab.terms["scar"] = 5
    assert corrections(["sca"], None) == []  # too short to correct
    assert corrections(["scarz", "card"], None) == ["scar"]  # "card" exists: not corrected
    vocab.terms["cart"] = 2
    assert corrections(["carz"], None) == ["cart", "card"]
