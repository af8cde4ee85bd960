"""What public pages keep across requests (navigation, translations, listings: core/fragments.py)
is never stale: a change an editor publishes shows on the next anonymous request."""

import pytest

from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import html, text_of

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
