"""PostgreSQL weighs each term of a query by how many of the searched pages hold it anywhere
(title, summary, body, labels: search/postgres_ranking.py), as the engines' BM25 does:
``ts_rank`` knows no document frequency, and the query's own weights (search/query.py) count
titles and summaries only. So a generic word that many pages use — in a few titles and in
most bodies — no longer outranks, through the title boost, the rare specific word of the
query that only the relevant page's body holds ("хибридната работа", "nostalgia de casa").

The pages are made up, in every language: three titles with the common word, eight bodies
with it, and one page whose body alone holds the rare word (with the common one).
"""

from django.db import connection

from wagtail.models import Locale

import pytest

from search.backends import uses_engine
from search.postgres_ranking import rarity
from search.query import search_resources
from tests.search.made_up import load_made_up_pages
from tests.search.test_relevance_field_weights import WORDS  # the same words, six languages


def documents(lang, rare, common, filler):
    docs = [
        {
            "id": f"{lang}-titled-{n}",
            "type": "guide",
            "title": f"{common.capitalize()} {n}: {filler.lower()}",
            "summary": f"{filler} {n}.",
            "body": f"{filler} {n}, {common}.",
        }
        for n in range(3)
    ]
    docs += [
        {
            "id": f"{lang}-body-{n}",
            "type": "good_practice",
            "title": f"{filler} {n}",
            "summary": f"{filler} ({n}).",
            "body": f"{filler}: {common} ({n}).",
        }
        for n in range(8)
    ]
    docs.append(
        {
            "id": f"{lang}-target",
            "type": "case_study",
            "title": f"{filler} ({lang})",
            "summary": f"{filler}!",
            "body": f"{filler}. {rare} {common}.",
        }
    )
    return docs


@pytest.fixture
def made_up_pages(tmp_path):
    load_made_up_pages(tmp_path, WORDS, documents)


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql" or uses_engine(), reason="PostgreSQL's term weights"
)
def test_the_rare_body_word_outranks_a_common_word_of_titles_and_bodies(made_up_pages):
    # one test for the six languages: the pages are loaded and indexed once
    for lang, _rare, common, query, filler in WORDS:
        locale = Locale.objects.get(language_code=lang)
        titles = [page.title for page in search_resources(query, locale)[:10]]
        assert titles[0] == f"{filler} ({lang})", (lang, titles)
        # the common word alone still finds its titled pages first
        alone = [page.title for page in search_resources(common, locale)[:3]]
        assert all(title.startswith(common.capitalize()) for title in alone), (lang, alone)


def test_a_term_weighs_less_the_more_pages_hold_it():
    weights = [rarity(100, found) for found in (1, 5, 30, 60, 100)]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] > 10 * weights[-1] > 0  # never zero: a query of common words still ranks
    assert rarity(0, 0) > 0  # no pages: no division by zero
