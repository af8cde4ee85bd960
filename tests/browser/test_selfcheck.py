"""The mentor self-check in a real browser (Debian's Chromium), with JavaScript and without:
answer the statements, see the recommendations (guides first) at a shareable address, and put
one in the mentor pack."""

from django.urls import reverse
from django.utils import translation

import pytest

from selfcheck.models import Statement
from tests.factories import (
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUIDE = "Listening to a trainee who barely speaks the language"
PRACTICE = "A buddy who speaks the trainee's language"


@pytest.fixture
def content(home_pages):
    home = home_pages["en"]
    index = ResourceIndexPageFactory(parent=home, show_in_menus=True)
    listening = SoftSkillFactory(name="Active listening", slug="active-listening")
    feedback = SoftSkillFactory(name="Feedback", slug="feedback")
    GoodPracticePageFactory(parent=index, title=PRACTICE, skills=[listening])
    GuidePageFactory(parent=index, title=GUIDE, skills=[listening])
    GuidePageFactory(parent=index, title="Giving feedback in the first week", skills=[feedback])
    for number, text, skill in (
        (1, "My trainee barely speaks our language.", listening),
        (2, "I find it hard to give critical feedback.", feedback),
    ):
        statement = Statement(
            locale=listening.locale,
            number=number,
            text=text,
            skills=[{"type": "skill", "value": {"skill": skill.pk, "weight": 2}}],
        )
        statement.save()
        statement.save_revision().publish()


def answer_and_see(page, live_server):
    with translation.override("en"):
        page.goto(live_server.url + reverse("selfcheck:page"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor self-check")
    first = page.get_by_role("group", name="My trainee barely speaks our language.")
    first.get_by_label("A lot").check()
    second = page.get_by_role("group", name="I find it hard to give critical feedback.")
    second.get_by_label("Not at all").check()
    page.get_by_role("button", name="See my recommendations").click()
    expect(page.get_by_role("heading", name="Recommended for you")).to_be_visible()
    assert "a1=2" in page.url and "a2=0" in page.url
    titles = page.locator(".selfcheck__item .card__title")
    expect(titles).to_have_text([GUIDE, PRACTICE])  # guides first; the feedback guide scores 0
    expect(page.locator(".selfcheck__why").first).to_contain_text(
        "My trainee barely speaks our language."
    )
    # The address is the result: opened again, it shows the same recommendations.
    page.goto(page.url)
    expect(titles).to_have_text([GUIDE, PRACTICE])
    page.locator(".selfcheck__item").first.get_by_role("button", name="Add to my pack").click()
    expect(page.locator(".pack__items")).to_contain_text(GUIDE)


def test_self_check_with_and_without_javascript(content, live_server, new_page, browser):
    """One test (the content is built once): with JavaScript, then in a window without it."""
    answer_and_see(new_page(), live_server)
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        answer_and_see(context.new_page(), live_server)
    finally:
        context.close()
