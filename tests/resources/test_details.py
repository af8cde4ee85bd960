"""A resource page's details (soft skills, audience, tags, authoring partners) read in one query
(``KnowledgePage.query_details``): the same lists, in the same order, as reading each relation."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import (
    GuidePageFactory,
    PartnerOrganisationFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)

pytestmark = pytest.mark.django_db


def shown(details):
    return (
        [(skill.pk, skill.name, skill.slug) for skill in details.skills],
        details.audiences,
        [(tag.pk, tag.name, tag.slug) for tag in details.tags],
        [(partner.pk, str(partner), partner.slug) for partner in details.partners],
    )


def test_one_query_reads_what_each_relation_holds_in_order(home_page):
    skills = [SoftSkillFactory(name=name) for name in ("Zeal", "Active listening", "Calm")]
    withdrawn = SoftSkillFactory(name="Withdrawn")
    partners = [PartnerOrganisationFactory(name=name) for name in ("Second Ltd", "First Ltd")]
    guide = GuidePageFactory(
        parent=ResourceIndexPageFactory(parent=home_page),
        skills=[*skills, withdrawn],
        partners=partners,
        tags=["onboarding", "feedback", "arrival"],
        audience=["trainee", "mentor"],
    )
    withdrawn.unpublish()
    with CaptureQueriesContext(connection) as queries:
        details = guide.query_details()
    assert len(queries) == 1
    assert shown(details) == shown(guide.read_details())
    assert [skill.name for skill in details.skills] == ["Zeal", "Active listening", "Calm"]
    assert details.audiences == ["trainee", "mentor"]
    assert [str(partner) for partner in details.partners] == ["Second Ltd", "First Ltd"]


def test_a_page_with_no_details_has_empty_lists(home_page):
    guide = GuidePageFactory(parent=ResourceIndexPageFactory(parent=home_page))
    assert shown(guide.query_details()) == ([], [], [], [])
