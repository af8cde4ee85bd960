"""The review loop in a real browser, in Bulgarian and Greek (run by test_translation_flow.py:
a second transactional browser test after it cannot set up its database). The translator revises a
published translation and submits it from the translation editor; the reviewer requests changes
with a comment; the translator, whose admin speaks their language, finds the comment on the
dashboard and in the editor, revises and submits again; the reviewer approves and is told so.
Visitors see the approved text only.
"""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

import wagtail_localize
from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from tests.translations.conftest import make_user

expect = pytest.importorskip("playwright.sync_api").expect

LANGUAGES = {
    # language: (group name prefix, comment, first revision, second revision)
    "bg": ("Bulgarian", "Моля, по-кратко.", "Кои сме ние, накратко и дълго.", "Кои сме ние."),
    "el": (
        "Greek",
        "Παρακαλώ, πιο σύντομα.",
        "Ποιοι είμαστε, εν συντομία και μακριά.",
        "Ποιοι είμαστε.",
    ),
}


def js_text(lang, msgid):
    """A string of the translation editor (a React app) as it reads in ``lang``."""
    for folder in (
        Path(settings.BASE_DIR) / "locale",
        Path(wagtail_localize.__file__).parent / "locale",
    ):
        try:
            text = gettext.translation("djangojs", folder, [lang]).gettext(msgid)
        except FileNotFoundError:
            continue
        if text != msgid:
            return text
    return msgid


def text(lang, msgid):
    with translation.override(lang):
        return translation.gettext(msgid)


def log_in(page, base_url, username, next_url="/admin/"):
    page.goto(f"{base_url}/admin/login/?next={next_url}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("password")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def revise(editor, lang, english, value):
    """Change the translation of one segment in the translation editor and wait for the save."""
    source = editor.get_by_text(re.compile("^" + re.escape(english)))
    segment = (
        editor.get_by_role("tabpanel")
        .get_by_role("listitem")
        .filter(has=source)
        .filter(has_not=editor.get_by_role("listitem").filter(has=source))
    )
    segment.get_by_role("button", name=js_text(lang, "Edit")).click()
    segment.get_by_role("textbox").fill(value)
    with editor.expect_response(
        lambda r: re.search(r"/translate/\d+/strings/\d+/edit/", r.url) and r.ok
    ):
        segment.get_by_role("button", name=js_text(lang, "Save")).click()
    expect(segment).to_contain_text(value)


def submit_for_review(translator, lang):
    """ "Submit for review" at the bottom of the translation editor, then on its confirmation."""
    name = text(lang, "Submit for review")
    translator.locator(".translation-review-footer").get_by_role("link", name=name).click()
    translator.get_by_role("button", name=name, exact=True).click()


def workflow_action(reviewer, title, action, comment=None):
    """On the reviewer's dashboard: the page's "Actions" menu under "Awaiting your review"."""
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    row = awaiting.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=action, exact=True).click()
    if comment is not None:
        dialog = reviewer.get_by_role("dialog")
        dialog.get_by_label("Comment").fill(comment)
        dialog.get_by_role("button", name=action).click()
    reviewer.wait_for_load_state()


def review_loop(base, page, published, english, new_page, screenshot, lang):
    """Request changes → revise → resubmit → approve, on ``page`` (a published translation into
    ``lang``) whose segment ``english`` now reads ``published``. Screenshots in Bulgarian."""
    group, comment, first, second = LANGUAGES[lang]
    users = get_user_model().objects
    for role in ("translators", "reviewers"):
        username = f"{role[:-1]}-{lang}"
        if not users.filter(username=username).exists():
            make_user(username, f"{group} {role}")
    translator_user = users.get(username=f"translator-{lang}")
    UserProfile.objects.update_or_create(
        user=translator_user, defaults={"preferred_language": lang}
    )
    public_url = f"{base}{page.url}"
    edit_url = f"/admin/pages/{page.pk}/edit/"
    title = Page.objects.get(pk=page.pk).title

    visitor = new_page()
    visitor.goto(public_url)
    expect(visitor.locator(".lead")).to_have_text(published)

    # The translator, whose admin speaks their language, revises the published translation
    # and submits it with the button at the bottom of the translation editor.
    translator = new_page()
    log_in(translator, base, f"translator-{lang}", edit_url)
    revise(translator, lang, english, first)
    submit_for_review(translator, lang)
    expect(translator.get_by_text(f"Translation review ({group})").first).to_be_visible()
    visitor.goto(public_url)
    expect(visitor.locator(".lead")).to_have_text(published)

    # The reviewer asks for changes, with a comment.
    reviewer = new_page()
    log_in(reviewer, base, f"reviewer-{lang}")
    workflow_action(reviewer, title, "Request changes", comment=comment)
    expect(reviewer.get_by_text("Changes requested on")).to_be_visible()

    # The translator finds the comment on the dashboard, in their language, and in the editor.
    translator.goto(f"{base}/admin/")
    sent_back = translator.get_by_role(
        "region", name=text(lang, "Sent back to you: changes requested")
    )
    expect(sent_back).to_contain_text(comment)
    if lang == "bg":
        screenshot(translator, "08-changes-requested")
    sent_back.get_by_role("link", name=title).click()
    note = translator.locator(".translation-review-comment")
    expect(note).to_contain_text(comment)
    expect(note).to_contain_text(
        text(lang, "Make the changes below, then submit the translation for review again.")
    )
    if lang == "bg":
        screenshot(translator, "09-comment-in-editor")
    revise(translator, lang, english, second)
    submit_for_review(translator, lang)
    expect(translator.locator(".translation-review-comment")).to_have_count(0)
    visitor.goto(public_url)
    expect(visitor.locator(".lead")).to_have_text(published)

    # The reviewer approves, and is told that it is published.
    reviewer.goto(f"{base}/admin/")
    workflow_action(reviewer, title, "Approve")
    expect(reviewer.get_by_text("has been approved and published")).to_be_visible()
    visitor.goto(public_url)
    expect(visitor.locator(".lead")).to_have_text(second)
