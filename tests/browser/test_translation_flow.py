"""End to end in a real browser: a Bulgarian translator translates a guide, a Bulgarian reviewer
approves it, and the public site and the Translation status page show it; then the review loop
(request changes, revise, resubmit, approve) in Bulgarian and Greek (``review_loop.py``).

The screenshots it takes are the ones in docs/translation.md ("Step by step, with pictures").
"""

import io
import re

from django.core.management import call_command

from wagtail.models import Locale, Page

import pytest

from tests.browser.review_loop import review_loop
from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.helpers import marked, translate
from tests.translations.conftest import make_user

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Giving feedback to trainees"
BULGARIAN_TITLE = "Как да даваме обратна връзка на стажантите"
# The start of each English segment of the guide (see GuidePageFactory) and its translation.
BULGARIAN = {
    TITLE: BULGARIAN_TITLE,
    f"Summary of {TITLE}.": "Как да даваме полезна обратна връзка всяка седмица.",
    f"Body of {TITLE}.": "Текст на ръководството.",
    # Line breaks show as <br/> in the editor; typing <br/> keeps them (two objectives).
    "Give feedback weekly.": "Давайте обратна връзка всяка седмица.<br/>Проверявайте разбирането.",
    f"Practice for {TITLE}": "Упражнение за обратна връзка",
    "Mentor and one trainee": "Наставник и един стажант",
    "A timer": "Таймер",
    "Listen for two minutes.": "Слушайте две минути.",
    "Paraphrase what you heard.": "Перифразирайте това, което сте чули.",
}


@pytest.fixture
def guide(home_pages):
    """An English guide, published the way an editor publishes it (which makes its Bulgarian
    alias), the translation roles and workflows, and one Bulgarian translator and reviewer."""
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    index.save_revision().publish()
    guide = GuidePageFactory(parent=index, title=TITLE, slug="giving-feedback")
    guide.save_revision().publish()
    call_command("setup_translation_roles", stdout=io.StringIO())
    make_user("translator-bg", "Bulgarian translators")
    make_user("reviewer-bg", "Bulgarian reviewers")
    return guide


def log_in(page, base_url, username, next_url="/admin/"):
    page.goto(f"{base_url}/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def translate_segment(editor, english, bulgarian):
    """Translate one segment in wagtail-localize's editor and wait until the API has saved it."""
    # The innermost list item holding the English text: the segment, not the field around it
    # (nor the breadcrumb, which shows the title too).
    text = editor.get_by_text(re.compile("^" + re.escape(english)))
    segment = (
        editor.get_by_role("tabpanel")
        .get_by_role("listitem")
        .filter(has=text)
        .filter(has_not=editor.get_by_role("listitem").filter(has=text))
    )
    segment.get_by_role("button", name="Translate").click()
    segment.get_by_role("textbox").fill(bulgarian)
    with editor.expect_response(
        lambda r: re.search(r"/translate/\d+/strings/\d+/edit/", r.url) and r.ok
    ):
        segment.get_by_role("button", name="Save").click()
    expect(segment.get_by_role("button", name="Edit")).to_be_visible()
    expect(segment).to_contain_text(bulgarian)


def test_translate_review_and_publish_a_guide(live_server, guide, new_page, screenshot):
    base = live_server.url
    bulgarian = Locale.objects.get(language_code="bg")
    bg_guide = Page.objects.get(translation_key=guide.translation_key, locale=bulgarian)
    assert bg_guide.alias_of_id == guide.pk
    bg_index = bg_guide.get_parent()
    public_url = f"{base}{bg_guide.url}"
    assert public_url.endswith("/bg/resources/giving-feedback/")

    # Before: the Bulgarian address shows the English guide with a notice.
    visitor = new_page()
    visitor.goto(public_url)
    # "This page is not yet available in Bulgarian. You are reading the English version."
    not_yet = visitor.get_by_role("note").filter(has_text="все още не е налична")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(not_yet).to_be_visible()

    # 1. The translator opens the guide in the Bulgarian tree: it still mirrors the English page.
    translator = new_page()
    log_in(translator, base, "translator-bg", f"/admin/pages/{bg_index.pk}/")
    translator.get_by_role("link", name=TITLE).first.click()
    expect(translator.get_by_text("This page hasn't been translated yet")).to_be_visible()
    screenshot(translator, "01-start-translation")
    translator.get_by_role("link", name="Translate this page").click()
    expect(translator.get_by_role("checkbox", name="Bulgarian")).to_be_checked()
    translator.get_by_role("button", name="Submit").click()

    # 2. wagtail-localize's translation editor (a React app): one box per piece of English text.
    expect(translator.get_by_role("button", name="Translate")).to_have_count(len(BULGARIAN))
    screenshot(translator, "02-translator-editor")
    for english, text in BULGARIAN.items():
        translate_segment(translator, english, text)
    expect(translator.get_by_role("button", name="Translate")).to_have_count(0)
    translator.get_by_role("button", name="Edit").first.scroll_into_view_if_needed()
    screenshot(translator, "03-translated")

    # 3. ...and submits it for review with the button at the bottom of the translation editor.
    submit = translator.locator(".translation-review-footer").get_by_role(
        "link", name="Submit for review"
    )
    expect(submit).to_be_visible()
    screenshot(translator, "04-submit-for-review")
    submit.click()
    translator.get_by_role("button", name="Submit for review", exact=True).click()
    expect(translator.get_by_text("Translation review (Bulgarian)").first).to_be_visible()

    # Until a reviewer approves, visitors keep seeing the English text.
    visitor.goto(public_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)

    # 4. The Bulgarian reviewer finds it on the dashboard and approves it.
    reviewer = new_page()
    log_in(reviewer, base, "reviewer-bg")
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    expect(awaiting).to_contain_text(BULGARIAN_TITLE)
    awaiting.get_by_role("button", name="Actions").click()
    approve = awaiting.get_by_role("button", name="Approve", exact=True)
    expect(approve).to_be_visible()
    reviewer.wait_for_timeout(400)
    screenshot(reviewer, "05-review")
    approve.click()
    expect(reviewer.get_by_text("has been approved and published")).to_be_visible()
    expect(awaiting).to_have_count(0)

    # 5. The Bulgarian page is online, in Bulgarian.
    visitor.goto(public_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(BULGARIAN_TITLE)
    expect(visitor.get_by_text("Перифразирайте това, което сте чули.")).to_be_visible()
    objectives = visitor.get_by_role("listitem").filter(has_text="разбирането")
    expect(objectives).to_have_text("Проверявайте разбирането.")  # its own line
    expect(not_yet).to_have_count(0)
    screenshot(visitor, "06-public-page")

    # 6. The Translation status page shows it published and current.
    # Wagtail's report filters: "Show filters", then the language; the results follow at once.
    reviewer.get_by_role("link", name="Translation status").first.click()
    reviewer.get_by_role("button", name="Show filters").click()
    reviewer.get_by_role("button", name="Language", exact=True).click()
    reviewer.get_by_label("Language").select_option(label="Bulgarian")
    expect(reviewer).to_have_url(re.compile(r"language=bg"))
    row = reviewer.get_by_role("row").filter(has=reviewer.get_by_role("link", name=TITLE))
    expect(row).to_contain_text("Published and current")
    screenshot(reviewer, "07-status")

    # 7. The review loop, in Bulgarian and in Greek: the reviewer requests changes with a comment,
    # the translator sees it (in their language), revises and resubmits, the reviewer approves.
    summary = f"Summary of {TITLE}."
    review_loop(base, bg_guide, BULGARIAN[summary], summary, new_page, screenshot, "bg")
    greek = translate(Page.objects.get(pk=guide.pk).specific, languages=["el"])["el"]
    review_loop(base, greek, marked(summary, "el"), summary, new_page, screenshot, "el")
