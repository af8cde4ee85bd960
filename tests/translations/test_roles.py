"""Roles per language: what a translator, a reviewer and an editor may do, through the admin."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState
from wagtail_localize.models import StringSegment, Translation

import pytest

from tests.helpers import html, text_of
from translations.roles import setup_translation_roles

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "content")]

DENIED = "Sorry, you do not have permission to access this area."


def assert_denied(response):
    """What the admin shows a user who may not do something: 403 Forbidden, a page with
    Wagtail's "no permission" message and a link to the dashboard (a bare 403 for the API)."""
    assert response.status_code == 403, response.status_code
    page = html(response)
    assert DENIED in text_of(page.find("main") or page)
    assert page.find("a", href=reverse("wagtailadmin_home")) is not None


def snippet_url(action, skill):
    return reverse(f"wagtailsnippets_resources_softskill:{action}", args=[skill.pk])


def translation_of(obj):
    return Translation.objects.get(
        source__object_id=obj.translation_key, target_locale_id=obj.locale_id
    )


# The groups
def test_setup_creates_groups_trees_and_workflows_once(team, home_pages):
    names = set(Group.objects.values_list("name", flat=True))
    for language in ("Bulgarian", "Greek", "Italian", "Portuguese", "Spanish"):
        assert {f"{language} translators", f"{language} reviewers"} <= names
    counts = (Group.objects.count(), GroupPagePermission.objects.count())
    setup_translation_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts

    editors = GroupPagePermission.objects.filter(group__name="Editors")
    assert {p.page_id for p in editors} == {home_pages["en"].pk}, "Editors: English tree only"
    assert {p.permission.codename for p in editors} >= {"add_page", "change_page", "publish_page"}
    bg = GroupPagePermission.objects.filter(group__name="Bulgarian translators")
    assert [(p.page_id, p.permission.codename) for p in bg] == [
        (home_pages["bg"].pk, "change_page")
    ]
    workflow = WorkflowPage.objects.get(page=home_pages["bg"]).workflow
    assert workflow.name == "Translation review (Bulgarian)"
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == ["Bulgarian reviewers"]
    assert not WorkflowPage.objects.filter(page=home_pages["en"]).exists()


# A Bulgarian translator and other languages' pages
@pytest.mark.parametrize("language", ["el", "en"])
def test_translator_cannot_open_other_languages_pages(team, content, login, language):
    client = login(team["bg_translator"])
    page = content.page[language]
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
    ):
        assert_denied(client.get(url))


@pytest.mark.parametrize("language", ["el", "en"])
def test_translator_cannot_publish_or_delete_other_languages_pages(team, content, login, language):
    client = login(team["bg_translator"])
    page = content.page[language]
    assert_denied(
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {"action": "publish", "action-publish": "1", "title": "Hacked", "slug": "about"},
        )
    )
    assert_denied(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    page.refresh_from_db()
    assert page.live and "Hacked" not in page.title


def test_translator_opens_own_page_in_the_translation_editor(team, content, login):
    client = login(team["bg_translator"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[content.page["bg"].pk]))
    assert response.status_code == 200
    assert b"wagtail-localize" in response.content or b"w-translation-editor" in response.content


# Snippets
@pytest.mark.parametrize("language", ["el", "en"])
def test_translator_cannot_edit_or_delete_other_languages_snippets(team, content, login, language):
    client = login(team["bg_translator"])
    skill = content.skill[language]
    assert_denied(client.get(snippet_url("edit", skill)))
    assert_denied(client.post(snippet_url("edit", skill), {"name": "Hacked", "slug": "empathy"}))
    assert_denied(client.post(snippet_url("delete", skill)))
    skill.refresh_from_db()
    assert skill.name != "Hacked"


def test_translator_edits_own_languages_snippet(team, content, login):
    client = login(team["bg_translator"])
    response = client.get(snippet_url("edit", content.skill["bg"]))
    assert response.status_code == 200


def test_editor_works_on_english_only(team, content, login):
    client = login(team["editor"])
    assert client.get(snippet_url("edit", content.skill["en"])).status_code == 200
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[content.page["en"].pk])).status_code
        == 200
    )
    assert_denied(client.get(snippet_url("edit", content.skill["bg"])))
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[content.page["bg"].pk])))


def test_translator_cannot_create_snippets_in_other_languages(team, content, login):
    client = login(team["bg_translator"])
    url = reverse("wagtailsnippets_resources_softskill:add")
    assert_denied(client.get(url, {"locale": "el"}))


# Wagtail-localize's own views
def test_translation_editor_api_is_limited_to_own_language(team, content, login):
    client = login(team["bg_translator"])
    greek = translation_of(content.skill["el"])
    segment = StringSegment.objects.filter(source=greek.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[greek.pk, segment.pk])
    response = client.put(url, "value=Hacked", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 403

    assert_denied(client.get(reverse("wagtail_localize:download_pofile", args=[greek.pk])))
    bulgarian = translation_of(content.skill["bg"])
    response = client.get(reverse("wagtail_localize:download_pofile", args=[bulgarian.pk]))
    assert response.status_code == 200
    assert 'msgid "Empathy"' in response.content.decode()


def test_translator_cannot_start_translations_into_other_languages(team, content, login, locales):
    from tests.factories import StandardPageFactory

    new_page = StandardPageFactory(parent=content.page["en"], title="Objectives", slug="goals")
    client = login(team["bg_translator"])
    url = reverse("wagtail_localize:submit_page_translation", args=[new_page.pk])
    assert_denied(client.post(url, {"locales": [locales["el"].pk]}))
    assert not Translation.objects.filter(source__object_id=new_page.translation_key).exists()


def test_only_source_editors_sync_translations(team, content, login):
    source = translation_of(content.page["bg"]).source
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert_denied(login(team["bg_reviewer"]).get(url))
    assert login(team["editor"]).get(url).status_code == 200


# Review
def test_translator_cannot_publish_own_language_without_review(team, content, login):
    page = content.page["bg"]
    client = login(team["bg_translator"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
    )
    assert_denied(response)
    menu = html(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert menu is not None
    # The review route is offered instead of publishing.
    response = client.get(reverse("translations:submit_for_review", args=[page.pk]))
    assert response.status_code == 200
    assert "Translation review (Bulgarian)" in text_of(html(response))


def test_reviewer_and_structure_rules(team, content, login):
    client = login(team["bg_reviewer"])
    page = content.page["bg"]
    # Reviewers publish in their language but do not reshape the tree, which follows English.
    move = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, page.get_parent().pk])
    assert_denied(client.post(move))
    assert_denied(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    assert type(page).objects.filter(pk=page.pk, live=True).exists()
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[content.page["el"].pk])))


def _submit_for_review(client, page, title):
    """As a translator: translate the title, then submit the translation for review."""
    translation = translation_of(page)
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        f"value={title}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content
    return client.post(reverse("translations:submit_for_review", args=[page.pk]))


def test_translation_waits_for_a_reviewer_of_its_language(
    team, content, login, client, django_capture_on_commit_callbacks
):
    page = content.page["bg"]
    translator = login(team["bg_translator"])
    response = _submit_for_review(translator, page, "За проекта (ново)")
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.title == "БГ About the project", "not published before review"
    assert page.has_unpublished_changes
    assert "ново" not in client.get(page.get_url()).content.decode()

    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    # A Greek reviewer, or the translator, cannot approve Bulgarian work.
    for user in (team["el_reviewer"], team["bg_translator"]):
        client.force_login(user)
        assert_denied(client.post(approve))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(team["bg_reviewer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve)
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.title == "За проекта (ново)"
    assert page.live and not page.has_unpublished_changes
    public = client.get(page.get_url())
    assert "За проекта (ново)" in text_of(html(public).find("h1"))
