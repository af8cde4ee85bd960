"""The review loop end to end, through the admin URLs: a reviewer requests changes, the
translator sees the comment (in their language) in the translation editor and on the dashboard,
revises, resubmits, and the reviewer approves. The public page shows the approved text only.

Also: editors send a page to every language at once; a language's translators bring their
translation up to date with the English page ("Update from English") without publishing, and see
the English before and after, and their previous translation, for each changed segment; a
translator's main button in the translation editor is never destructive.
"""

import json
from urllib.parse import urlencode

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation as django_translation

from wagtail.models import Locale, Page, TaskState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest

from tests.helpers import html, text_of
from tests.translations.test_fallback import notice_text

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "content")]

COMMENT = "Моля, преведете въведението по-кратко."


# Helpers: what the admin screens send
def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    )


def put_segment(client, page, english, value):
    """Save one segment in the translation editor, as its React app does."""
    translation = translation_of(page)
    segment = StringSegment.objects.get(source=translation.source, string__data=english)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    return response


def submit(client, page):
    return client.post(reverse("translations:submit_for_review", args=[page.pk]))


def current_task_state(page):
    return TaskState.objects.filter(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    ).get()


def workflow_action(client, page, action, **data):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, current_task_state(page).pk],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"next": reverse("wagtailadmin_home"), **data}, follow=True)


def public_text(page):
    """The page's public HTML as an anonymous visitor reads it."""
    response = Client().get(Page.objects.get(pk=page.pk).get_url())
    assert response.status_code == 200
    return text_of(html(response).find("main"))


def in_bulgarian(text):
    with django_translation.override("bg"):
        return django_translation.gettext(text)


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def bg_page(content):
    return content.page["bg"]


@pytest.fixture
def translator(client, team):
    client.force_login(team["bg_translator"])
    return client


@pytest.fixture
def reviewer(team):
    reviewer = Client()
    reviewer.force_login(team["bg_reviewer"])
    return reviewer


# The loop
def test_request_changes_resubmit_and_approve(team, bg_page, translator, reviewer):
    speaks(team["bg_translator"], "bg")
    assert "БГ Who we are." in public_text(bg_page)

    put_segment(translator, bg_page, "Who we are.", "Кои сме ние (първи вариант).")
    assert submit(translator, bg_page).status_code == 302
    assert "първи вариант" not in public_text(bg_page)

    # The reviewer sends it back with a comment.
    response = workflow_action(reviewer, bg_page, "reject", comment=COMMENT)
    assert response.status_code == 200
    assert "Changes requested on" in text_of(html(response))

    # The translator sees the comment on the dashboard and in the editor, framed in Bulgarian.
    heading = in_bulgarian("Sent back to you: changes requested")
    revise = in_bulgarian("Make the changes below, then submit the translation for review again.")
    assert heading != "Sent back to you: changes requested"
    dashboard = html(translator.get(reverse("wagtailadmin_home")))
    panel = dashboard.select_one(".translation-sent-back")
    assert panel is not None
    assert heading in text_of(panel)
    assert COMMENT in text_of(panel)
    assert bg_page.title in text_of(panel)
    editor = html(translator.get(reverse("wagtailadmin_pages:edit", args=[bg_page.pk])))
    note = editor.select_one(".translation-review-comment")
    assert note is not None
    assert COMMENT in text_of(note)
    assert revise in text_of(note)

    # It revises and resubmits: Wagtail's "needs changes" workflow resumes (no 500).
    put_segment(translator, bg_page, "Who we are.", "Кои сме ние.")
    response = translator.post(reverse("translations:submit_for_review", args=[bg_page.pk]))
    assert response.status_code == 302
    assert "Кои сме ние." not in public_text(bg_page)
    assert "БГ Who we are." in public_text(bg_page)
    dashboard = html(translator.get(reverse("wagtailadmin_home")))
    assert dashboard.select_one(".translation-sent-back") is None  # nothing sent back any more

    # The reviewer approves: it says so, and the page is online.
    response = workflow_action(reviewer, bg_page, "approve")
    assert response.status_code == 200
    assert "has been approved and published" in text_of(html(response))
    assert "Кои сме ние." in public_text(bg_page)
    assert "БГ Who we are." not in public_text(bg_page)


def test_approval_publishes_the_page_as_the_reviewer_is_shown_it(
    team, bg_page, translator, reviewer
):
    """A translator submits one text and then types another into the translation editor: the
    reviewer is shown the second (the editor's segments, and its preview) and approves. The
    first, which no reviewer saw, must never reach the public page."""
    put_segment(translator, bg_page, "Who we are.", "Кои сме ние (подадено).")
    assert submit(translator, bg_page).status_code == 302
    put_segment(translator, bg_page, "Who we are.", "Кои сме ние (видяно от рецензента).")
    # the translation editor the reviewer opens holds the second text
    shown = reviewer.get(reverse("wagtailadmin_pages:edit", args=[bg_page.pk])).content.decode()
    assert json.dumps("видяно от рецензента")[1:-1] in shown
    assert json.dumps("подадено")[1:-1] not in shown

    response = workflow_action(reviewer, bg_page, "approve")
    assert "has been approved and published" in text_of(html(response))
    public = public_text(bg_page)
    assert "Кои сме ние (видяно от рецензента)." in public
    assert "подадено" not in public


def test_the_translation_editor_offers_submit_for_review_without_destructive_main_button(
    team, bg_page, translator, reviewer
):
    put_segment(translator, bg_page, "Who we are.", "Кои сме ние.")
    editor = html(translator.get(reverse("wagtailadmin_pages:edit", args=[bg_page.pk])))
    props = json.loads(editor.select_one(".js-translation-editor")["data-props"])
    # wagtail-localize's footer makes the last action the main one: no alias, no delete.
    assert props["links"]["convertToAliasUrl"] is None
    assert props["perms"]["canDelete"] is False
    footer = editor.select_one(".translation-review-footer")
    main = footer.find("a")
    assert "Submit for review" in text_of(main)

    # It leads to the confirmation (a plain link and form: no JavaScript needed), then back here;
    # the page goes to review and the public page is unchanged.
    confirm = html(translator.get(main["href"]))
    form = confirm.find("form", action=reverse("translations:submit_for_review", args=[bg_page.pk]))
    next_url = form.find("input", {"name": "next"})["value"]
    assert next_url == reverse("wagtailadmin_pages:edit", args=[bg_page.pk])
    response = translator.post(form["action"], {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert Page.objects.get(pk=bg_page.pk).workflow_in_progress
    assert "Кои сме ние." not in public_text(bg_page)

    # A reviewer, who may publish, keeps wagtail-localize's own footer ("Publish").
    editor = html(reviewer.get(reverse("wagtailadmin_pages:edit", args=[bg_page.pk])))
    assert editor.select_one(".translation-review-footer") is None


# Editors: every language at once
def test_an_editor_sends_a_page_to_every_language_at_once(team, home_pages, content):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_pages["en"], title="Our partners", slug="partners")
    page.save_revision().publish()
    editor = Client()
    editor.force_login(team["editor"])
    others = Locale.objects.exclude(language_code="en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk for locale in others]},
        )
    assert response.status_code == 302
    copies = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    assert sorted(p.locale.language_code for p in copies) == sorted(
        locale.language_code for locale in others
    )
    for copy in copies:
        assert copy.alias_of_id is None and not copy.live  # drafts, waiting for translators
        response = Client().get(copy.get_url())
        assert notice_text(copy.locale.language_code) in text_of(html(response))


def test_an_editor_starts_a_translation_from_the_status_page(team, home_pages, content):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_pages["en"], title="Objectives", slug="objectives")
    page.save_revision().publish()
    editor = Client()
    editor.force_login(team["editor"])
    status = html(editor.get(reverse("translations:status") + "?language=el"))
    row = next(r for r in status.select("tr") if "Objectives" in text_of(r))
    link = row.find("a", string=lambda s: s and s.strip() == "Translate")
    form = html(editor.get(link["href"]))
    greek = Locale.objects.get(language_code="el")
    assert form.find("input", {"name": "locales", "value": str(greek.pk)}).has_attr("checked")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor.post(link["href"], {"locales": [greek.pk]}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("translations:status")
    greek_page = page.get_translation(greek)
    assert greek_page.alias_of_id is None and not greek_page.live


def test_a_translator_still_cannot_start_other_languages(team, home_pages, translator):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_pages["en"], title="Contact", slug="contact")
    page.save_revision().publish()
    greek = Locale.objects.get(language_code="el")
    response = translator.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [greek.pk]},
    )
    assert response.status_code == 403
    assert Page.objects.get(translation_key=page.translation_key, locale=greek).alias_of_id


# Translators: update their language from English
def republish_english(page, intro):
    page = Page.objects.get(pk=page.pk).specific
    page.intro = intro
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    return page


def test_a_translator_updates_their_language_from_english(team, content, translator):
    english, bg_page, el_page = content.page["en"], content.page["bg"], content.page["el"]
    republish_english(english, "Who we are, and why.")
    el_revision = Page.objects.get(pk=el_page.pk).latest_revision_id

    # The status page's "Sync from English" leads a translator to their own language's update.
    status = html(translator.get(reverse("translations:status") + "?language=bg"))
    row = next(r for r in status.select("tr") if english.title in text_of(r))
    link = row.find("a", href=lambda h: h and "/sync/" in h)
    response = translator.get(link["href"], follow=True)
    assert response.status_code == 200
    translation = translation_of(bg_page)
    update_url = reverse("translations:update_from_english", args=[translation.pk])
    assert response.redirect_chain[-1][0] == update_url
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = translator.post(update_url, follow=True)
    assert response.status_code == 200
    assert "has been updated from the English page" in text_of(html(response))

    # The editor shows the changed segment: English before and now, the previous translation.
    changed = html(response).select(".translation-review-change")
    assert len(changed) == 1
    shown = text_of(changed[0])
    assert "Who we are." in shown
    assert "Who we are, and why." in shown
    assert "БГ Who we are." in shown
    source = TranslationSource.objects.get(pk=translation.source_id)
    assert StringSegment.objects.filter(source=source, string__data="Who we are, and why.")

    # Nothing was published: visitors keep the reviewed Bulgarian page; Greek is untouched.
    assert "БГ Who we are." in public_text(bg_page)
    assert "and why" not in public_text(bg_page)
    assert Page.objects.get(pk=el_page.pk).latest_revision_id == el_revision
    assert "ΕΛ Who we are." in public_text(el_page)

    # Translating the changed segment takes it off the list.
    put_segment(translator, bg_page, "Who we are, and why.", "Кои сме ние и защо.")
    editor = html(translator.get(reverse("wagtailadmin_pages:edit", args=[bg_page.pk])))
    assert editor.select(".translation-review-change") == []


def test_the_editor_offers_update_from_english_when_the_english_changed(team, content, translator):
    bg_page = content.page["bg"]
    editor_url = reverse("wagtailadmin_pages:edit", args=[bg_page.pk])
    update_url = reverse("translations:update_from_english", args=[translation_of(bg_page).pk])
    assert not html(translator.get(editor_url)).find("a", href=update_url)
    republish_english(content.page["en"], "Who we are, and why.")
    assert html(translator.get(editor_url)).find("a", href=update_url)


def test_update_from_english_only_for_the_language_team(team, content, translator):
    greek = translation_of(content.page["el"])
    url = reverse("translations:update_from_english", args=[greek.pk])
    assert translator.get(url).status_code == 403
    assert translator.post(url).status_code == 403
    missing = reverse("translations:update_from_english", args=[999999])
    assert translator.get(missing, follow=True).status_code == 404
    bad = reverse("translations:sync_language", args=[greek.source_id, "xx"])
    assert translator.get(bad, follow=True).status_code == 404


def test_status_sync_link_sends_editors_to_the_sync_of_every_language(team, content):
    republish_english(content.page["en"], "Who we are, and why.")
    editor = Client()
    editor.force_login(team["editor"])
    source = translation_of(content.page["bg"]).source
    response = editor.get(reverse("translations:sync_language", args=[source.pk, "bg"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_localize:update_translations", args=[source.pk])


def test_a_workflow_action_without_logging_in_is_sent_to_the_login_page(team, bg_page, translator):
    put_segment(translator, bg_page, "Who we are.", "Кои сме ние.")
    submit(translator, bg_page)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[bg_page.pk, "approve", current_task_state(bg_page).pk],
    )
    response = Client().post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "Кои сме ние." not in public_text(bg_page)
