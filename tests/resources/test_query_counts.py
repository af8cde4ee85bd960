"""The resource index and resource pages cost a fixed number of SQL queries, however many
resources, skills, tags and partners there are."""

import pytest

from home.demo_media import checklist_document, placeholder_image
from tests.factories import (
    GoodPracticePageFactory,
    GuidePageFactory,
    PartnerOrganisationFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)
from tests.helpers import html, queries_for, same_queries_message, without_search_indexing

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # any public page but search (issue 11); tests/portal/test_query_counts.py
# measures every kind of page in six languages with one and ten times the content


@pytest.fixture
def taxonomy(home_page):
    return {
        "skills": SoftSkillFactory.create_batch(6),
        "partners": PartnerOrganisationFactory.create_batch(3),
        "tags": ["feedback", "first week", "language", "onboarding", "teamwork", "safety"],
        "audience": ["mentor", "manager", "vet-provider", "learner"],
    }


def add_resources(parent, count, taxonomy):
    """``count`` guides and good practices, each with two skills, two tags and a partner."""
    skills, tags, partners = taxonomy["skills"], taxonomy["tags"], taxonomy["partners"]
    with without_search_indexing():
        for n in range(count):
            factory = GuidePageFactory if n % 2 else GoodPracticePageFactory
            factory(
                parent=parent,
                skills=[skills[n % 6], skills[(n + 1) % 6]],
                tags=[tags[n % 6], tags[(n + 2) % 6]],
                partners=[partners[n % 3]],
                audience=["mentor"],
                country=["BG", "GR", "IT", "PT", "ES"][n % 5],
                sector="hospitality",
            )


def test_resource_index_queries_do_not_grow_with_the_number_of_resources(
    client, home_page, taxonomy, settings
):
    index = ResourceIndexPageFactory(parent=home_page)
    add_resources(index, 5, taxonomy)
    few, response = queries_for(client, index.url)
    assert len(html(response).select(".card")) == 5

    add_resources(index, 45, taxonomy)
    many, response = queries_for(client, index.url)
    assert len(html(response).select(".card")) == settings.PORTAL_PAGE_SIZE
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES


def test_filtered_and_paged_resource_index_queries_do_not_grow(client, home_page, taxonomy):
    index = ResourceIndexPageFactory(parent=home_page)
    add_resources(index, 5, taxonomy)
    params = {"type": "guide", "audience": "mentor", "page": "1"}
    few, _response = queries_for(client, index.url, params)
    add_resources(index, 45, taxonomy)
    many, response = queries_for(client, index.url, {**params, "page": "2"})
    assert html(response).select(".card")
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES


@pytest.mark.parametrize("factory", [GuidePageFactory, GoodPracticePageFactory])
def test_resource_page_queries_do_not_grow_with_its_skills_tags_and_partners(
    client, home_page, taxonomy, factory
):
    index = ResourceIndexPageFactory(parent=home_page)
    plain = factory(
        parent=index,
        skills=taxonomy["skills"][:1],
        tags=taxonomy["tags"][:1],
        partners=taxonomy["partners"][:1],
        audience=taxonomy["audience"][:1],
        country="BG",
    )
    rich = factory(
        parent=index,
        skills=taxonomy["skills"],
        tags=taxonomy["tags"],
        partners=taxonomy["partners"],
        audience=taxonomy["audience"],
        country="BG",
    )
    few, _response = queries_for(client, plain.url)
    many, response = queries_for(client, rich.url)
    assert len(html(response).select(".page-meta a.chip")) == 12  # six skills, six tags
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES


def media_blocks(count):
    """``count`` pictures (each its own image) and a download."""
    pictures = [
        ("image", {"image": placeholder_image(f"picture-{n}"), "alt_text": "", "caption": ""})
        for n in range(count)
    ]
    download = {"document": checklist_document(), "title": "Checklist", "description": ""}
    return [*pictures, ("document", download)]


def test_resource_page_queries_do_not_grow_with_the_pictures_in_its_body(
    client, home_page, taxonomy
):
    index = ResourceIndexPageFactory(parent=home_page)
    one = GuidePageFactory(parent=index, skills=taxonomy["skills"][:1], body=media_blocks(1))
    four = GuidePageFactory(parent=index, skills=taxonomy["skills"][:1], body=media_blocks(4))
    few, _response = queries_for(client, one.url)  # renditions made on the first request
    many, response = queries_for(client, four.url)
    assert len(html(response).select(".prose figure img")) == 4
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES
