"""PostgreSQL ranks a page's fields in proportion to their boosts, as the engines do
(search/postgres_ranking.py): a word of the analysed title (boost 4) weighs about four times
the same word in the summary or body (no boost), where modelsearch's own weights made it 41
times, so a rare query word that only the relevant page's summary holds ("хибридна работа")
lost to any title with the query's common word.

The pages are made up, in every language: five titles with a common word, six unrelated
pages, one title with the rare word, and one page whose summary and body hold the rare word.
"""

from django.db import connection

from wagtail.models import Locale

import pytest

from search.backends import uses_engine
from search.postgres_ranking import proportional_weights
from search.query import search_resources
from tests.search.made_up import load_made_up_pages

# (language, rare word, common word, query (inflected where the language inflects), filler)
WORDS = [
    ("en", "hybrid", "work", "hybrid working", "A checklist for the first day"),
    ("bg", "хибридна", "работа", "хибридната работа", "Списък за първия ден"),
    ("el", "υβριδική", "εργασία", "υβριδικής εργασίας", "Λίστα για την πρώτη μέρα"),
    ("it", "ibrido", "lavoro", "lavoro ibrido", "Una lista per il primo giorno"),
    ("pt", "híbrido", "trabalho", "trabalho híbrido", "Uma lista para o primeiro dia"),
    ("es", "híbrido", "trabajo", "trabajo híbrido", "Una lista para el primer día"),
]


def documents(lang, rare, common, filler):
    docs = [
        {
            "id": f"{lang}-common-{n}",
            "type": "guide",
            "title": f"{common.capitalize()} {n}: {filler.lower()}",
            "summary": f"{filler} {n}.",
            "body": f"{filler} {n}.",
        }
        for n in range(5)
    ]
    docs += [
        {
            "id": f"{lang}-filler-{n}",
            "type": "good_practice",
            "title": f"{filler} {n}",
            "summary": f"{filler} ({n}).",
            "body": f"{filler}, {n}.",
        }
        for n in range(6)
    ]
    docs.append(
        {
            "id": f"{lang}-rare-title",
            "type": "guide",
            "title": f"{rare.capitalize()} ({lang})",
            "summary": f"{filler}!",
            "body": f"{filler}?",
        }
    )
    docs.append(
        {
            "id": f"{lang}-target",
            "type": "case_study",
            "title": f"{filler} ({lang})",
            "summary": f"{rare} {common}. {filler}.",
            "body": f"{filler}. {rare} {common}, {rare}.",
        }
    )
    return docs


@pytest.fixture
def made_up_pages(tmp_path):
    load_made_up_pages(tmp_path, WORDS, documents)


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql" or uses_engine(), reason="PostgreSQL's field weights"
)
def test_a_body_word_weighs_a_quarter_of_an_analysed_title_word_as_on_the_engines(made_up_pages):
    # one test for the six languages: the pages are loaded and indexed once
    for lang, rare, _common, _query, filler in WORDS:
        locale = Locale.objects.get(language_code=lang)
        scores = {
            page.title: page.score
            for page in search_resources(rare, locale).annotate_score("score")[:10]
        }
        in_title, in_body = scores[f"{rare.capitalize()} ({lang})"], scores[f"{filler} ({lang})"]
        # 4 : 1 as boosted, less the body's repeats, plus the raw title where it is the term;
        # modelsearch's own weights made it about 41 : 1
        assert 1.5 < in_title / in_body < 8, (lang, scores)


def test_field_weights_are_in_proportion_to_the_boosts():
    # modelsearch's letters with Wagtail's images and documents (10) and our fields (4, 2, none)
    letters = [(10, "A"), (4, "B"), (2, "C"), (0, "D")]
    assert proportional_weights(letters) == [0.1, 0.2, 0.4, 1.0]  # D, C, B, A
    # fewer boosts: the letters no boost claims weigh as a field without a boost
    assert proportional_weights([(4, "A"), (2, "B"), (0, "C"), (0, "D")]) == [
        0.25,
        0.25,
        0.5,
        1.0,
    ]
