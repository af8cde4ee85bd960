"""Soft skills and partner organisations are reviewed like pages: what a translator saves stays
off the public site until a reviewer of that language approves it."""

from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from core.routes import home_route_url
from resources.models import SoftSkill
from tests.factories import SoftSkillFactory
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db

REWRITTEN = "Съпричастност (НЕПРЕГЛЕДАНО)"


def skill_page(client, skill):
    client.logout()
    response = client.get(home_route_url("skill", skill.slug, language=skill.locale.language_code))
    return response.status_code, text_of(html(response).select_one("main"))


def retype_name(skill, text):
    """What a translator types for the skill's name in the translation editor (saved at once)."""
    translation = Translation.objects.get(
        source__object_id=skill.translation_key, target_locale_id=skill.locale_id
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="name")
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=skill.locale_id,
        context_id=segment.context_id,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )
    return translation


def edit_url(skill):
    return reverse("wagtailsnippets_resources_softskill:edit", args=[skill.pk])


def submit(client, skill):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse(
                "translations:submit_snippet_for_review", args=["resources", "softskill", skill.pk]
            )
        )


def workflow_action(client, skill, action, comment=""):
    skill = SoftSkill.objects.get(pk=skill.pk)
    task_state = skill.current_workflow_task_state
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse(
                "wagtailsnippets_resources_softskill:workflow_action",
                args=[skill.pk, action, task_state.pk],
            ),
            {"comment": comment},
        )


def test_a_translators_save_is_not_public_until_the_reviewer_approves(client, content, login):
    bulgarian = content.skill["bg"]
    before = skill_page(client, bulgarian)
    assert before[0] == 200 and "БГ Empathy" in before[1]
    retype_name(bulgarian, REWRITTEN)

    translator = login(content_team(content)["bg_translator"])
    # The translation editor's "Publish" is not the translator's to press.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translator.post(edit_url(bulgarian), {"action": "publish"})
    assert skill_page(client, bulgarian) == before

    login(content_team(content)["bg_translator"])
    response = submit(client, bulgarian)
    assert response.status_code == 302
    assert skill_page(client, bulgarian) == before  # submitted, not approved
    assert SoftSkill.objects.get(pk=bulgarian.pk).name == "БГ Empathy"

    # Nobody else approves: the Greek reviewer is refused, the public page unchanged.
    login(content_team(content)["el_reviewer"])
    refused = workflow_action(client, bulgarian, "approve")
    assert refused.status_code in (302, 403)
    assert skill_page(client, bulgarian) == before

    login(content_team(content)["bg_reviewer"])
    response = workflow_action(client, bulgarian, "approve")
    assert response.status_code in (200, 302)
    assert REWRITTEN in skill_page(client, bulgarian)[1]


def test_changes_requested_then_resubmitted_then_approved(client, content, login):
    bulgarian = content.skill["bg"]
    team = content_team(content)
    retype_name(bulgarian, REWRITTEN)
    login(team["bg_translator"])
    submit(client, bulgarian)
    login(team["bg_reviewer"])
    workflow_action(client, bulgarian, "reject", comment="Use the usual term.")
    login(team["bg_translator"])
    retype_name(bulgarian, "Съпричастност")
    assert submit(client, bulgarian).status_code == 302  # resubmitting works (no 500)
    login(team["bg_reviewer"])
    workflow_action(client, bulgarian, "approve")
    assert "Съпричастност" in skill_page(client, bulgarian)[1]
    assert "НЕПРЕГЛЕДАНО" not in skill_page(client, bulgarian)[1]


def test_a_new_skill_translation_shows_english_until_approved(client, content, login):
    """Starting a translation makes a Bulgarian skill whose public text is the English one; the
    translator's text waits in a draft revision."""
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    login(content_team(content)["editor"])
    bg = Locale.objects.get(language_code="bg")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["resources", "softskill", skill.pk],
            ),
            {"locales": [bg.pk]},
        )
    assert response.status_code == 302
    bulgarian = SoftSkill.objects.get(translation_key=skill.translation_key, locale=bg)
    retype_name(bulgarian, "Активно слушане")
    login(content_team(content)["bg_translator"])
    submit(client, bulgarian)
    status, text = skill_page(client, bulgarian)
    assert status == 200
    assert "Active listening" in text and "Активно слушане" not in text
    login(content_team(content)["bg_reviewer"])
    workflow_action(client, bulgarian, "approve")
    assert "Активно слушане" in skill_page(client, bulgarian)[1]


def test_the_english_skill_is_published_by_editors_directly(client, content, login):
    english = content.skill["en"]
    assert english.get_workflow() is None
    assert content.skill["bg"].get_workflow() is not None


def content_team(content):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    return {
        "editor": users.get(username="editor-en"),
        "bg_translator": users.get(username="translator-bg"),
        "bg_reviewer": users.get(username="reviewer-bg"),
        "el_reviewer": users.get(username="reviewer-el"),
    }


# The same table as for pages (test_review_gate.py), for the soft-skill snippet
def _translation_publish(client, skill):
    return client.post(edit_url(skill), {"action": "publish"})


def _stop_then_publish_in_snippet_editor(client, skill):
    translation = Translation.objects.get(
        source__object_id=skill.translation_key, target_locale_id=skill.locale_id
    )
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    return client.post(
        edit_url(skill),
        {"name": REWRITTEN, "slug": skill.slug, "description": "", "action-publish": "1"},
    )


def _delete(client, skill):
    return client.post(reverse("wagtailsnippets_resources_softskill:delete", args=[skill.pk]))


def _unpublish(client, skill):
    return client.post(reverse("wagtailsnippets_resources_softskill:unpublish", args=[skill.pk]))


def _submit(client, skill):
    return submit(client, skill)


def _approve_after_submission(client, skill):
    from django.contrib.auth import get_user_model

    from translations.review import submit_for_review

    submit_for_review(skill, get_user_model().objects.get(username="translator-bg"))
    return workflow_action(client, skill, "approve")


def _sync_and_publish_immediately(client, skill):
    translation = Translation.objects.get(
        source__object_id=skill.translation_key, target_locale_id=skill.locale_id
    )
    return client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {"publish_translations": "on"},
    )


SNIPPET_ACTIONS = [
    _translation_publish,
    _stop_then_publish_in_snippet_editor,
    _delete,
    _unpublish,
    _submit,
    _approve_after_submission,
    _sync_and_publish_immediately,
]


@pytest.mark.parametrize("action", SNIPPET_ACTIONS, ids=lambda a: a.__name__.strip("_"))
@pytest.mark.parametrize("role", ["anonymous", "bg_translator", "el_reviewer", "editor"])
def test_nothing_reaches_a_bulgarian_skill_without_its_reviewer(
    client, content, login, role, action
):
    bulgarian = content.skill["bg"]
    retype_name(bulgarian, REWRITTEN)
    before = skill_page(client, bulgarian)
    if role != "anonymous":
        login(content_team(content)[role])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, bulgarian)
    assert response.status_code < 500
    assert skill_page(client, bulgarian) == before


def test_a_skill_saved_as_a_draft_is_nowhere_public(client, home_pages, resources):
    """An editor's new soft skill saved as a draft (never published) shows on no public page."""
    from tests.factories import GuidePageFactory

    draft = SoftSkillFactory(name="Unannounced skill", slug="unannounced", live=False)
    published = SoftSkillFactory(name="Announced skill", slug="announced")
    GuidePageFactory(parent=resources, title="A guide", skills=[published, draft])
    english = home_pages["en"]
    pages = [
        english.get_url(),
        english.get_url() + "skills/",
        resources.get_url(),
        reverse("search") + "?q=guide",
        reverse("search_suggest") + "?q=unann",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Unannounced" not in body, url
    assert "Announced skill" in client.get(resources.get_url()).content.decode()
    assert client.get(english.get_url() + "skills/unannounced/").status_code == 404


def test_the_status_page_follows_a_skill_through_review(client, content, login):
    from tests.translations.test_status import cell

    bulgarian = content.skill["bg"]
    team = content_team(content)
    status_url = reverse("translations:status")
    login(team["bg_reviewer"])
    assert cell(html(client.get(status_url)), "Empathy", "bg")["data-state"] == "published"
    retype_name(bulgarian, REWRITTEN)
    login(team["bg_translator"])
    submit(client, bulgarian)
    page = html(client.get(status_url))
    assert cell(page, "Empathy", "bg")["data-state"] == "awaiting_review"
    assert cell(page, "Empathy", "el")["data-state"] == "published"
    login(team["bg_reviewer"])
    workflow_action(client, bulgarian, "reject", comment="Shorter, please.")
    assert cell(html(client.get(status_url)), "Empathy", "bg")["data-state"] == "in_progress"
    login(team["bg_translator"])
    submit(client, bulgarian)
    login(team["bg_reviewer"])
    workflow_action(client, bulgarian, "approve")
    assert cell(html(client.get(status_url)), "Empathy", "bg")["data-state"] == "published"


def test_the_translators_editor_offers_submit_for_review(client, content, login):
    import json

    bulgarian = content.skill["bg"]
    team = content_team(content)
    login(team["bg_translator"])
    page = html(client.get(edit_url(bulgarian)))
    submit_link = reverse(
        "translations:submit_snippet_for_review", args=["resources", "softskill", bulgarian.pk]
    )
    footer = page.select_one("footer.translation-review-footer")
    assert footer is not None and submit_link in footer.a["href"]
    props = json.loads(page.select_one(".js-translation-editor")["data-props"])
    assert not props["perms"]["canPublish"] and not props["perms"]["canDelete"]
    # The reviewer keeps wagtail-localize's own footer, whose main button publishes.
    login(team["bg_reviewer"])
    page = html(client.get(edit_url(bulgarian)))
    assert page.select_one("footer.translation-review-footer") is None
    props = json.loads(page.select_one(".js-translation-editor")["data-props"])
    assert props["perms"]["canPublish"]


def test_a_translator_updates_a_changed_skill_from_english(client, content, login):
    """The English skill changes: the status page's "Sync from English" leads a Bulgarian
    translator to the update of their own language; nothing public changes until review."""
    from tests.translations.test_status import cell

    english, bulgarian, greek = (content.skill[c] for c in ("en", "bg", "el"))
    english.description = "What empathy means for a mentor, with two examples."
    english.save()
    team = content_team(content)
    before = skill_page(client, bulgarian)
    login(team["bg_translator"])
    link = cell(html(client.get(reverse("translations:status"))), "Empathy", "bg").a["href"]
    response = client.get(link, follow=True)
    assert response.status_code == 200
    update_url = response.redirect_chain[-1][0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(update_url)
    assert response.status_code == 302 and response["Location"] == edit_url(bulgarian)
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=bulgarian.locale
    )
    new_segment = StringSegment.objects.filter(
        source=translation.source, string__data__contains="two examples"
    )
    assert new_segment.exists()  # the translator now sees the new English text
    assert skill_page(client, bulgarian) == before
    assert SoftSkill.objects.get(pk=greek.pk).description == greek.description


def test_approval_counts_as_review_of_a_skills_machine_translation(client, content, login):
    from tests.translations.test_status import cell

    bulgarian = content.skill["bg"]
    team = content_team(content)
    retype_name(bulgarian, "Емпатия (машинен превод)")
    StringTranslation.objects.filter(locale_id=bulgarian.locale_id).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name="Dummy"
    )
    login(team["bg_translator"])
    submit(client, bulgarian)
    login(team["bg_reviewer"])
    workflow_action(client, bulgarian, "approve")
    assert "Емпатия (машинен превод)" in skill_page(client, bulgarian)[1]
    login(team["bg_reviewer"])
    assert (
        cell(html(client.get(reverse("translations:status"))), "Empathy", "bg")["data-state"]
        == "published"
    )


def test_the_translators_dashboard_shows_a_skill_sent_back_with_the_comment(client, content, login):
    bulgarian = content.skill["bg"]
    team = content_team(content)
    retype_name(bulgarian, REWRITTEN)
    login(team["bg_translator"])
    submit(client, bulgarian)
    assert client.get(edit_url(bulgarian)).status_code == 200  # in review: the editor opens
    login(team["bg_reviewer"])
    assert client.get(edit_url(bulgarian)).status_code == 200
    workflow_action(client, bulgarian, "reject", comment="Use the usual term, please.")
    login(team["bg_translator"])
    panel = html(client.get(reverse("wagtailadmin_home"))).select_one(".translation-sent-back")
    assert panel is not None
    assert "Use the usual term, please." in text_of(panel)
    assert panel.a["href"] == edit_url(bulgarian)
    # ...and at the top of the translation editor.
    editor = html(client.get(edit_url(bulgarian)))
    assert "Use the usual term, please." in text_of(
        editor.select_one(".translation-review-comment")
    )
