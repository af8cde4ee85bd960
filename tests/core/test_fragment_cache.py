"""Kept fragments are always right (issue 11, items 1 and 2).

With the anonymous page cache off (the test settings' default), a resource page keeps its
rendered body (``resource-body``), a listing its filters, cards and pagination per address
(``listing``), every page its header (``header``: navigation and language switcher, per page
and address), its Open Graph and JSON-LD head (``open-data-head``) and its footer (``footer``),
under the content version (``{% wagtailcache %}``, ``core/templatetags/fragment_tags.py``).
Each test first shows that the fragment was kept, then makes a change an editor can make and
checks what a visitor sees next: the change, never the kept copy. Previews never use nor fill a
kept fragment, and a page behind a password shows its body only to a visitor who gave it,
whoever's visit kept it.
"""

from django.core.cache import cache
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import (
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
    StandardPageFactory,
)
from tests.helpers import html, publish, text_of, title_of, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(index):
    return GuidePageFactory(parent=index, title="Listening first", tags=["listening"])


def kept(name):
    """The locmem cache's keys of the fragment ``name`` (Django's ``template.cache.<name>``)."""
    return [key for key in cache._cache if f"template.cache.{name}." in key]


def og_title(response):
    return html(response).select_one('meta[property="og:title"]')["content"]


def card_titles(response):
    return [text_of(h) for h in html(response).select(".card__title")]


def test_a_resource_body_is_kept_and_a_published_change_shows_at_once(client, guide):
    first = client.get(guide.url)
    assert kept("resource-body")
    assert client.get(guide.url).content == first.content  # the kept body, the same page
    publish(guide, title="Listening well", summary="A new summary for mentors.")
    page = client.get(guide.url)
    assert title_of(page) == "Listening well"
    assert "A new summary for mentors." in page.content.decode()
    assert "Summary of Listening first." not in page.content.decode()


def test_a_renamed_skill_shows_on_the_guide_and_in_the_listing(client, index):
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    guide = GuidePageFactory(parent=index, title="Listening first", skills=[skill])
    assert "Active listening" in client.get(guide.url).content.decode()
    assert "Active listening" in client.get(index.url).content.decode()
    assert kept("resource-body") and kept("listing")
    skill.name = "Attentive listening"
    skill.save_revision().publish()
    for url in (guide.url, index.url):
        page = client.get(url).content.decode()
        assert "Attentive listening" in page
        assert "Active listening" not in page


def test_a_preview_neither_uses_nor_fills_the_kept_body(admin_client, client, guide):
    assert title_of(client.get(guide.url)) == "Listening first"  # the live body, kept
    page = guide.specific
    page.title = "A draft in preview"
    page.save_revision()
    assert kept("resource-body") and kept("open-data-head")
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert title_of(preview) == "A draft in preview"
    assert og_title(preview) == "A draft in preview"
    live = client.get(guide.url)
    assert title_of(live) == "Listening first"
    assert og_title(live) == "Listening first"


def test_a_password_protected_body_is_shown_only_to_who_gave_the_password(client, guide):
    PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="secret-password"
    )
    form = html(client.get(guide.url)).form
    client.post(form["action"], {"password": "secret-password", "return_url": guide.url})
    opened = client.get(guide.url)
    assert "Body of Listening first" in opened.content.decode()  # shown, and kept
    assert kept("resource-body")
    client.cookies.clear()  # another visitor
    refused = client.get(guide.url).content.decode()
    assert "Body of Listening first" not in refused
    assert "Listening first" not in refused


def test_each_listing_address_keeps_its_own_results(client, index):
    GuidePageFactory(parent=index, title="Listening first", tags=["listening"])
    GuidePageFactory(parent=index, title="Planning the week", tags=["planning"])
    assert sorted(card_titles(client.get(index.url))) == ["Listening first", "Planning the week"]
    assert card_titles(client.get(index.url, {"tag": "listening"})) == ["Listening first"]
    assert card_titles(client.get(index.url, {"tag": "planning"})) == ["Planning the week"]
    assert len(kept("listing")) == 3
    assert card_titles(client.get(index.url, {"tag": "listening"})) == ["Listening first"]


def test_a_listing_shows_a_new_guide_and_drops_an_unpublished_or_restricted_one(
    client, index, guide
):
    assert card_titles(client.get(index.url)) == ["Listening first"]
    assert kept("listing")
    other = GuidePageFactory(parent=index, title="Planning the week")
    assert sorted(card_titles(client.get(index.url))) == ["Listening first", "Planning the week"]
    other.unpublish()
    assert card_titles(client.get(index.url)) == ["Listening first"]
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    assert card_titles(client.get(index.url)) == []


def test_the_listing_fragment_is_kept_per_language(client, home_pages):
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    bg_index = translate(index, languages=["bg"])["bg"]
    guide = GuidePageFactory(parent=index, title="Listening first")
    bg_guide = translate(guide, languages=["bg"])["bg"]
    assert card_titles(client.get(index.url)) == ["Listening first"]
    assert card_titles(client.get(bg_index.url)) == [bg_guide.title]
    assert bg_guide.title != "Listening first"


def test_a_renamed_footer_page_shows_in_the_kept_footer(client, guide, home_page):
    contact = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    footer = html(client.get(guide.url)).select_one(".site-footer")
    assert "Contact" in [text_of(a) for a in footer.select("a")]
    assert kept("footer")
    publish(contact, title="Contact the partners")
    footer = html(client.get(guide.url)).select_one(".site-footer")
    assert "Contact the partners" in [text_of(a) for a in footer.select("a")]


def test_the_kept_head_follows_a_published_title(client, guide):
    assert og_title(client.get(guide.url)) == "Listening first"
    assert kept("open-data-head")
    publish(guide, title="Listening well")
    assert og_title(client.get(guide.url)) == "Listening well"


def test_a_new_menu_section_shows_in_every_kept_header(client, guide, home_page):
    nav = [text_of(a) for a in html(client.get(guide.url)).select(".site-nav a")]
    assert "Case stories" not in nav
    assert kept("header")
    section = ResourceIndexPageFactory(parent=home_page, title="Case stories", slug="stories")
    publish(section, show_in_menus=True)
    nav = [text_of(a) for a in html(client.get(guide.url)).select(".site-nav a")]
    assert "Case stories" in nav


def test_the_header_marks_the_section_of_each_page(client, index, guide, home_page):
    other = StandardPageFactory(parent=home_page, title="About us", slug="about")
    publish(index, show_in_menus=True)
    current = html(client.get(guide.url)).select_one('.site-nav a[aria-current="page"]')
    assert text_of(current) == index.title
    assert html(client.get(other.url)).select_one('.site-nav a[aria-current="page"]') is None
