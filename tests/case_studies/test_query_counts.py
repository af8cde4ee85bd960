"""The case-study index and case-study pages cost a fixed number of SQL queries."""

import pytest

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    PartnerOrganisationFactory,
    SoftSkillFactory,
)
from tests.helpers import html, queries_for, same_queries_message, without_search_indexing

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # any public page but search (issue 11); tests/portal/test_query_counts.py
# measures every kind of page in six languages with one and ten times the content


@pytest.fixture
def skills(home_page):
    return SoftSkillFactory.create_batch(5)


def add_case_studies(parent, count, skills):
    with without_search_indexing():
        for n in range(count):
            CaseStudyPageFactory(
                parent=parent,
                skills=[skills[n % 5], skills[(n + 1) % 5]],
                tags=["placement", f"sector {n % 3}"],
                audience=["mentor", "learner"],
                country=["BG", "GR", "IT", "PT", "ES"][n % 5],
                sector=["retail", "tourism", "ict"][n % 3],
                company_size=["micro", "small", "medium"][n % 3],
            )


def test_case_study_index_queries_do_not_grow_with_the_number_of_case_studies(
    client, home_page, skills, settings
):
    index = CaseStudyIndexPageFactory(parent=home_page)
    add_case_studies(index, 5, skills)
    few, response = queries_for(client, index.url)
    assert len(html(response).select(".card")) == 5

    add_case_studies(index, 45, skills)
    many, response = queries_for(client, index.url)
    doc = html(response)
    assert len(doc.select(".card")) == settings.PORTAL_PAGE_SIZE
    assert doc.select_one('nav.pagination a[rel="next"]') is not None
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES


def test_case_study_index_lists_only_case_studies(client, home_page, skills):
    index = CaseStudyIndexPageFactory(parent=home_page)
    add_case_studies(index, 3, skills)
    doc = html(client.get(index.url))
    assert {
        card.select_one(".card__kind").get_text().split(" · ")[0] for card in doc.select(".card")
    } == {"Case study"}
    kinds = [o["value"] for o in doc.select("select#facet-type option") if o["value"]]
    assert kinds in ([], ["case-study"])


def test_case_study_page_queries_do_not_grow_with_its_skills_and_partners(
    client, home_page, skills
):
    index = CaseStudyIndexPageFactory(parent=home_page)
    partners = PartnerOrganisationFactory.create_batch(3)
    plain = CaseStudyPageFactory(
        parent=index, skills=skills[:1], partners=partners[:1], tags=["a"], audience=["mentor"]
    )
    rich = CaseStudyPageFactory(
        parent=index,
        skills=skills,
        partners=partners,
        tags=["a", "b", "c", "d"],
        audience=["mentor", "manager", "learner"],
    )
    few, _response = queries_for(client, plain.url)
    many, response = queries_for(client, rich.url)
    assert len(html(response).select(".page-meta a.chip")) == 9  # five skills, four tags
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES
