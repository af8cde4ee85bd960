"""Typo tolerance never corrects a word that exists, and says when it corrected one.

The search-bench corpus (the demo content's texts, six languages) is loaded as real pages; every
search goes through /<lang>/search/ like a visitor's.
"""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from core.analysis import WORD_RE, analyse
from core.cache import bump_content_version
from resources.models import KnowledgePage
from search.spelling import corrected_query, corrections
from tests.factories import GuidePageFactory
from tests.factories.pages import paragraphs
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

CORPUS = Path(settings.BASE_DIR) / "home" / "demo_content" / "corpus"
LANGS = ["en", "bg", "el", "it", "pt", "es"]

# Words only the bodies use, one edit away from a title or summary term: before bodies were in
# the vocabulary they were "corrected" into it ("hardest" → "harvest", "κριτική" → "κρητικ…",
# Crete; "noche" → "coche").
BODY_WORDS = {
    "en": "hardest",
    "bg": "задавайте",
    "el": "κριτική",
    "it": "emergere",
    "pt": "aceitar",
    "es": "noche",
}

# A typo of a title word, the word it is corrected to, the page that answers it.
TYPOS = {
    "en": ("feedbak", "feedback"),
    "bg": ("конструктвна", "конструктивна"),
    "el": ("εποικοδομητκή", "εποικοδομητική"),
    "it": ("costruttvo", "costruttivo"),
    "pt": ("construtvo", "construtivo"),
    "es": ("constructvo", "constructivo"),
}
ANSWER = "guide-constructive-feedback"


def body_words(lang):
    words = set()
    for line in (CORPUS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
        words.update(WORD_RE.findall(json.loads(line)["body"].lower()))
    return sorted(words)


def search(client, lang, **params):
    response = client.get(search_url(lang), params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def slugs(response):
    return [page.slug for page in response.context["results"]]


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_of_the_live_bodies_is_never_corrected(corpus_pages, client, lang):
    locale = Locale.objects.get(language_code=lang)
    corrected = {w: corrections(analyse(w, lang), locale) for w in body_words(lang)}
    assert {w: c for w, c in corrected.items() if c} == {}
    word = BODY_WORDS[lang]
    assert corrected_query(word, locale) is None
    response, html = search(client, lang, q=word)
    assert html.select(".search-correction") == []
    assert response.context["results"], f"{word!r} is in a {lang} body: it finds that page"


@pytest.mark.parametrize("lang", LANGS)
def test_a_correction_is_shown_with_the_words_as_typed_one_click_away(corpus_pages, client, lang):
    typo, spelled = TYPOS[lang]
    response, html = search(client, lang, q=typo)
    assert ANSWER in slugs(response)
    notice = html.select_one(".search-correction")
    assert notice is not None, f"{typo!r} was corrected silently"
    assert notice.strong.get_text() == spelled
    link = notice.a
    assert link.get_text() == typo
    if lang != "en":
        assert "Showing results for" not in notice.get_text()  # in the visitor's language
    assert html.html["lang"] == lang
    params = parse_qs(urlsplit(link["href"]).query)
    assert params == {"q": [typo], "exact": ["1"]}

    exact, exact_html = search(client, lang, **{k: v[0] for k, v in params.items()})
    assert exact_html.select(".search-correction") == []
    assert exact.context["listing"].exact
    if lang == "en":
        assert ANSWER not in slugs(exact)  # "feedbak" as typed finds nothing
    assert exact.context["listing"].querystring(page=2).count("exact=1") == 1  # kept on paging


def test_all_languages_and_sort_are_kept_by_the_search_instead_link(corpus_pages, client):
    _response, html = search(client, "en", q="feedbak", scope="all", sort="newest")
    link = html.select_one(".search-correction a")
    params = parse_qs(urlsplit(link["href"]).query)
    assert params == {"q": ["feedbak"], "exact": ["1"], "scope": ["all"], "sort": ["newest"]}


def test_a_draft_or_private_word_never_appears_as_a_correction(corpus_pages, client):
    en = Locale.objects.get(language_code="en")
    index = KnowledgePage.objects.get(slug=ANSWER, locale=en).get_parent()
    draft = GuidePageFactory(
        parent=index,
        title="Zephyrology for mentors",
        summary="Zephyrology explained.",
        body=paragraphs("Zephyrology in practice."),
        live=False,
    )
    private = GuidePageFactory(parent=index, title="Zeppelin rides", summary="Zeppelin rides.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    bump_content_version()
    for typo, secret in (("zephirology", "zephyrology"), ("zepelin", "zeppelin")):
        assert corrections(analyse(typo, "en"), en) == []
        assert corrected_query(typo, en) is None
        response, html = search(client, "en", q=typo)
        assert secret not in response.content.decode().lower()
    # published, the same word is a correction: the test above is not vacuous
    draft.save_revision().publish()
    assert corrected_query("zephirology", en) == "zephyrology"
