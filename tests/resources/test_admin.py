"""The Wagtail admin for guides and good practices, as an editor (not a superuser) uses it."""

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from case_studies.models import CaseStudyPage
from resources.models import GoodPracticePage, GuidePage
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
)
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def cases(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def tab_labels(doc):
    """The tab names as shown (without the error-count badge inside each tab)."""
    return [
        tab.find(string=True, recursive=False).strip()
        for tab in doc.select('[role="tablist"] [role="tab"]')
    ]


def test_editor_is_not_a_superuser_but_can_use_the_admin(editor, editor_client):
    assert not editor.is_superuser and not editor.is_staff
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_editor_opens_the_add_form_for_a_guide(editor_client, resources):
    response = editor_client.get(add_url(GuidePage, resources))
    assert response.status_code == 200
    doc = html(response)
    form = doc.select_one("form#page-edit-form")
    assert form.select_one('input[name="title"]') is not None
    assert form.select_one('textarea[name="summary"]') is not None
    assert form.select_one('[name="learning_objectives"]') is not None
    assert tab_labels(doc)[:3] == ["Content", "Taxonomy", "Promotion"]


def test_editor_is_offered_only_guides_and_good_practices_under_the_resource_index(
    editor_client, resources
):
    response = editor_client.get(reverse("wagtailadmin_pages:add_subpage", args=[resources.pk]))
    assert response.status_code == 200
    links = {a["href"] for a in html(response).select("a[href]")}
    assert add_url(GuidePage, resources) in links
    assert add_url(GoodPracticePage, resources) in links
    assert add_url(CaseStudyPage, resources) not in links


@pytest.mark.parametrize(
    ("model", "parent"),
    [(GuidePage, "home"), (GuidePage, "cases"), (CaseStudyPage, "resources")],
)
def test_editor_cannot_add_a_page_where_it_does_not_belong(
    editor_client, home_page, resources, cases, model, parent
):
    parent = {"home": home_page, "resources": resources, "cases": cases}[parent]
    response = editor_client.get(add_url(model, parent))
    assert response.status_code == 403
    assert "Sorry, you do not have permission to access this area." in text_of(html(response))
    assert html(response).select_one("form#page-edit-form") is None


def test_visitors_who_are_not_logged_in_are_sent_to_the_login(client, resources):
    response = client.get(add_url(GuidePage, resources))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    "factory",
    [GuidePageFactory, GoodPracticePageFactory, CaseStudyPageFactory],
    ids=lambda f: f._meta.model.__name__,
)
def test_edit_view_has_content_taxonomy_and_promotion_tabs(
    editor_client, resources, cases, skill, factory
):
    parent = cases if factory is CaseStudyPageFactory else resources
    page = factory(parent=parent, skills=[skill], tags=["feedback"])
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    doc = html(response)
    assert tab_labels(doc)[:3] == ["Content", "Taxonomy", "Promotion"]
    taxonomy = doc.select_one('section[id="panel-child-taxonomy-section"]') or doc
    assert taxonomy.select_one('[name="skill_links-0-skill"]') is not None
    assert 'name="tags"' in str(taxonomy)


def submit_add_form(client, model, parent, **fields):
    """Fill in the add form the editor sees and submit it (save a draft)."""
    url = add_url(model, parent)
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    # Stream fields are drawn by JavaScript; an empty one is just its block count.
    form.update(nested_form_data({"body": streamfield([]), "activities": streamfield([])}))
    for name, value in fields.items():
        form[name] = value
    return client.post(url, form)


def test_editor_saves_a_draft_guide_with_a_soft_skill(editor_client, resources, skill):
    response = submit_add_form(
        editor_client,
        GuidePage,
        resources,
        title="Feedback in the first week",
        slug="feedback-in-the-first-week",
        summary="Short, regular feedback talks.",
        **{"skill_links-0-skill": str(skill.pk)},
    )
    assert response.status_code == 302, text_of(html(response).select_one(".messages") or "")
    guide = GuidePage.objects.get(slug="feedback-in-the-first-week", locale=resources.locale)
    assert not guide.live
    assert [link.skill for link in guide.skill_links.all()] == [skill]


def test_a_guide_needs_at_least_one_soft_skill(editor_client, resources, skill):
    response = submit_add_form(
        editor_client,
        GuidePage,
        resources,
        title="Feedback without a skill",
        slug="feedback-without-a-skill",
        summary="Short, regular feedback talks.",
        **{"skill_links-0-skill": ""},
    )
    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in text_of(html(response))
    assert not GuidePage.objects.filter(slug="feedback-without-a-skill").exists()
