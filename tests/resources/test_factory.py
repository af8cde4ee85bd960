"""``resources.factory``: the one module that builds resource pages for the demo loader,
search_eval, the benchmark and the test factories."""

from wagtail.models import Locale

import pytest

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import HomePage
from resources import factory
from resources.models import GuidePage, ResourceIndexPage, SoftSkill
from tests.factories import PartnerOrganisationFactory, SoftSkillFactory
from tests.helpers import without_search_indexing

pytestmark = pytest.mark.django_db

DOC = {
    "id": "guide-active-listening",
    "type": "guide",
    "title": "Active listening",
    "summary": "Listen first.",
    "body": "First paragraph.\n\nSecond paragraph.",
    "skills": ["active-listening"],
    "audience": ["mentor"],
    "country": None,
    "sector": "retail",
}


def test_page_classes_come_from_the_kind_registry_and_wagtails_page_type_rules():
    assert factory.resource_model("case_study") is CaseStudyPage
    assert factory.index_model(GuidePage) is ResourceIndexPage
    assert factory.index_models() == [ResourceIndexPage, CaseStudyIndexPage]
    assert factory.home_model() is HomePage
    assert [factory.index_slug(m) for m in factory.index_models()] == ["resources", "case-studies"]


def test_a_corpus_document_becomes_a_live_page_with_its_links(home_page):
    with without_search_indexing():
        indexes = factory.index_pages(home_page)
        skill = SoftSkillFactory(name="Active listening", slug="active-listening")
        partner = PartnerOrganisationFactory()
        page = factory.document_resource(
            indexes, DOC, {"active-listening": skill}, partners=[partner], tags=["listening"]
        )
    page = GuidePage.objects.get(pk=page.pk)
    assert page.get_parent().specific == indexes[ResourceIndexPage]
    assert (page.slug, page.title, page.summary, page.sector) == (
        "guide-active-listening",
        "Active listening",
        "Listen first.",
        "retail",
    )
    assert [block.value.source for block in page.body] == [
        "<p>First paragraph.</p>",
        "<p>Second paragraph.</p>",
    ]
    assert page.skill_list() == [skill]
    assert page.partner_list() == [partner]
    assert page.audience_labels() == ["Mentors"]
    assert list(page.tags.names()) == ["listening"]
    assert page.live and page.locale == home_page.locale
    assert page.latest_revision is None  # saved, not published through a revision


def test_a_loader_run_again_rewrites_the_page_and_publishes_it(home_page):
    with without_search_indexing():
        indexes = factory.index_pages(home_page)
        skill = SoftSkillFactory(name="Active listening", slug="active-listening")
        first = factory.document_resource(indexes, DOC, {"active-listening": skill})
        again = factory.document_resource(
            indexes, {**DOC, "title": "Listening"}, skills=[], publish=True, update=True
        )
    assert again.pk == first.pk
    page = GuidePage.objects.get(pk=first.pk)
    assert page.title == "Listening" and page.skill_list() == []
    assert page.latest_revision is not None and page.first_published_at is not None
    assert factory.index_pages(home_page) == indexes  # found again, not created twice


def test_a_language_without_a_home_page_gets_one(home_page):
    italian = Locale.objects.get(language_code="it")
    HomePage.objects.filter(locale=italian).delete()
    home = factory.home_page(italian)
    assert isinstance(home, HomePage) and home.depth == 2 and home.locale == italian
    assert factory.home_page(italian) == home


def test_snippets_are_one_per_slug_and_language(locales):
    first = factory.snippet(SoftSkill, slug="empathy", locale=locales["en"], name="Empathy")
    kept = factory.snippet(
        SoftSkill, slug="empathy", locale=locales["en"], update=False, name="Other"
    )
    assert kept.pk == first.pk and kept.name == "Empathy"
    updated = factory.snippet(SoftSkill, slug="empathy", locale=locales["en"], name="Empathy!")
    assert updated.pk == first.pk and updated.name == "Empathy!"
