"""Soft skills and partner organisations are reviewed like pages: what a translator saves stays
off the public site until a reviewer of that language approves it."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from core.routes import home_route_url
from resources.models import SoftSkill
from selfcheck.models import AnswerOption, Statement
from tests.factories import SoftSkillFactory
from tests.helpers import html, text_of
from translations.review import submit_for_review

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "content")]

REWRITTEN = "Съпричастност (НЕПРЕГЛЕДАНО)"


def skill_page(client, skill):
    client.logout()
    response = client.get(home_route_url("skill", skill.slug, language=skill.locale.language_code))
    return response.status_code, text_of(html(response).select_one("main"))


# The translated text of each reviewed snippet, and what its snippet editor posts.
TEXT_FIELD = {SoftSkill: "name", Statement: "text", AnswerOption: "label"}


def editor_form(snippet, text):
    """The snippet editor's form for ``snippet`` with its translated text replaced by ``text``."""
    if isinstance(snippet, Statement):
        return {"number": snippet.number, "text": text, "skills-count": "0"}
    if isinstance(snippet, AnswerOption):
        return {"value": snippet.value, "label": text}
    return {"name": text, "slug": snippet.slug, "description": ""}


def retype(snippet, text):
    """What a translator types for the snippet's text (a skill's name, a statement's text, an
    option's label) in the translation editor (saved at once)."""
    translation = translation_of(snippet)
    segment = StringSegment.objects.get(
        source=translation.source, context__path=TEXT_FIELD[type(snippet)]
    )
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=snippet.locale_id,
        context_id=segment.context_id,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )
    return translation


def translation_of(snippet):
    return Translation.objects.get(
        source__object_id=snippet.translation_key, target_locale_id=snippet.locale_id
    )


def model_args(snippet):
    return [snippet._meta.app_label, snippet._meta.model_name]


def snippet_url(snippet, view, *args):
    return reverse(f"wagtailsnippets_{'_'.join(model_args(snippet))}:{view}", args=args)


def edit_url(snippet):
    return snippet_url(snippet, "edit", snippet.pk)


def submit(client, snippet):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse(
                "translations:submit_snippet_for_review", args=[*model_args(snippet), snippet.pk]
            )
        )


def workflow_action(client, snippet, action, comment=""):
    snippet = type(snippet).objects.get(pk=snippet.pk)
    task_state = snippet.current_workflow_task_state
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            snippet_url(snippet, "workflow_action", snippet.pk, action, task_state.pk),
            {"comment": comment},
        )


def test_a_translators_save_is_not_public_until_the_reviewer_approves(client, content, login):
    bulgarian = content.skill["bg"]
    before = skill_page(client, bulgarian)
    assert before[0] == 200 and "БГ Empathy" in before[1]
    retype(bulgarian, REWRITTEN)

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
    retype(bulgarian, REWRITTEN)
    login(team["bg_translator"])
    submit(client, bulgarian)
    login(team["bg_reviewer"])
    workflow_action(client, bulgarian, "reject", comment="Use the usual term.")
    login(team["bg_translator"])
    retype(bulgarian, "Съпричастност")
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
    retype(bulgarian, "Активно слушане")
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


# The same table as for pages (test_review_gate.py), for the reviewed snippets (soft skills
# here, the self-check's statements and answer options in test_selfcheck_snippet_review.py):
# every admin route to the Bulgarian item, tried after a translator retyped its text. Each takes
# the Bulgarian item; ``REVIEWERS_DOOR`` says what the same route does for those who may.
FREE_VALUE = {SoftSkill: {"slug": "a-copy"}, Statement: {"number": 99}, AnswerOption: {"value": 5}}


def new_item_form(snippet):
    """The editor's form for a new item like ``snippet``, with a slug / number / value free in
    its language and the retyped text."""
    return {**editor_form(snippet, REWRITTEN), **FREE_VALUE[type(snippet)], "action-publish": "1"}


def submitted(snippet):
    """The translator's text submitted for review: a draft revision, the review started."""
    submit_for_review(snippet, get_user_model().objects.get(username="translator-bg"))
    return type(snippet).objects.get(pk=snippet.pk)


def english_of(snippet):
    return type(snippet).objects.get(
        translation_key=snippet.translation_key, locale__language_code=settings.LANGUAGE_CODE
    )


def _translation_publish(client, snippet):
    return client.post(edit_url(snippet), {"action": "publish"})


def _stop_translation(client, snippet):
    return client.post(
        reverse("wagtail_localize:stop_translation", args=[translation_of(snippet).pk])
    )


def _stop_then_publish_in_snippet_editor(client, snippet):
    _stop_translation(client, snippet)
    return client.post(
        edit_url(snippet), {**editor_form(snippet, REWRITTEN), "action-publish": "1"}
    )


def _stop_then_restart_then_publish(client, snippet):
    """wagtail-localize's "Restart translation" (a POST to the snippet editor), then Publish."""
    _stop_translation(client, snippet)
    client.post(edit_url(snippet), {"localize-restart-translation": "1"})
    return client.post(edit_url(snippet), {"action": "publish"})


def _revert_to_the_draft_and_publish(client, snippet):
    """History → the draft revision holding the translator's text → "Revert" with Publish."""
    translation_of(snippet).save_target(publish=False)  # the draft, as "Update from English"
    revision = type(snippet).objects.get(pk=snippet.pk).latest_revision
    _stop_translation(client, snippet)  # else the translation editor answers
    return client.post(
        snippet_url(snippet, "revisions_revert", snippet.pk, revision.pk),
        {**editor_form(snippet, REWRITTEN), "action-publish": "1"},
    )


def _delete(client, snippet):
    return client.post(snippet_url(snippet, "delete", snippet.pk))


def _bulk_delete(client, snippet):
    url = reverse("wagtail_bulk_action", args=[*model_args(snippet), "delete"])
    return client.post(f"{url}?id={snippet.pk}")


def _unpublish(client, snippet):
    return client.post(snippet_url(snippet, "unpublish", snippet.pk))


def _submit(client, snippet):
    return submit(client, snippet)


def _approve_after_submission(client, snippet):
    submitted(snippet)
    return workflow_action(client, snippet, "approve")


def _approve_in_the_snippet_editor(client, snippet):
    """Wagtail's own editor form with its workflow action (it saves the form, then approves)."""
    snippet = submitted(snippet)
    _stop_translation(client, snippet)
    return client.post(
        edit_url(snippet),
        {
            **editor_form(snippet, REWRITTEN),
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
        },
    )


def _collect_approval_data(client, snippet):
    snippet = submitted(snippet)
    task_state = snippet.current_workflow_task_state
    return client.post(
        snippet_url(snippet, "collect_workflow_action_data", snippet.pk, "approve", task_state.pk),
        {"comment": ""},
    )


def _copy_and_publish(client, snippet):
    return client.post(snippet_url(snippet, "copy", snippet.pk), new_item_form(snippet))


def _add_in_the_language_and_publish(client, snippet):
    url = snippet_url(snippet, "add") + f"?locale={snippet.locale.language_code}"
    return client.post(url, new_item_form(snippet))


def _create_in_the_chooser(client, snippet):
    url = reverse(f"wagtailsnippetchoosers_{'_'.join(model_args(snippet))}:create")
    return client.post(f"{url}?locale={snippet.locale.language_code}", new_item_form(snippet))


def _translate_again_from_english(client, snippet):
    english = english_of(snippet)
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=[*model_args(snippet), english.pk]
    )
    return client.post(url, {"locales": [snippet.locale_id]})


def _update_from_english(client, snippet):
    return client.post(
        reverse("translations:update_from_english", args=[translation_of(snippet).pk])
    )


def _sync(client, snippet):
    return client.post(
        reverse("wagtail_localize:update_translations", args=[translation_of(snippet).source_id])
    )


def _sync_and_publish_immediately(client, snippet):
    return client.post(
        reverse("wagtail_localize:update_translations", args=[translation_of(snippet).source_id]),
        {"publish_translations": "on"},
    )


SNIPPET_ACTIONS = [
    _translation_publish,
    _stop_then_publish_in_snippet_editor,
    _stop_then_restart_then_publish,
    _revert_to_the_draft_and_publish,
    _delete,
    _bulk_delete,
    _unpublish,
    _submit,
    _approve_after_submission,
    _approve_in_the_snippet_editor,
    _collect_approval_data,
    _copy_and_publish,
    _add_in_the_language_and_publish,
    _translate_again_from_english,
    _update_from_english,
    _sync,
    _sync_and_publish_immediately,
]
ATTACKERS = ["anonymous", "bg_translator", "el_reviewer", "editor"]
# What each route does for those who may (the sensitivity check of the table): "text" puts the
# retyped text online, "gone" takes the reviewed item off the public site, "new" makes a new live
# item with the retyped text; None: nothing public changes, even for them.
REVIEWERS_DOOR = {
    _translation_publish: ("bg_reviewer", "text"),
    _stop_then_publish_in_snippet_editor: ("bg_reviewer", "text"),
    _stop_then_restart_then_publish: ("bg_reviewer", "text"),
    _revert_to_the_draft_and_publish: ("bg_reviewer", "text"),
    _delete: ("admin", "gone"),
    _bulk_delete: ("admin", "gone"),
    _unpublish: ("bg_reviewer", "gone"),
    _submit: ("bg_reviewer", None),
    _approve_after_submission: ("bg_reviewer", "text"),
    _approve_in_the_snippet_editor: ("bg_reviewer", "text"),
    _collect_approval_data: ("bg_reviewer", None),
    _copy_and_publish: ("admin", "new"),  # reviewers may not add items
    _add_in_the_language_and_publish: ("admin", "new"),
    _translate_again_from_english: ("admin", None),
    _update_from_english: ("bg_reviewer", None),
    _sync: ("admin", None),
    _sync_and_publish_immediately: ("admin", "text"),
}


def action_id(action):
    return action.__name__.strip("_")


def live_with_text(snippet, text):
    """Live rows of the snippet's model in any language whose translated text is ``text``."""
    model = type(snippet)
    return model.objects.filter(live=True, **{TEXT_FIELD[model]: text})


@pytest.mark.parametrize("action", SNIPPET_ACTIONS, ids=action_id)
@pytest.mark.parametrize("role", ATTACKERS)
def test_nothing_reaches_a_bulgarian_skill_without_its_reviewer(
    client, content, login, role, action
):
    bulgarian = content.skill["bg"]
    retype(bulgarian, REWRITTEN)
    before = skill_page(client, bulgarian)
    if role != "anonymous":
        login(content_team(content)[role])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, bulgarian)
    assert response.status_code < 500
    assert skill_page(client, bulgarian) == before
    assert SoftSkill.objects.get(pk=bulgarian.pk).name == "БГ Empathy"
    assert not live_with_text(bulgarian, REWRITTEN).exists()


def check_door(door, before, after, snippet, text_shown):
    """What ``REVIEWERS_DOOR`` says the route did: ``before``/``after`` are the public pages,
    ``text_shown`` whether the retyped text is on them."""
    if door == "text":
        assert text_shown and live_with_text(snippet, REWRITTEN).exists()
    elif door == "gone":
        assert after != before and not text_shown
    elif door == "new":
        assert live_with_text(snippet, REWRITTEN).exclude(pk=snippet.pk).exists()
        assert after == before  # the item itself keeps its reviewed text
    else:
        assert after == before and not live_with_text(snippet, REWRITTEN).exists()


def person(content, role):
    if role == "admin":
        return get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    return content_team(content)[role]


@pytest.mark.parametrize("action", SNIPPET_ACTIONS, ids=action_id)
def test_the_same_routes_do_it_for_those_who_may(client, content, login, action):
    """The table's sensitivity: each route is a real door, for the item's reviewer (or an
    administrator): an attacker's request that merely failed to parse would fail here."""
    bulgarian = content.skill["bg"]
    retype(bulgarian, REWRITTEN)
    before = skill_page(client, bulgarian)
    who, door = REVIEWERS_DOOR[action]
    login(person(content, who))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, bulgarian)
    assert response.status_code < 500
    after = skill_page(client, bulgarian)
    check_door(door, before, after, bulgarian, REWRITTEN in after[1])


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
    retype(bulgarian, REWRITTEN)
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
    bulgarian = content.skill["bg"]
    team = content_team(content)
    login(team["bg_translator"])
    page = html(client.get(edit_url(bulgarian)))
    submit_link = reverse(
        "translations:submit_snippet_for_review", args=[*model_args(bulgarian), bulgarian.pk]
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
    retype(bulgarian, "Емпатия (машинен превод)")
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
    retype(bulgarian, REWRITTEN)
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


def test_an_editors_copy_of_a_skill_is_a_new_draft_skill(client, content, login):
    """ "Copy" on the English skill: a new draft skill; the original stays live and unchanged
    (Wagtail's copy view saved the copy into the original, which went offline)."""
    english = content.skill["en"]
    before = skill_page(client, english)
    login(content_team(content)["editor"])
    copy_url = snippet_url(english, "copy", english.pk)
    assert html(client.get(copy_url)).select_one("[name=name]")["value"] == "Empathy"
    form = {"name": "Empathy again", "slug": "empathy", "description": ""}
    assert client.post(copy_url, form).status_code == 200  # the slug is taken in English
    response = client.post(copy_url, {**form, "slug": "empathy-again"})
    assert response.status_code == 302
    assert skill_page(client, english) == before
    copy = SoftSkill.objects.get(slug="empathy-again")
    assert copy.pk != english.pk and not copy.live and copy.locale_id == english.locale_id


def test_approval_publishes_what_the_reviewer_is_shown(client, content, login):
    """The translator submits one text, then types another: the reviewer's translation editor
    shows the second, so approving publishes the second, never the first unseen."""
    bulgarian = content.skill["bg"]
    team = content_team(content)
    retype(bulgarian, REWRITTEN)
    login(team["bg_translator"])
    submit(client, bulgarian)
    retype(bulgarian, "Съпричастност")
    login(team["bg_reviewer"])
    props = json.loads(
        html(client.get(edit_url(bulgarian))).select_one(".js-translation-editor")["data-props"]
    )
    shown = [s["data"] for s in props["initialStringTranslations"]]
    assert "Съпричастност" in shown and REWRITTEN not in shown
    workflow_action(client, bulgarian, "approve")
    text = skill_page(client, bulgarian)[1]
    assert "Съпричастност" in text and REWRITTEN not in text
