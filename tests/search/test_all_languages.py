"""Searching all languages: each resource once, in the visitor's language when a live, public
version exists in it — even if only another language's text matched — else the best match;
the other live versions one click away (issue 14, item 4).

On top of the module-scoped ``content`` (tests/search/conftest.py) two guides translated into
every language, whose distinctive word only the English text has (the translators wrote
another word): the "quokka" guide is live in every language; of the "wombat" guide the
Bulgarian translation is a draft again and the Greek one is behind a password.
"""

import pytest

from tests.content import restrict
from tests.factories import GuidePageFactory
from tests.helpers import LANGUAGE_CODES, html, marked, rolled_back, text_of, translate
from tests.search.conftest import engine_index, search_url

pytestmark = pytest.mark.django_db

OTHER_WORD = {"quokka": "kangaroo", "wombat": "koala"}


def translated(english, lang):
    """What the translators wrote: the distinctive words are not in any translation."""
    for word, other in OTHER_WORD.items():
        english = english.replace(word, other)
    return marked(english, lang)


def guide(content, word):
    english = GuidePageFactory(
        parent=content.portal.pages["resource_index"]["en"],
        title=f"Night shifts with a {word} mascot",
        summary=f"A team keeps spirits up with a {word} on the counter.",
        skills=[],
        audience=["mentor"],
    )
    return {"en": english, **translate(english, text=translated)}


@pytest.fixture(scope="module")
def guides(content, django_db_blocker):
    with rolled_back(django_db_blocker):
        quokka = guide(content, "quokka")
        wombat = guide(content, "wombat")
        wombat["bg"].unpublish()
        restrict(wombat["el"])
        engine_index()
        yield {"quokka": quokka, "wombat": wombat}


def search_all(client, lang, word, **params):
    response = client.get(search_url(lang), {"q": word, "scope": "all", **params})
    assert response.status_code == 200
    return html(response)


def cards(page):
    return page.select(".search-result")


def other_languages(card):
    """{language: (href, lang attribute)} of the card's links to its other versions."""
    links = card.select(".search-result__languages a")
    return {a["hreflang"]: (a["href"], a["lang"]) for a in links}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_resource_matched_through_english_shows_the_visitors_version(guides, client, lang):
    versions = guides["quokka"]
    page = search_all(client, lang, "quokka")
    [card] = cards(page)
    title = card.select_one(".card__title")
    assert text_of(title) == versions[lang].title
    assert title.select_one("a")["href"] == versions[lang].url
    assert not title.has_attr("lang")  # the page's own language
    assert not card.select(".badge--language")
    links = other_languages(card)
    assert links == {
        code: (version.url, code) for code, version in versions.items() if code != lang
    }
    assert text_of(page.select_one("[role=status]")).startswith("1 ")
    language_facet = {
        option["value"]: text_of(option)
        for option in page.select("select[name=language] option")
        if option["value"]
    }
    assert sorted(language_facet) == sorted(LANGUAGE_CODES)
    assert all(label.endswith("(1)") for label in language_facet.values())


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_choosing_a_language_shows_its_version(guides, client, lang):
    versions = guides["quokka"]
    chosen = "el" if lang != "el" else "pt"
    [card] = cards(search_all(client, lang, "quokka", language=chosen))
    assert text_of(card.select_one(".card__title")) == versions[chosen].title


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_draft_or_private_version_is_never_used_nor_linked(guides, client, lang):
    versions = guides["wombat"]
    page = search_all(client, lang, "wombat")
    [card] = cards(page)
    shown = "en" if lang in ("bg", "el") else lang
    title = card.select_one(".card__title")
    assert text_of(title) == versions[shown].title
    if shown != lang:
        assert title["lang"] == "en"
        assert title.select_one("a")["hreflang"] == "en"
    links = other_languages(card)
    assert set(links) == {"en", "it", "pt", "es"} - {shown}
    body = str(page)
    for hidden in ("bg", "el"):
        assert versions[hidden].title not in body
        assert versions[hidden].url not in body
    options = {o["value"] for o in page.select("select[name=language] option") if o["value"]}
    assert options == {"en", "it", "pt", "es"}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_counts_facets_and_pages_agree_with_what_is_shown(guides, client, lang):
    page = search_all(client, lang, "quokka wombat")
    shown = cards(page)
    assert len(shown) == 2
    assert text_of(page.select_one("[role=status]")).startswith("2 ")
    titles = {text_of(card.select_one(".card__title")) for card in shown}
    assert len(titles) == 2  # each resource once
    kinds = {o["value"]: text_of(o) for o in page.select("select[name=type] option")}
    assert kinds["guide"].endswith("(2)")
    others = [label for value, label in kinds.items() if value not in ("", "guide")]
    assert all(label.endswith("(0)") for label in others)
