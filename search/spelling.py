"""Spelling, the same on every backend: one vocabulary per language and what search makes of it.

Each language has a vocabulary built from its live, public resources (never drafts nor private
pages: a suggestion must not reveal unpublished words) and its soft skills:

- ``terms``: analysed term → number of resources whose title or summary uses it (plus the
  skill names). A query term that is not in it is joined by the terms one edit away from it
  ("feedbak" → "feedback", "sqadr" → "squadr"), which are then searched too
  (``corrections``); ``search.query`` weighs query terms by their rarity here.
- ``known``: every analysed term of the titles, summaries, labels (type, skills, country,
  sector, audience) and tags. A query term found there is a word that exists and is never
  corrected. Nor is a term that the index finds in a live, public resource of the language
  (``in_live_text``: bodies and the kinds' own fields, asked once per term and content
  version): "банан" stays "банан" rather than becoming the "балан…" of a title. Reading every
  body to list its words cost 24 s of CPU for 10,000 resources × 6 languages on the first
  search after each publish; the index already knows them.

A language's vocabulary is built in two queries whatever the content (its live, public pages
with country and sector; their audiences and tags and the skills as a union), once per content
version, when a search in that language first needs it.
- ``spellings``: term of ``terms`` → the first word that has it, so that a corrected query
  can be shown in words (``corrected_query``: "Showing results for …").
- ``words``: folded word → word as written, from the titles of the resources that are not
  aliases and the skill names. When nothing matched, ``did_you_mean`` offers the query with
  its unknown words replaced by the closest of these ("aprentisses" → "apprentices").

Every choice is ordered, never left to set or dict order (which changes with PYTHONHASHSEED):
the pages are read in primary-key order and corrections are ranked by frequency, then edit
distance, then the term itself, so the same query searches the same terms in any process.

The vocabulary is kept under the content version (``core.cache``): it is rebuilt after any page
is published, unpublished or deleted, a view restriction changes, or a soft skill is saved or
deleted (``core.invalidation`` bumps the version). Each process also holds the newest vocabulary
it has in memory, so a search does not read it back from the cache for every term.

Rebuilt off the response path when that is slow. Building a language's vocabulary reads every
live resource of the language: at 10,000 resources it took 0.45 s, which the first search after
each publish used to wait for. With ``SEARCH_VOCABULARY_IN_BACKGROUND`` (production; the tests
build it at once), a search made while the current version's vocabulary is not built yet, in a
language whose last vocabulary counted ``SEARCH_VOCABULARY_BACKGROUND_FROM`` resources or more
(2,000: its build takes about 0.1 s here), is served with the newest one this process holds (or
the cache keeps: ``LATEST``), and a thread of the process builds the current one, started once
the response is sent (``request_finished``), so that the search that found the vocabulary
missing has the interpreter to itself (at 10,000 resources: 88 ms with the thread started at
once, 73 without it). A smaller one is built by the search at once, as before: with the demo
content and an editor publishing every 3 seconds (``make load``), building in a thread after
each publish cost a quarter of the capacity (181 requests/s against 145 and 131; which part of
it, the answers not kept or the thread sharing the interpreter, was not isolated). A search
served with an older vocabulary uses it for the terms' weights only (numbers, nothing shown): it
offers no correction and no suggestion (``current`` is ``None``), so no word of a page
unpublished or made private since can appear, and a new word is never "corrected". Nothing
computed with an older vocabulary is kept (``noting_stale``:
``search.query.remembered_search``): the next search once the build is done computes its answer
afresh, corrections included. Outside a request (management commands, ``search_eval``) the
vocabulary is always the current one, built at once.
"""

import difflib
import logging
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.models import Exists, F, OuterRef, Value
from django.utils import translation

from modelsearch.query import PlainText

from django_countries import countries

from core.analysis import WORD_RE, analyse, fold
from core.cache import content_version, in_request
from core.fragments import TIMEOUT, cache_key, remembered
from core.pages import public
from resources.models import (
    KnowledgePage,
    KnowledgePageAudience,
    KnowledgePageTag,
    SoftSkill,
    TagLabel,
)
from resources.taxonomy import Audience, Sector
from search.excerpts import kind_links

MIN_LENGTH = 4  # shorter query terms are not corrected
MAX_CORRECTIONS = 2  # vocabulary terms searched for each unknown query term
DOCUMENTS = ""  # the terms' entry holding the number of resources they were built from
MAX_SUGGESTION_WORDS = 8
MIN_WORD_LENGTH = 3  # shorter words are neither suggested nor replaced


ALPHABET_TERMS = 5000  # the letters corrections try are those of the most frequent terms


@dataclass
class Vocabulary:
    terms: Counter = field(default_factory=Counter)
    words: dict = field(default_factory=dict)
    alphabet: str = ""  # the letters of the most frequent terms, sorted
    known: frozenset = frozenset()  # every term of the live text: never corrected
    spellings: dict = field(default_factory=dict)  # term of ``terms`` → a word that has it


logger = logging.getLogger(__name__)

PAUSE_ROWS = 20  # a thread building a vocabulary pauses after each this many pages …
PAUSE_SECONDS = 0.001  # … this long (10,000 pages: 0.5 s more, spread over the build)
LATEST = "portal:search-vocabulary-latest:"  # + language code: (version, vocabulary) last built

# language code → (content version, vocabulary): the newest this process holds
_held = {}
_building = set()  # language codes a thread of this process is building
_threads = []  # those threads (``wait_for_builds``)
_lock = threading.Lock()
_serving = threading.local()  # .note: what ``noting_stale`` records; .older: languages served old


def vocabulary(locale) -> Vocabulary:
    """The language's vocabulary (kept until the next publish, unpublish or deletion; in a
    request with ``SEARCH_VOCABULARY_IN_BACKGROUND``, possibly an older one: see above)."""
    return vocabularies([locale])[locale.language_code]


def current(locale):
    """The language's vocabulary if it is the current content version's, else ``None`` (an older
    one is being replaced: no correction or suggestion is made from it). A language served an
    older one stays so until the request ends, even if the thread finishes meanwhile: its
    results were found without corrections, so its page offers none."""
    code = locale.language_code
    vocab = vocabulary(locale)
    if code in getattr(_serving, "older", ()):
        return None
    held = _held.get(code)
    return vocab if held is not None and held[0] == content_version() else None


def vocabularies(locales) -> dict:
    """Language code → vocabulary of each of ``locales``; those neither held by this process nor
    kept in the cache are built together, in two queries whatever their number (all-languages
    search needs six), at once or (see above) by a thread while an older one serves."""
    version = content_version()
    codes = list(dict.fromkeys(locale.language_code for locale in locales))
    found = {code: _held[code][1] for code in codes if _held.get(code, (None,))[0] == version}
    missing = [code for code in codes if code not in found]
    if not missing:
        return found
    names = {code: _kept_key(code, version) for code in missing}
    kept = cache.get_many(list(names.values()))
    for code in missing:
        if names[code] in kept:
            found[code] = _hold(code, version, kept[names[code]])
    missing = [code for code in missing if code not in found]
    if missing and settings.SEARCH_VOCABULARY_IN_BACKGROUND and in_request():
        older = _older(missing)
        large = settings.SEARCH_VOCABULARY_BACKGROUND_FROM
        if len(older) == len(missing) and any(
            vocab.terms.get(DOCUMENTS, 0) >= large for vocab in older.values()
        ):
            served = getattr(_serving, "older", frozenset())
            _serving.older = served | set(missing)  # built once the response is sent
            note = getattr(_serving, "note", None)
            if note is not None:
                note.stale = True
            found.update(older)
            return found
    if missing:
        found.update(_build_and_keep(missing, version))
    return found


def _kept_key(code, version):
    """The cache key of a language's vocabulary at ``version``."""
    return cache_key("search-vocabulary", (code,), version)


def _hold(code, version, vocab):
    _held[code] = (version, vocab)
    return vocab


def _older(codes) -> dict:
    """Code → the newest vocabulary of an older content version: held by this process, else the
    one the cache keeps as the latest built (a process just started)."""
    older = {code: _held[code][1] for code in codes if code in _held}
    wanted = [code for code in codes if code not in older]
    if wanted:
        for key, (version, vocab) in cache.get_many([LATEST + code for code in wanted]).items():
            older[key.removeprefix(LATEST)] = _hold(key.removeprefix(LATEST), version, vocab)
    return older


def _build_and_keep(codes, version, pause=None) -> dict:
    """Build the vocabularies of ``codes`` (from the content as it is now, ``version`` read
    before) and keep them: in this process, under ``version`` in the cache, and as the latest."""
    built = _build_many(codes, pause)
    cache.set_many(
        {_kept_key(code, version): vocab for code, vocab in built.items()},
        TIMEOUT,
    )
    cache.set_many({LATEST + code: (version, vocab) for code, vocab in built.items()}, TIMEOUT)
    return {code: _hold(code, version, vocab) for code, vocab in built.items()}


def _build_in_background(codes):
    """Start a thread building the vocabularies of ``codes`` (those no thread of this process
    builds already)."""
    with _lock:
        codes = [code for code in codes if code not in _building]
        if not codes:
            return
        _building.update(codes)
        _threads[:] = [thread for thread in _threads if thread.is_alive()]
        thread = threading.Thread(
            target=_build_thread, args=(codes,), name="search-vocabulary", daemon=True
        )
        _threads.append(thread)
    thread.start()


def _build_thread(codes):
    try:
        # content_version(): outside a request, read from the cache
        _build_and_keep(codes, content_version(), pause=_give_way)
    except Exception:  # the searches go on with the older vocabulary; the next one tries again
        logger.exception("Building the search vocabulary of %s failed", ", ".join(codes))
    finally:
        with _lock:
            _building.difference_update(codes)
        connections.close_all()  # this thread's own connections


def _give_way():
    """Let the process's request thread run: Python runs one thread at a time, and without
    pauses the build took half of it from the searches served meanwhile."""
    time.sleep(PAUSE_SECONDS)


def wait_for_builds(timeout=None) -> bool:
    """Wait for this process's vocabulary threads; False if ``timeout`` ran out first."""
    with _lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


def _forget_older(**kwargs):
    _serving.older = frozenset()


def _build_after_response(**kwargs):
    """The vocabularies this request served older ones of, built by a thread now that its
    response is sent."""
    older = getattr(_serving, "older", frozenset())
    _serving.older = frozenset()
    if older:
        _build_in_background(sorted(older))


# dispatch_uid: connected once
request_started.connect(_forget_older, dispatch_uid="search.spelling.request_started")
request_finished.connect(_build_after_response, dispatch_uid="search.spelling.request_finished")


@contextmanager
def noting_stale():
    """Within: whether a vocabulary of an older content version was served (``.stale``), so
    that what was computed with it is not kept (``search.query.remembered_search``)."""
    outer = getattr(_serving, "note", None)
    note = _serving.note = SimpleNamespace(stale=False)
    try:
        yield note
    finally:
        _serving.note = outer
        if outer is not None and note.stale:
            outer.stale = True


def in_live_text(term, locale) -> bool:
    """Whether the index finds ``term`` (an analysed term) in a live, public resource of
    ``locale``: anywhere, its body included. Kept per content version. When the backend fails
    the term counts as known: no correction rather than a failed search."""

    def compute():
        pages = public(KnowledgePage.objects.live()).filter(locale=locale)
        try:
            found = pages.search(PlainText(term), order_by_relevance=False)[:1]
            return bool(list(found))
        except Exception:  # the engines raise many unrelated classes; search.query logs them
            return True

    return remembered("search-term-in-live-text", locale.language_code, term, compute=compute)


def _words(text):
    return WORD_RE.findall((text or "").lower())


def _add_words(words, text):
    for word in _words(text):
        if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
            words.setdefault(fold(word), word)


def _kinds():
    """[(kind model, lookup of its row from KnowledgePage)]: which kind a page is, as joins of
    one query (as ``search.excerpts``)."""
    return [(model, f"{prefix}__pk") for model, prefix in kind_links()]


def _add_spellings(spellings, words, terms_of):
    """Each new term's first word (pages in primary-key order): how a correction is shown."""
    for word in words:
        for term in terms_of((word,)):
            if term not in spellings and not word.isdigit():
                spellings[term] = word


class _Builder:
    """One language's vocabulary as its rows arrive (pages in primary-key order, then skills)."""

    def __init__(self, lang):
        self.lang = lang
        self.vocab = Vocabulary()
        self.analysed = {}  # word → its terms
        self.known_words = set()
        self.documents = 0
        self.kinds = set()  # the kind models of its pages
        self.places = set()  # (country, sector) of its pages

    def terms_of(self, words):
        for word in words:
            terms = self.analysed.get(word)
            if terms is None:
                terms = self.analysed[word] = tuple(analyse(word, self.lang))
            yield from terms

    def add_text(self, text):
        """A title and summary, or a skill name: counted terms and their spellings."""
        words = _words(text)
        self.vocab.terms.update(dict.fromkeys(self.terms_of(words), 1))
        _add_spellings(self.vocab.spellings, words, self.terms_of)
        self.known_words.update(words)

    def add_page(self, title, summary, alias_of_id):
        self.add_text(f"{title} {summary}")
        self.documents += 1
        if alias_of_id is None:  # an alias shows another language's title
            _add_words(self.vocab.words, title)

    def finish(self, audiences, tags):
        """The vocabulary, with the words of its labels: the kinds' names, country, sector,
        audience (codes) and tags (names) of its pages."""
        vocab = self.vocab
        vocab.terms[DOCUMENTS] = self.documents
        frequent = [term for term, _count in vocab.terms.most_common(ALPHABET_TERMS)]
        vocab.alphabet = "".join(sorted({ch for term in frequent for ch in term}))
        words = self.known_words
        with translation.override(self.lang):
            for model in self.kinds:
                meta = model._meta
                words.update(_words(f"{meta.verbose_name} {meta.verbose_name_plural}"))
            sectors, audience_names = dict(Sector.choices), dict(Audience.choices)
            for country, sector in self.places:
                words.update(_words(f"{countries.name(country) if country else ''}"))
                words.update(_words(str(sectors.get(sector, ""))))
            for code in audiences:
                words.update(_words(str(audience_names.get(code, ""))))
        for name in tags:
            words.update(_words(name))
        vocab.known = frozenset(self.terms_of(sorted(words))) | frozenset(vocab.terms)
        return vocab


AUDIENCE, TAG, SKILL = range(3)


def _labels_and_skills(pages, codes):
    """[(AUDIENCE, TAG or SKILL, language code, pk, text)]: the audiences and tags of
    ``pages`` (their names and their live labels in the languages ``codes``) and the live soft
    skills of those languages, in one query (a union)."""

    def rows(queryset, source, code, text):
        columns = {"source": Value(source), "code": F(code), "n": F("pk"), "text": F(text)}
        return queryset.order_by().annotate(**columns).values_list(*columns)

    audiences = KnowledgePageAudience.objects.filter(page__in=pages.values("pk"))
    tags = KnowledgePageTag.objects.filter(content_object__in=pages.values("pk"))
    skills = SoftSkill.objects.filter(live=True, locale__language_code__in=codes)
    labels = TagLabel.objects.filter(  # a label of a tag that a page of its language has
        Exists(tags.filter(tag__slug=OuterRef("slug"), content_object__locale=OuterRef("locale"))),
        live=True,
        locale__language_code__in=codes,
    )
    return rows(audiences, AUDIENCE, "page__locale__language_code", "audience").union(
        rows(tags, TAG, "content_object__locale__language_code", "tag__name"),
        rows(labels, TAG, "locale__language_code", "name"),
        rows(skills, SKILL, "locale__language_code", "name"),
        all=True,
    )


def _build_many(codes, pause=None) -> dict:
    """Language code → vocabulary, for each of ``codes``, from the languages' live, public
    resources and live soft skills in two queries: the pages (their own columns, which kind
    they are, country and sector), and the audiences, tags and skills (``_labels_and_skills``).
    Each language's rows arrive in primary-key order, as if it were built alone; each distinct
    word is analysed once per language. ``pause()``, if given, is called every PAUSE_ROWS
    pages."""
    builders = {code: _Builder(code) for code in codes}
    pages = public(KnowledgePage.objects.live()).filter(locale__language_code__in=codes)
    kinds = _kinds()
    links = [link for _model, link in kinds]
    rows = pages.order_by("pk").values_list(
        "locale__language_code", "title", "summary", "alias_of_id", "country", "sector", *links
    )
    for number, (code, title, summary, alias_of_id, country, sector, *kind_pks) in enumerate(
        rows.iterator(), 1
    ):
        if pause is not None and not number % PAUSE_ROWS:
            pause()
        into = builders[code]
        into.add_page(title, summary, alias_of_id)
        into.kinds.update(model for (model, _link), pk in zip(kinds, kind_pks, strict=True) if pk)
        into.places.add((country, sector))
    labels = {code: {AUDIENCE: set(), TAG: set()} for code in codes}
    for source, code, _pk, text in sorted(_labels_and_skills(pages, codes)):
        if source == SKILL:  # in primary-key order, after the pages: as spellings expect
            builders[code].add_text(text)
            _add_words(builders[code].vocab.words, text)
        else:
            labels[code][source].add(text)
    return {
        code: into.finish(sorted(labels[code][AUDIENCE]), sorted(labels[code][TAG]))
        for code, into in builders.items()
    }


def _one_edit_away(term, alphabet):
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]  # deletion
            for ch in alphabet:
                yield left + ch + right[1:]  # substitution
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]  # transposition
        for ch in alphabet:
            yield left + ch + right  # insertion


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (a transposition counts as two edits)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def corrections(terms, locale) -> list:
    """Vocabulary terms one edit away from each unknown query term: the most frequent first,
    then the closest, then in alphabetical order (never set order). A term of the live text
    (``Vocabulary.known``, or found by the index: ``in_live_text``) is a word that exists and
    is not corrected."""
    known = current(locale)
    if known is None:
        return []
    vocab, alphabet = known.terms, known.alphabet
    if not vocab:
        return []
    found = []
    for term in terms:
        if term in known.known or len(term) < MIN_LENGTH or term.isdigit() or not term:
            continue
        candidates = {c for c in _one_edit_away(term, alphabet) if c in vocab and c != DOCUMENTS}
        if not candidates or in_live_text(term, locale):
            continue
        ranked = sorted(candidates, key=lambda c: (-vocab[c], edit_distance(term, c), c))
        found.extend(ranked[:MAX_CORRECTIONS])
    return found


def did_you_mean(query: str, locale):
    """The query with unknown words replaced by the closest title or skill word, or None."""
    words = _words(query)[:MAX_SUGGESTION_WORDS]
    if not words:
        return None
    vocab = current(locale)
    known = vocab.words if vocab is not None else None
    if not known:
        return None
    changed, out = False, []
    for word in words:
        folded = fold(word)
        if folded in known or len(folded) < MIN_WORD_LENGTH or folded.isdigit():
            out.append(word)
            continue
        close = difflib.get_close_matches(folded, known, n=1, cutoff=0.75)
        if close:
            out.append(known[close[0]])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


def corrected_query(query: str, locale):
    """The query as it was searched when some of its words were corrected (each corrected word
    replaced by the vocabulary word closest to it: "constructive feedbak" → "constructive
    feedback"), or None when nothing was corrected."""
    vocab, lang = current(locale), locale.language_code
    if vocab is None:
        return None
    out, changed = [], False
    for word in WORD_RE.findall(query or ""):
        spelled = {vocab.spellings.get(t) for t in corrections(analyse(word, lang), locale)}
        folded = fold(word)
        closest = sorted(
            (w for w in spelled if w),
            key=lambda w: (-difflib.SequenceMatcher(None, folded, fold(w)).ratio(), w),
        )
        out.append(closest[0] if closest else word)
        changed = changed or bool(closest)
    return " ".join(out) if changed else None
