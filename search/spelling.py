"""Spelling, the same on every backend: one vocabulary per language and what search makes of it.

Each language has a vocabulary built from its live, public resources (never drafts: a
suggestion must not reveal unpublished words) and its soft skills:

- ``terms``: analysed term → number of resources whose title or summary uses it (plus the
  skill names). A query term that is not in it is joined by the terms one edit away from it
  ("feedbak" → "feedback", "sqadr" → "squadr"), which are then searched too
  (``corrections``); terms nearly every resource uses are dropped from longer queries
  (``without_common_terms``).
- ``words``: folded word → word as written, from the titles of the resources that are not
  aliases and the skill names. When nothing matched, ``did_you_mean`` offers the query with
  its unknown words replaced by the closest of these ("aprentisses" → "apprentices").

The vocabulary is kept under the content version (``core.cache``): it is rebuilt after any page
is published, unpublished or deleted, a view restriction changes, or a soft skill is saved or
deleted (``core.invalidation`` bumps the version). Each process also holds the vocabulary of the
current version in memory, so a search does not read it back from the cache for every term.
"""

import difflib
from collections import Counter
from dataclasses import dataclass, field

from core.analysis import WORD_RE, analyse, fold
from core.cache import content_version
from core.fragments import remembered
from resources.models import KnowledgePage, SoftSkill

MIN_LENGTH = 4  # shorter query terms are not corrected
DOCUMENTS = ""  # the terms' entry holding the number of resources they were built from
COMMON_SHARE = 0.5  # a term in more of the titles and summaries than this says little
MAX_SUGGESTION_WORDS = 8
MIN_WORD_LENGTH = 3  # shorter words are neither suggested nor replaced


ALPHABET_TERMS = 5000  # the letters corrections try are those of the first terms


@dataclass
class Vocabulary:
    terms: Counter = field(default_factory=Counter)
    words: dict = field(default_factory=dict)
    alphabet: frozenset = frozenset()  # the letters of the terms (of the first ALPHABET_TERMS)


# language code → (content version, vocabulary) held by this process
_held = {}


def vocabulary(locale) -> Vocabulary:
    """The language's vocabulary (kept until the next publish, unpublish or deletion)."""
    code, version = locale.language_code, content_version()
    held = _held.get(code)
    if held is not None and held[0] == version:
        return held[1]
    vocab = remembered("search-vocabulary", code, compute=lambda: _build(locale))
    _held[code] = (version, vocab)
    return vocab


def _words(text):
    return [word.lower() for word in WORD_RE.findall(text or "")]


def _add_words(words, text):
    for word in _words(text):
        if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
            words.setdefault(fold(word), word)


def _build(locale):
    lang = locale.language_code
    vocab = Vocabulary()
    rows = (
        KnowledgePage.objects.live()
        .public()
        .filter(locale=locale)
        .values_list("title", "summary", "alias_of_id")
        .iterator()
    )
    documents = 0
    for title, summary, alias_of_id in rows:
        vocab.terms.update(set(analyse(f"{title} {summary}", lang)))
        documents += 1
        if alias_of_id is None:  # an alias shows another language's title
            _add_words(vocab.words, title)
    vocab.terms[DOCUMENTS] = documents
    for name in SoftSkill.objects.filter(locale=locale, live=True).values_list("name", flat=True):
        vocab.terms.update(set(analyse(name, lang)))
        _add_words(vocab.words, name)
    vocab.alphabet = frozenset(ch for term in list(vocab.terms)[:ALPHABET_TERMS] for ch in term)
    return vocab


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


def corrections(terms, locale) -> list:
    """Vocabulary terms one edit away from each unknown query term (most frequent first)."""
    known = vocabulary(locale)
    vocab, alphabet = known.terms, known.alphabet
    if not vocab:
        return []
    found = []
    for term in terms:
        if term in vocab or len(term) < MIN_LENGTH or term.isdigit() or not term:
            continue
        candidates = {c for c in _one_edit_away(term, alphabet) if c in vocab}
        found.extend(sorted(candidates, key=lambda c: -vocab[c])[:2])
    return found


def without_common_terms(terms, locale) -> list:
    """Drop the terms nearly every resource uses ("trainee", "mentor") from a longer query,
    so the words that tell resources apart decide the ranking. A query made only of common
    terms is left as it is."""
    vocab = vocabulary(locale).terms
    documents = vocab.get(DOCUMENTS, 0)
    if documents < 10:
        return terms
    rare = [t for t in terms if vocab.get(t, 0) <= COMMON_SHARE * documents]
    return rare or terms


def did_you_mean(query: str, locale):
    """The query with unknown words replaced by the closest title or skill word, or None."""
    words = _words(query)[:MAX_SUGGESTION_WORDS]
    if not words:
        return None
    known = vocabulary(locale).words
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
