"""Where each page type may be created, in the models and in what an editor is offered."""

from wagtail.models import Page

import pytest

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import HomePage, StandardPage
from resources.models import GoodPracticePage, GuidePage, KnowledgePage, ResourceIndexPage
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
    StandardPageFactory,
)
from tests.helpers import PAGE_MODELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    skill = SoftSkillFactory()
    resources = ResourceIndexPageFactory(parent=home_page)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    return {
        "root": Page.get_first_root_node(),
        "home": home_page,
        "standard": StandardPageFactory(parent=home_page),
        "resource_index": resources,
        "guide": GuidePageFactory(parent=resources, skills=[skill]),
        "case_study_index": cases,
        "case_study": CaseStudyPageFactory(parent=cases, skills=[skill]),
    }


# page type -> the pages of `tree` it may be created under
ALLOWED_PARENTS = {
    HomePage: set(),  # only under the root, and there is already one there
    StandardPage: {"home", "standard"},
    ResourceIndexPage: {"home"},
    GuidePage: {"resource_index"},
    GoodPracticePage: {"resource_index"},
    CaseStudyIndexPage: {"home"},
    CaseStudyPage: {"case_study_index"},
}


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m.__name__)
def test_where_each_page_type_can_be_created(tree, model):
    creatable_under = {name for name, parent in tree.items() if model.can_create_at(parent)}
    assert creatable_under == ALLOWED_PARENTS[model]


def test_home_page_lives_only_under_the_root(tree):
    assert HomePage.allowed_parent_page_models() == [Page]
    assert HomePage.can_exist_under(tree["root"])
    assert not HomePage.can_create_at(tree["root"]), "one home page per language tree"


def test_the_shared_resource_base_cannot_be_created(tree):
    assert not KnowledgePage.is_creatable
    for parent in tree.values():
        assert KnowledgePage not in parent.specific_class.creatable_subpage_models()
        assert not KnowledgePage.can_create_at(parent)


@pytest.mark.parametrize(
    ("model", "subpages"),
    [
        (HomePage, {StandardPage, ResourceIndexPage, CaseStudyIndexPage}),
        (StandardPage, {StandardPage}),
        (ResourceIndexPage, {GuidePage, GoodPracticePage}),
        (CaseStudyIndexPage, {CaseStudyPage}),
        (GuidePage, set()),
        (GoodPracticePage, set()),
        (CaseStudyPage, set()),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_subpage_types(model, subpages):
    assert set(model.creatable_subpage_models()) == subpages
