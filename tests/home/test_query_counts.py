"""Tag pages, skill pages and the home page cost a fixed number of SQL queries, however many
resources they list."""

import pytest

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)
from tests.helpers import html, queries_for, same_queries_message, without_search_indexing

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # listings, tag, skill and home pages (issue 11)


@pytest.fixture
def site_tree(home_page):
    return {
        "home": home_page,
        "resources": ResourceIndexPageFactory(parent=home_page),
        "cases": CaseStudyIndexPageFactory(parent=home_page),
        "skills": [
            SoftSkillFactory(name="Giving feedback", slug="giving-feedback"),
            *SoftSkillFactory.create_batch(3),
        ],
    }


def add_resources(tree, count):
    """Guides, good practices and case studies, all with the "feedback" tag and skill."""
    skills = tree["skills"]
    with without_search_indexing():
        for n in range(count):
            factory, parent = [
                (GuidePageFactory, tree["resources"]),
                (GoodPracticePageFactory, tree["resources"]),
                (CaseStudyPageFactory, tree["cases"]),
            ][n % 3]
            factory(
                parent=parent,
                skills=[skills[0], skills[1 + n % 3]],
                tags=["feedback", f"topic {n % 4}"],
                audience=["mentor"],
                country=["BG", "IT", "ES"][n % 3],
            )


def route(home, name, *args):
    return home.url + home.reverse_subpage(name, args=args)


@pytest.mark.parametrize(("name", "args"), [("tag", ["feedback"]), ("skill", ["giving-feedback"])])
def test_tag_and_skill_page_queries_do_not_grow_with_the_number_of_resources(
    client, site_tree, settings, name, args
):
    url = route(site_tree["home"], name, *args)
    add_resources(site_tree, 5)
    few, response = queries_for(client, url)
    assert len(html(response).select(".card")) == 5

    add_resources(site_tree, 45)
    many, response = queries_for(client, url)
    assert len(html(response).select(".card")) == settings.PORTAL_PAGE_SIZE
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES


def test_home_page_queries_do_not_grow_with_the_number_of_resources(client, site_tree):
    url = site_tree["home"].url
    add_resources(site_tree, 5)
    few, _response = queries_for(client, url)
    add_resources(site_tree, 45)
    many, response = queries_for(client, url)
    assert len(html(response).select(".card")) == 6  # the latest six
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES
