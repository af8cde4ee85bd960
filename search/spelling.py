"""Typo tolerance that works the same on every backend.

Each language has a vocabulary: the analysed terms of the titles, summaries and soft-skill
names of its live, public resources (never drafts: a suggestion must not reveal unpublished
words). A query term that is not in the vocabulary is joined by the vocabulary terms one edit
away from it ("feedbak" → "feedback", "sqadr" → "squadr"), which are then searched too.
The vocabulary is cached and rebuilt after any page is published, unpublished or deleted.
"""

import uuid
from collections import Counter

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from core.analysis import analyse

VERSION_KEY = "search-vocabulary-version"
MIN_LENGTH = 4
DOCUMENTS = ""  # the vocabulary's entry holding the number of resources it was built from
COMMON_SHARE = 0.5  # a term in more of the titles and summaries than this says little


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def vocabulary(locale) -> Counter:
    """Analysed term → number of resources using it, for one language."""
    key = f"search-vocabulary:{locale.language_code}:{_version()}"
    terms = cache.get(key)
    if terms is None:
        terms = _build(locale)
        cache.set(key, terms, 60 * 60 * 24)
    return terms


def _build(locale):
    from resources.models import KnowledgePage, SoftSkill

    lang = locale.language_code
    counts = Counter()
    rows = (
        KnowledgePage.objects.live()
        .public()
        .filter(locale=locale)
        .values_list("title", "summary")
        .iterator()
    )
    documents = 0
    for title, summary in rows:
        counts.update(set(analyse(f"{title} {summary}", lang)))
        documents += 1
    counts[DOCUMENTS] = documents
    for name in SoftSkill.objects.filter(locale=locale, live=True).values_list("name", flat=True):
        counts.update(set(analyse(name, lang)))
    return counts


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
    vocab = vocabulary(locale)
    if not vocab:
        return []
    alphabet = {ch for term in list(vocab)[:5000] for ch in term}
    found = []
    for term in terms:
        if term in vocab or len(term) < MIN_LENGTH or term.isdigit() or not term:
            continue
        candidates = {c for c in _one_edit_away(term, alphabet) if c in vocab}
        found.extend(sorted(candidates, key=lambda c: -vocab[c])[:2])
    return found


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete, sender=Page)
@receiver(post_save, sender=PageViewRestriction)  # private text leaves the vocabulary at once
@receiver(post_delete, sender=PageViewRestriction)
def _invalidate(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def without_common_terms(terms, locale) -> list:
    """Drop the terms nearly every resource uses ("trainee", "mentor") from a longer query,
    so the words that tell resources apart decide the ranking. A query made only of common
    terms is left as it is."""
    vocab = vocabulary(locale)
    documents = vocab.get(DOCUMENTS, 0)
    if documents < 10:
        return terms
    rare = [t for t in terms if vocab.get(t, 0) <= COMMON_SHARE * documents]
    return rare or terms
