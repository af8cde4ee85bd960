"""Searching resources: one code path for the public page, the suggestions and search_eval.

Views never branch on the backend: the query is analysed here exactly like the documents
(search/analysis.py) and handed to Wagtail's search framework with an OR of the terms, ranked
by relevance.

Every call into the search backend that the public pages make goes through ``ranked_ids``,
the one place where an engine failure (connection refused, timeout, a transport or API error
from Elasticsearch/OpenSearch, a database error) becomes ``SearchUnavailable``.
"""

import logging
import warnings
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, Q

from modelsearch.query import Boost, Or, PlainText
from wagtail.models import Locale

from core.analysis import analyse
from core.fragments import remembered
from resources.models import KnowledgePage
from search.indexing import catch_up_soon
from search.models import PendingIndexUpdate
from search.ranked_pks import ranked_pks_many
from search.spelling import DOCUMENTS, corrections, noting_stale, vocabulary

# modelsearch's PostgreSQL backend applies a Boost to the ranking (``build_tsrank``) but warns
# that it cannot put it into the tsquery itself, which needs none: the warning says nothing.
warnings.filterwarnings(
    "ignore", message="The Boost query is not supported by the PostgreSQL", category=RuntimeWarning
)

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32
MAX_RESULTS = 300  # per language: what the results page ranks, filters and counts
COMMON_SHARE = 0.5  # a term in more of the titles and summaries than this says little
MIN_DOCUMENTS = 10  # below this many resources, rarity means nothing: every term weighs 1
TITLE_SHARE_DAMPING = 2  # a term in a third of the titles weighs 1 / (1 + 2/3) = 0.6
SYNONYM_WEIGHT = 0.5  # a taxonomy term searched for a visitor's word weighs this share
SYNONYM_PREFIX = 6  # a synonym's word and a query term this alike are one word
SYNONYMS_DIR = Path(__file__).resolve().parent / "synonyms"  # <lang>.txt, see README there


class SearchUnavailable(Exception):
    """The search backend failed; the page should say so (503), not crash."""


@contextmanager
def backend_errors():
    """Turn any error raised by the search backend into ``SearchUnavailable`` (logged).

    Inside a transaction on PostgreSQL the calls run in a savepoint: a failing database backend
    must not break the rest of it (PostgreSQL refuses every later query of a failed
    transaction; SQLite goes on, so it needs no savepoint and its two statements).
    """
    connection = transaction.get_connection()
    savepoint = connection.in_atomic_block and connection.vendor == "postgresql"
    try:
        with transaction.atomic() if savepoint else nullcontext():
            yield
    except SearchUnavailable:
        raise
    except Exception as exc:  # the engines raise many unrelated classes; all mean "down"
        logger.exception("The search backend failed")
        raise SearchUnavailable from exc


def clean_query(raw: str) -> str:
    """Printable text only, whitespace folded, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: str, lang: str, locale=None, exact=False, synonyms=True) -> list:
    """The query's analysed terms, plus spelling corrections when ``locale`` is given (none
    when ``exact``: the visitor asked for the words as typed), plus the taxonomy terms its
    words stand for (``synonym_terms``) unless ``synonyms`` is false."""
    terms = list(dict.fromkeys(analyse(query, lang)))[:MAX_TERMS]
    if locale is not None and not exact:
        terms.extend(t for t in corrections(terms, locale) if t not in terms)
    if synonyms:
        terms.extend(synonym_terms(terms, lang))
    return terms


@lru_cache(maxsize=8)
def synonym_table(lang: str) -> tuple:
    """``((synonym's words, taxonomy term's terms), …)`` from ``search/synonyms/<lang>.txt``
    (lines ``taxonomy term = synonym, synonym, …``; ``#`` starts a comment), analysed like
    pages: each synonym word as the set of its longest terms."""
    path = SYNONYMS_DIR / f"{lang}.txt"
    if not path.exists():
        return ()
    table = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") or "=" not in line:
            continue
        term, synonyms = line.split("=", 1)
        target = tuple(dict.fromkeys(analyse(term, lang)))
        for synonym in synonyms.split(","):
            # each word of the synonym: its longest terms (not Bulgarian's five-letter form)
            source = tuple(
                frozenset(f for f in forms if len(f) == max(map(len, forms)))
                for forms in (analyse(w, lang) for w in synonym.split())
                if forms
            )
            if source and target:
                table.append((source, target))
    return tuple(table)


def synonym_terms(terms, lang) -> list:
    """The terms of the taxonomy terms (a soft skill, sector or audience as its label names
    it) for which ``terms`` hold every word of a plain-language synonym, less those already
    there: "stress" also searches "resilience", "hotel" "hospitality". A word is held when one
    of its terms is, or shares its first SYNONYM_PREFIX letters with a query term ("изслушам"
    and "изслушвам"; a five-letter form alone would let "напредък" meet "напрежение")."""
    present = set(terms)
    prefixes = {t[:SYNONYM_PREFIX] for t in terms if len(t) >= SYNONYM_PREFIX}
    added = []
    for source, target in synonym_table(lang):
        if all(
            any(
                f in present or (len(f) >= SYNONYM_PREFIX and f[:SYNONYM_PREFIX] in prefixes)
                for f in forms
            )
            for forms in source
        ):
            added.extend(t for t in target if t not in present and t not in added)
    return added


def term_weights(terms, locale, secondary=()) -> dict:
    """Term → weight, by rarity in the language's titles and summaries (``search.spelling``).

    A term weighs less the more titles and summaries of the language use it (1 for a term only
    bodies use, 0.6 for one in a third of them: the engines' own statistics mix all languages,
    and PostgreSQL's ranking has none), so the query's specific word is not outranked by a
    generic word that many titles carry (and their title boost). Terms in more than half of the
    resources ("trainee", "mentor") are left out when the query has other terms; a query made
    only of them weighs them all alike.
    ``secondary`` terms (taxonomy terms searched for a synonym) weigh SYNONYM_WEIGHT of that.
    """
    counts = vocabulary(locale).terms
    documents = counts.get(DOCUMENTS, 0)
    if documents < MIN_DOCUMENTS:
        return dict.fromkeys(terms, 1.0)
    rare = [t for t in terms if counts.get(t, 0) <= COMMON_SHARE * documents]
    if not rare:
        return dict.fromkeys(terms, 1.0)
    return {
        term: round(
            (SYNONYM_WEIGHT if term in secondary else 1.0)
            / (1 + TITLE_SHARE_DAMPING * counts.get(term, 0) / documents),
            3,
        )
        for term in rare
    }


def weighted_query(terms, locale, secondary=()):
    """An OR of the terms, each boosted by its weight (``term_weights``); terms are sorted so
    the query, and the engine's floating-point sums, are the same in every process."""
    weights = term_weights(terms, locale, secondary)
    return Or([Boost(PlainText(term, operator="or"), weights[term]) for term in sorted(weights)])


def search_resources(query: str, locale, queryset=None, exact=False):
    """Live, public resources in ``locale`` matching ``query``, best first.

    Returns a search results object (sliceable, countable) or an empty queryset when the query
    has no searchable terms.
    """
    if queryset is None:
        queryset = KnowledgePage.objects.live().public()
    queryset = queryset.filter(Q(locale=locale))
    lang = locale.language_code
    terms = query_terms(query, lang, locale, exact, synonyms=False)
    if not terms:
        return queryset.none()
    added = synonym_terms(terms, lang)
    return queryset.search(
        weighted_query(terms + added, locale, secondary=set(added)), order_by_relevance=True
    )


def ranked_ids(
    query: str, locale, limit: int = MAX_RESULTS, queryset=None, exact=False, behind=None
) -> list:
    """Primary keys of the live, public resources in ``locale`` matching ``query``, best first
    (``queryset``: ``KnowledgePage.objects.live().public()`` already built, to share it;
    ``behind``: ``index_behind()`` if the caller asked already). The pages are not loaded
    (``search.ranked_pks``): on the engines, a page withdrawn while its index write is still
    queued can be among them until the write is replayed; the results page reads what it shows
    through the live, public queryset.

    The results are fetched here, inside ``backend_errors``: an engine that is down raises
    ``SearchUnavailable`` now rather than while a template renders. When the engine answered,
    index writes it missed while it was down are replayed (a small batch, once a minute).
    """
    return ranked_ids_many(query, [locale], limit, queryset, exact, behind)[0]


def ranked_ids_many(
    query: str, locales, limit: int = MAX_RESULTS, queryset=None, exact=False, behind=None
) -> list:
    """``[ranked_ids(query, locale, …) for locale in locales]``, each language's query analysed
    and weighed on its own; the database backends rank them all in one SQL statement
    (``search.ranked_pks.ranked_pks_many``)."""
    with backend_errors():
        results = [search_resources(query, locale, queryset, exact) for locale in locales]
        has_terms = [getattr(found, "backend", None) is not None for found in results]
        asked = [found for found, terms in zip(results, has_terms, strict=True) if terms]
        ranked = iter(ranked_pks_many(asked, limit))
        ids = [next(ranked) if terms else [] for terms in has_terms]
    if behind is not False:
        for backend in {id(found.backend): found.backend for found in asked}.values():
            catch_up_soon(backend)
    return ids


def index_behind() -> bool:
    """Whether index writes wait to be replayed (``search.indexing``): until they are, the
    backend's answers may change without a new content version."""
    return PendingIndexUpdate.objects.exists()


def locales_and_index_behind():
    """(every locale, ``index_behind()``) in one statement: an all-languages search needs both
    before anything is kept, and a search page counts its statements (issue 11: at most 15)."""
    locales = list(Locale.objects.annotate(index_behind=Exists(PendingIndexUpdate.objects.all())))
    return locales, (locales[0].index_behind if locales else index_behind())


def remembered_search(name, *parts, compute):
    """``core.fragments.remembered`` for what a query's terms and weights decide, not kept when
    it was computed with the vocabulary of an older content version (``search.spelling``: one
    being rebuilt), so the next request computes it again."""
    with noting_stale() as note:
        return remembered(name, *parts, compute=compute, keep=lambda: not note.stale)


def remembered_answer(name, *parts, compute, behind=None):
    """``remembered_search`` for what the backend's answers decide (matches, their facets, a
    spelling suggestion that must find something), computed afresh while the index is behind
    (``behind``: ``index_behind()`` if already asked); asking the backend then also replays
    the queued writes."""
    if index_behind() if behind is None else behind:
        return compute()
    return remembered_search(name, *parts, compute=compute)
