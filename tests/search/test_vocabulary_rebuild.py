"""After a publish, the spelling vocabulary is rebuilt by a thread while searches go on
(``SEARCH_VOCABULARY_IN_BACKGROUND``, production's setting; search/spelling.py).

A search made before the thread is done is served with the older vocabulary: it is answered
(its terms weighed by the older counts) but offers no correction and no suggestion, so no word
of a page unpublished or made private since can show, and its answer is not kept. Once the new
vocabulary is built, the same search is corrected again.

The behaviour tests stand in for the thread (``started`` records what it was asked to build;
``finish`` builds it in the test's own transaction, as the thread would with the committed
content); ``test_the_thread_builds_and_keeps_the_current_vocabulary`` runs the real thread.
"""

import threading
from contextlib import contextmanager

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from core.cache import bump_content_version, content_version
from resources.models import KnowledgePage
from search import spelling
from tests.factories import GuidePageFactory
from tests.factories.pages import paragraphs
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

TYPO, SPELLED, ANSWER = "feedbak", "feedback", "guide-constructive-feedback"


@pytest.fixture
def background(settings, monkeypatch):
    """Production's setting, however quick the build (the test content's is), the thread
    replaced by a record of what it was asked to build."""
    settings.SEARCH_VOCABULARY_IN_BACKGROUND = True
    settings.SEARCH_VOCABULARY_BACKGROUND_FROM = 0
    started = []
    monkeypatch.setattr(spelling, "_build_in_background", lambda codes: started.append(codes))
    monkeypatch.setattr(spelling, "_held", {})  # none from an earlier test's content
    return started


@contextmanager
def a_request():
    """The signals a server sends around a request, without Django's ``close_old_connections``
    (which listens to them too, and would close the test's database connection: its test client
    leaves it out the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        try:
            yield
        finally:
            request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def finish(*codes):
    """What the thread does: build the vocabularies of the current content version, keep them."""
    spelling._build_and_keep(list(codes), content_version())


def search(client, **params):
    response = client.get(search_url("en"), params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [page.slug for page in response.context["results"]], html


def correction(html):
    notice = html.select_one(".search-correction")
    return notice.strong.get_text() if notice else None


def test_a_search_after_a_publish_waits_for_no_vocabulary(corpus_pages, client, background):
    slugs, html = search(client, q=TYPO)  # the first vocabulary ever: built by the search
    assert correction(html) == SPELLED and ANSWER in slugs
    assert background == []

    bump_content_version()  # a publish
    slugs, html = search(client, q=TYPO)
    assert background == [["en"]]  # the thread was asked for the current one
    assert correction(html) is None  # none from an older vocabulary
    assert ANSWER not in slugs  # "feedbak" as typed
    slugs, html = search(client, q="constructive feedback")  # a search of real words is served
    assert ANSWER in slugs

    finish("en")
    slugs, html = search(client, q=TYPO)  # the uncorrected answer was not kept
    assert correction(html) == SPELLED and ANSWER in slugs
    assert background == [["en"], ["en"]]  # asked again by the second search; none since


def test_the_thread_starts_once_the_response_is_sent(background):
    """The search that found the vocabulary missing has the interpreter to itself: the thread
    starts when the request ends, once for the languages it served older ones of."""
    locales = [Locale(language_code="it"), Locale(language_code="pt")]
    spelling._held.update({code: ("old", spelling.Vocabulary()) for code in ("it", "pt")})
    with a_request():
        spelling.vocabularies(locales)
        spelling.vocabularies(locales[:1])  # a second look in the same request
        assert background == []  # nothing yet while the response is made
    assert background == [["it", "pt"]]
    with a_request():  # a request that served no older vocabulary
        pass
    assert background == [["it", "pt"]]


def test_a_new_process_serves_the_latest_vocabulary_the_cache_keeps(
    corpus_pages, client, background
):
    search(client, q=TYPO)
    bump_content_version()
    spelling._held.clear()  # a worker just started: nothing held, the latest one is in the cache
    slugs, html = search(client, q="constructive feedback")
    assert ANSWER in slugs
    assert background == [["en"]]
    assert spelling._held["en"][0] != content_version()  # the older one, read from the cache


def test_with_no_vocabulary_at_all_the_search_builds_it(corpus_pages, client, background):
    bump_content_version()
    cache.delete_many([spelling.LATEST + code for code in ("en", "bg", "el", "it", "pt", "es")])
    _slugs, html = search(client, q=TYPO)
    assert correction(html) == SPELLED
    assert background == []


def test_no_word_of_a_page_made_private_or_unpublished_is_offered_meanwhile(
    corpus_pages, client, background
):
    en = Locale.objects.get(language_code="en")
    index = KnowledgePage.objects.get(slug=ANSWER, locale=en).get_parent()
    private = GuidePageFactory(parent=index, title="Zeppelin rides", summary="Zeppelin rides.")
    gone = GuidePageFactory(
        parent=index,
        title="Zephyrology for mentors",
        summary="Zephyrology explained.",
        body=paragraphs("Zephyrology in practice."),
    )
    bump_content_version()
    for typo, word in (("zepelin", "zeppelin"), ("zephirology", "zephyrology")):
        _slugs, html = search(client, q=typo)
        assert correction(html) == word  # the test is not vacuous: both are corrections now
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    gone.unpublish()
    bump_content_version()
    for typo, word in (("zepelin", "zeppelin"), ("zephirology", "zephyrology")):
        for q in (typo, f"{typo} xqzv"):  # corrected, and "did you mean" when nothing matches
            slugs, html = search(client, q=q)
            assert word not in html.get_text().lower()
            assert slugs == []
    assert background  # served by the older vocabulary, which has both words
    assert "zeppelin" in spelling._held["en"][1].words
    finish("en")
    for typo, word in (("zepelin", "zeppelin"), ("zephirology", "zephyrology")):
        _slugs, html = search(client, q=typo)
        assert word not in html.get_text().lower()


def test_a_new_word_is_found_not_corrected_meanwhile(corpus_pages, client, background):
    search(client, q=TYPO)
    en = Locale.objects.get(language_code="en")
    index = KnowledgePage.objects.get(slug=ANSWER, locale=en).get_parent()
    new = GuidePageFactory(parent=index, title="Feedbacks in pairs", summary="Pairs of mentors.")
    bump_content_version()
    slugs, html = search(client, q="feedbacks")
    assert new.slug in slugs
    assert correction(html) is None
    assert background == [["en"]]


def test_a_small_vocabulary_is_built_by_the_search_itself(
    corpus_pages, client, background, settings
):
    """The test content has a few dozen resources in a language: under production's threshold
    the first search after a publish builds the vocabulary at once and is corrected, no thread
    started."""
    settings.SEARCH_VOCABULARY_BACKGROUND_FROM = 2000
    search(client, q=TYPO)
    assert 0 < spelling._held["en"][1].terms[spelling.DOCUMENTS] < 2000
    bump_content_version()
    slugs, html = search(client, q=TYPO)
    assert correction(html) == SPELLED and ANSWER in slugs
    assert background == []
    assert spelling._held["en"][0] == content_version()


def test_outside_a_request_the_vocabulary_is_always_current(corpus_pages, background):
    en = Locale.objects.get(language_code="en")
    spelling.vocabulary(en)
    bump_content_version()
    vocab = spelling.vocabulary(en)  # a management command (search_eval): built at once
    assert spelling._held["en"] == (content_version(), vocab)
    assert spelling.current(en) is vocab
    assert background == []


def test_the_thread_builds_and_keeps_the_current_vocabulary(settings, monkeypatch):
    """The real thread: what it builds is held by the process and kept in the cache, under the
    version it read before building, and a failed build is logged and can be tried again."""
    settings.SEARCH_VOCABULARY_IN_BACKGROUND = True
    settings.SEARCH_VOCABULARY_BACKGROUND_FROM = 0
    built, release = [], threading.Event()

    # stands in for the database read (the thread has its own connection)
    def build_many(codes, pause=None):
        release.wait(5)
        built.append(codes)
        if codes == ["pt"]:
            raise RuntimeError("the database went away")
        return {code: spelling.Vocabulary(alphabet=code) for code in codes}

    monkeypatch.setattr(spelling, "_build_many", build_many)
    monkeypatch.setattr(spelling, "_held", {"it": ("old", spelling.Vocabulary(alphabet="old"))})
    locales = [Locale(language_code="it")]
    with a_request():
        version = content_version()
        served = spelling.vocabularies(locales)
        spelling.vocabularies(locales)  # a second look meanwhile asks for no second build
        assert served["it"].alphabet == "old"
        assert spelling.current(locales[0]) is None
    release.set()
    assert spelling.wait_for_builds(5)
    assert built == [["it"]]
    assert spelling._held["it"] == (version, spelling.Vocabulary(alphabet="it"))
    assert cache.get(spelling.LATEST + "it") == (version, spelling.Vocabulary(alphabet="it"))
    assert spelling.vocabularies(locales)["it"].alphabet == "it"  # no build: held

    monkeypatch.setattr(spelling, "_held", {"pt": ("old", spelling.Vocabulary(alphabet="old"))})
    with a_request():
        spelling.vocabularies([Locale(language_code="pt")])
    assert spelling.wait_for_builds(5)
    assert spelling._building == set()  # tried again by the next search
    assert spelling._held["pt"][0] == "old"
