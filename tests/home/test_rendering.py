"""Every page type in every language: what a visitor (and a search engine) gets.

The portal is built once for the module (``portal`` fixture): English pages and snippets,
translated into the five partner languages with wagtail-localize.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

import pytest

from tests.content import PAGE_KINDS
from tests.helpers import LANGUAGE_CODES, MARKERS, SOURCE_LANGUAGE, html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rendered(portal):
    """GET a page (once per module: nothing here changes the content) and parse it."""
    cache = {}

    def get(client, url):
        if url not in cache:
            response = client.get(url)
            assert response.status_code == 200, url
            cache[url] = html(response)
        return cache[url]

    return get


def assert_page_basics(doc, code):
    """The parts every page has: its language, one <h1>, a working skip link."""
    assert doc.html["lang"] == code
    headings = doc.find_all("h1")
    assert len(headings) == 1, [text_of(h) for h in headings]
    skip = doc.body.find("a")
    assert "skip-link" in skip["class"], "the skip link must be the first link on the page"
    assert skip["href"] == "#main"
    assert doc.find(id="main").name == "main"
    with translation.override(code):
        assert text_of(skip) == gettext("Skip to main content")
    return text_of(headings[0])


@pytest.mark.parametrize("code", LANGUAGE_CODES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_shows_its_translated_content(portal, rendered, client, kind, code):
    page = portal.pages[kind][code].specific
    doc = rendered(client, page.url)
    assert assert_page_basics(doc, code) == page.title
    main = text_of(doc.find("main"))
    english = portal.pages[kind][SOURCE_LANGUAGE].specific
    if code != SOURCE_LANGUAGE:
        assert page.title == f"{MARKERS[code]} {english.title}"
    for field in ("summary", "intro"):
        if getattr(english, field, ""):
            assert getattr(page, field) in main
    assert text_of(doc.find("title")).startswith(page.title)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_language_switcher_and_alternates_link_every_translation(
    portal, rendered, client, kind, code
):
    versions = portal.pages[kind]
    page = versions[code]
    doc = rendered(client, page.url)

    switcher = doc.select("nav.language-switcher a")
    assert {a["hreflang"]: a["href"] for a in switcher} == {c: p.url for c, p in versions.items()}
    assert [a["hreflang"] for a in switcher] == LANGUAGE_CODES
    current = [a["hreflang"] for a in switcher if a.get("aria-current") == "true"]
    assert current == [code]
    for a in switcher:
        assert a["lang"] == a["hreflang"]

    alternates = {
        link["hreflang"]: link["href"] for link in doc.select('link[rel="alternate"][hreflang]')
    }
    expected = {c: p.full_url for c, p in versions.items()}
    expected["x-default"] = versions[settings.LANGUAGE_CODE].full_url
    assert alternates == expected
    canonical = doc.select('link[rel="canonical"]')
    assert [link["href"] for link in canonical] == [page.full_url]


def test_following_the_language_switcher_leads_to_each_translation(portal, client):
    guide = portal.pages["guide"]
    doc = html(client.get(guide["bg"].url))
    for link in doc.select("nav.language-switcher a"):
        target = html(client.get(link["href"]))
        code = link["hreflang"]
        assert target.html["lang"] == code
        assert text_of(target.find("h1")) == guide[code].title


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_navigation_is_in_the_visitors_language(portal, rendered, client, code):
    doc = rendered(client, portal.pages["guide"][code].url)
    nav = {text_of(a): a["href"] for a in doc.select("nav.site-nav a")}
    for kind in ("standard", "resource_index", "case_study_index"):
        section = portal.pages[kind][code]
        assert nav[section.title] == section.url
    assert doc.select_one("a.site-logo")["href"] == portal.homes[code].url


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_resource_shows_its_taxonomy_in_the_visitors_language(portal, rendered, client, code):
    guide = portal.pages["guide"][code]
    doc = rendered(client, guide.url)
    meta = doc.select_one("dl.page-meta")
    skill_links = {text_of(a): a["href"] for a in meta.select("a.chip") if "/skills/" in a["href"]}
    home = portal.homes[code]
    for slug in ("giving-feedback", "empathy"):
        skill = portal.skills[slug][code]
        assert skill_links[skill.name] == home.url + home.reverse_subpage("skill", args=[slug])
    tag_hrefs = {a["href"] for a in meta.select("a.chip") if "/tags/" in a["href"]}
    assert home.url + home.reverse_subpage("tag", args=["feedback"]) in tag_hrefs
    text = text_of(meta)
    assert portal.partner[code].name in text
    with translation.override(code):
        assert gettext("Mentors") in text
        assert gettext("Hospitality") in text


# Pages served by the home page's routes: per tag, per skill, the skill index


def route_url(portal, code, name, *args):
    home = portal.homes[code]
    return home.url + home.reverse_subpage(name, args=args)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_tag_page_lists_the_resources_in_the_visitors_language(portal, client, code):
    response = client.get(route_url(portal, code, "tag", portal.tag_slug))
    assert response.status_code == 200
    doc = html(response)
    with translation.override(code):
        heading = gettext("Tag: %(name)s") % {"name": "feedback"}
    assert assert_page_basics(doc, code) == heading
    titles = [text_of(a) for a in doc.select(".results .card__title a")]
    expected = [portal.pages[kind][code].title for kind in ("guide", "good_practice", "case_study")]
    assert sorted(titles) == sorted(expected)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_skill_page_lists_the_resources_in_the_visitors_language(portal, client, code):
    response = client.get(route_url(portal, code, "skill", portal.skill_slug))
    assert response.status_code == 200
    doc = html(response)
    assert assert_page_basics(doc, code) == portal.skills[portal.skill_slug][code].name
    titles = sorted(text_of(a) for a in doc.select(".results .card__title a"))
    expected = [portal.pages[kind][code].title for kind in ("guide", "good_practice", "case_study")]
    assert titles == sorted(expected)
    assert portal.skills[portal.skill_slug][code].description in text_of(doc.find("main"))


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_skill_index_lists_the_skills_in_the_visitors_language(portal, client, code):
    response = client.get(route_url(portal, code, "skills"))
    assert response.status_code == 200
    doc = html(response)
    with translation.override(code):
        assert assert_page_basics(doc, code) == gettext("Soft skills")
    links = {text_of(a): a["href"] for a in doc.select(".skill-list a")}
    assert links == {
        versions[code].name: route_url(portal, code, "skill", slug)
        for slug, versions in portal.skills.items()
    }


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_routed_pages_switch_language_to_the_same_route(portal, client, code):
    for name, args in (("tag", ["feedback"]), ("skill", ["empathy"]), ("skills", [])):
        doc = html(client.get(route_url(portal, code, name, *args)))
        switcher = {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}
        assert switcher == {c: route_url(portal, c, name, *args) for c in LANGUAGE_CODES}
        canonical = doc.select_one('link[rel="canonical"]')["href"]
        assert canonical.endswith(route_url(portal, code, name, *args))
