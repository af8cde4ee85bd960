"""Atom feeds per language, of all resources and of one soft skill: parsed as XML, they list the
live public resources of their language with language, dates, authors and summary, and never a
draft, a private page, an unreviewed translation or an alias."""

import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import translation

import pytest

from opendata.feeds import FEED_SIZE
from tests.factories import (
    GuidePageFactory,
    PartnerOrganisationFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)
from tests.helpers import (
    LANGUAGE_CODES,
    html,
    queries_for,
    same_queries_message,
    without_search_indexing,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_url(name, code, *args):
    with translation.override(code):
        return reverse(f"opendata:{name}", args=args)


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 -- the portal's own response


def entries(feed):
    return {entry.find(f"{ATOM}link").get("href"): entry for entry in feed.iter(f"{ATOM}entry")}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_resource_feed_lists_the_language_s_live_public_resources(client, portal, code):
    feed = get_feed(client, feed_url("resource_feed", code))
    assert feed.get(XML_LANG) == code
    found = entries(feed)
    resources = [portal.pages[kind][code] for kind in ("guide", "good_practice", "case_study")]
    assert set(found) == {page.full_url for page in resources}
    for page in resources:
        entry = found[page.full_url]
        assert entry.get(XML_LANG) == code
        assert entry.findtext(f"{ATOM}title") == page.title
        assert entry.findtext(f"{ATOM}summary") == page.summary
        assert entry.findtext(f"{ATOM}published").startswith(str(page.first_published_at.date()))
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}rights") == "CC BY-SA 4.0"
        skills = {category.get("term") for category in entry.iter(f"{ATOM}category")}
        assert portal.skills["giving-feedback"][code].name in skills
    guide = found[portal.pages["guide"][code].full_url]
    authors = [author.findtext(f"{ATOM}name") for author in guide.iter(f"{ATOM}author")]
    assert authors == [portal.partner[code].name]
    hidden = {page.full_url for page in portal.all_hidden_pages()}
    assert not hidden & set(found)


@pytest.mark.parametrize("code", ["en", "bg", "el"])
def test_the_skill_feed_lists_that_skill_s_resources(client, portal, code):
    empathy = portal.skills["empathy"][code]
    found = entries(get_feed(client, feed_url("skill_feed", code, empathy.slug)))
    assert set(found) == {portal.pages["guide"][code].full_url}
    feedback = portal.skills["giving-feedback"][code]
    found = entries(get_feed(client, feed_url("skill_feed", code, feedback.slug)))
    assert len(found) == 3


@pytest.mark.parametrize("slug", ["no-such-skill", "x" * 300, "a%00b"])
def test_an_unknown_skill_s_feed_is_not_found(client, portal, slug):
    assert (
        client.get(
            feed_url("skill_feed", "bg", "placeholder").replace("placeholder", slug)
        ).status_code
        == 404
    )


def test_drafts_private_pages_unreviewed_translations_and_aliases_are_left_out(client, outsiders):
    for code in LANGUAGE_CODES:
        found = set(entries(get_feed(client, feed_url("resource_feed", code))))
        listed = {"en": outsiders.guide, **outsiders.published}.get(code)
        if listed is not None:
            assert listed.full_url in found
        for hidden in (outsiders.unreviewed, outsiders.private, outsiders.alias):
            assert hidden.full_url not in found


def test_pages_link_their_feeds(client, portal):
    home = portal.homes["bg"]
    doc = html(client.get(home.url))
    links = [link["href"] for link in doc.find_all("link", type="application/atom+xml")]
    assert links == [feed_url("resource_feed", "bg")]
    index = portal.pages["resource_index"]["bg"]
    doc = html(client.get(index.url))
    assert feed_url("resource_feed", "bg") in [
        link["href"] for link in doc.find_all("link", rel="alternate", type="application/atom+xml")
    ]
    skill = portal.skills["giving-feedback"]["bg"]
    doc = html(client.get(home.url + home.reverse_subpage("skill", args=[skill.slug])))
    links = [link["href"] for link in doc.find_all("link", type="application/atom+xml")]
    assert links == [feed_url("skill_feed", "bg", skill.slug), feed_url("resource_feed", "bg")]
    for link in doc.find_all("link", type="application/atom+xml"):
        assert link["title"]
        assert client.get(link["href"]).status_code == 200


def test_a_feed_costs_the_same_queries_whatever_the_number_of_resources(client, home_page):
    index = ResourceIndexPageFactory(parent=home_page, slug="feed-test-resources")
    skills = SoftSkillFactory.create_batch(2)
    partners = PartnerOrganisationFactory.create_batch(2)

    def add(count):
        with without_search_indexing():
            for n in range(count):
                GuidePageFactory(
                    parent=index,
                    skills=skills,
                    partners=[partners[n % 2]],
                    tags=["feedback"],
                    audience=["mentor"],
                )

    url = feed_url("resource_feed", "en")
    # pages built earlier in this test process (a shared portal) may be there already
    there = len(entries(ET.fromstring(client.get(url).content)))  # noqa: S314
    add(3)
    few, response = queries_for(client, url)
    assert len(entries(ET.fromstring(response.content))) == there + 3  # noqa: S314
    add(30)
    many, response = queries_for(client, url)
    assert len(entries(ET.fromstring(response.content))) == min(there + 33, FEED_SIZE)  # noqa: S314
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= 8
