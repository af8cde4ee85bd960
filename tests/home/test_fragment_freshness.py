"""What public pages keep across requests (navigation, translations, listings: core/fragments.py)
is never stale: a change an editor publishes shows on the next anonymous request."""

from wagtail.models import PageViewRestriction

import pytest

from resources.models import KnowledgePageSkill
from tests.factories import (
    GuidePageFactory,
    PartnerOrganisationFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)
from tests.helpers import html, text_of, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    index = ResourceIndexPageFactory(parent=home_page, show_in_menus=True)
    GuidePageFactory(parent=index, title="First guide", tags=["feedback"])
    return index


def titles(client, url):
    return [text_of(a) for a in html(client.get(url)).select(".card__title a")]


def test_a_published_guide_shows_in_the_listing_and_tag_page_on_the_next_request(
    client, index, home_page
):
    tag_url = home_page.url + home_page.reverse_subpage("tag", args=["feedback"])
    assert titles(client, index.url) == ["First guide"]
    assert titles(client, tag_url) == ["First guide"]
    guide = GuidePageFactory(parent=index, title="Second guide", tags=["feedback"], live=False)
    assert "Second guide" not in titles(client, index.url)
    guide.save_revision().publish()
    assert "Second guide" in titles(client, index.url)
    assert "Second guide" in titles(client, tag_url)
    assert "Second guide" in titles(client, home_page.url)
    assert client.get(guide.url).status_code == 200


def test_an_unpublished_guide_leaves_the_listing_and_its_address(client, index):
    guide = index.get_children().get(title="First guide").specific
    assert client.get(guide.url).status_code == 200
    assert titles(client, index.url) == ["First guide"]
    guide.unpublish()
    assert titles(client, index.url) == []
    assert client.get(guide.url).status_code == 404


def test_a_renamed_section_shows_in_the_navigation(client, index, home_page):
    def nav():
        return [text_of(a) for a in html(client.get(home_page.url)).select(".site-nav a")]

    assert index.title in nav()
    index.title = "All the guides"
    index.save_revision().publish()
    assert "All the guides" in nav()


def test_a_new_skill_shows_on_the_skill_index(client, home_page):
    url = home_page.url + home_page.reverse_subpage("skills")
    client.get(url)
    skill = SoftSkillFactory(name="Patience", slug="patience")
    assert "Patience" in html(client.get(url)).get_text()
    assert client.get(url + "patience/").status_code == 200
    assert skill.slug == "patience"


def page_meta(client, page):
    return text_of(html(client.get(page.url)).select_one(".page-meta"))


def test_a_resource_page_shows_a_renamed_skill_a_new_tag_and_a_withdrawn_partner(client, index):
    skill = SoftSkillFactory(name="Listening", slug="listening")
    partner = PartnerOrganisationFactory(name="Mentors Ltd", slug="mentors-ltd")
    guide = GuidePageFactory(parent=index, skills=[skill], partners=[partner], tags=["feedback"])
    assert "Listening" in page_meta(client, guide)
    assert "Mentors Ltd" in page_meta(client, guide)

    skill.name = "Active listening"
    skill.save_revision().publish()
    assert "Active listening" in page_meta(client, guide)

    guide.tags.add("onboarding")
    guide.audiences.create(audience="manager")
    guide.save_revision().publish()
    assert "onboarding" in page_meta(client, guide)
    assert "Managers" in page_meta(client, guide)

    partner.unpublish()
    assert "Mentors Ltd" not in page_meta(client, guide)


def test_a_restriction_on_the_section_applies_to_its_pages_on_the_next_request(client, index):
    guide = index.get_children().get(title="First guide")
    assert client.get(guide.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(guide.url).status_code == 302  # to the login page
    restriction.delete()
    assert client.get(guide.url).status_code == 200


def test_a_preview_shows_the_draft_skills_not_the_kept_ones(client, index):
    kept, draft = SoftSkillFactory(name="Kept skill"), SoftSkillFactory(name="Draft skill")
    guide = GuidePageFactory(parent=index, skills=[kept])
    assert "Kept skill" in page_meta(client, guide)

    guide.skill_links = [KnowledgePageSkill(skill=draft, locale=guide.locale)]
    preview = text_of(html(guide.make_preview_request()).select_one(".page-meta"))
    assert "Draft skill" in preview
    assert "Kept skill" not in preview
    assert "Kept skill" in page_meta(client, guide)


def test_a_draft_translation_serves_its_english_page_until_it_is_published(
    client, index, home_pages
):
    translate(index, languages=["bg"])
    guide = index.get_children().get(title="First guide").specific
    bulgarian = translate(guide, languages=["bg"])["bg"]
    bulgarian.unpublish()  # a draft again, as while its translation is reviewed

    def heading():
        response = client.get(bulgarian.url)
        return text_of(html(response).find("h1")) if response.status_code == 200 else None

    assert heading() == "First guide"
    guide.title = "The first guide"
    guide.save_revision().publish()
    assert heading() == "The first guide"
    bulgarian.refresh_from_db()
    bulgarian.save_revision().publish()
    assert heading() not in (None, "The first guide")  # its own, translated title
    bulgarian.unpublish()
    guide.unpublish()
    assert heading() is None


def test_an_address_found_empty_serves_the_page_published_there_next(client, index):
    """Which page answers an address is kept, a missing one too (``CachedChildRouteMixin``)."""
    url = index.url + "late-guide/"
    assert client.get(url).status_code == 404
    guide = GuidePageFactory(parent=index, title="Late guide", slug="late-guide", live=False)
    assert client.get(url).status_code == 404
    guide.save_revision().publish()
    response = client.get(url)
    assert response.status_code == 200
    assert text_of(html(response).find("h1")) == "Late guide"


def test_a_section_hidden_from_menus_leaves_the_navigation_and_the_home_page(
    client, index, home_page
):
    def sections():
        doc = html(client.get(home_page.url))
        return [text_of(a) for a in doc.select(".site-nav a, .section-links a")]

    assert sections().count(index.title) == 2  # in the navigation and in "Explore"
    index.show_in_menus = False
    index.save_revision().publish()
    assert index.title not in sections()


def test_a_restriction_lifted_makes_the_section_public_in_every_list(client, index, home_page):
    """The restrictions of the whole site are kept (``core.pages.restricted_pages``): the page,
    its translations' links and the navigation follow a change on the next request."""
    guide = index.get_children().get(title="First guide")
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(guide.url).status_code == 302
    assert index.title not in text_of(html(client.get(home_page.url)).select_one(".site-nav"))
    restriction.delete()
    assert client.get(guide.url).status_code == 200
    assert index.title in text_of(html(client.get(home_page.url)).select_one(".site-nav"))


def test_a_new_home_page_language_routes_its_pages(client, home_page, index):
    """The home pages of every language are kept (``HomePage.every_home``): a language whose
    home page is published serves its own pages next."""
    assert client.get("/bg/").status_code in (200, 404)
    translate(home_page, languages=["bg"])
    bulgarian_index = translate(index, languages=["bg"])["bg"]
    response = client.get(bulgarian_index.url)
    assert response.status_code == 200
    assert html(response).find("html")["lang"] == "bg"
    assert text_of(html(response).find("h1")) == bulgarian_index.title
