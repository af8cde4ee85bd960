"""The admin speaks the translator's language: every screen a translator or reviewer of bg, el,
it, pt or es uses shows no interface string left in English.

One browser, one visit per screen per language. The visible texts, button labels, aria-labels,
placeholders and titles of each screen are compared with the English msgids of wagtail.admin,
wagtail.snippets, wagtail_localize and the portal (tests/admin_msgids.py). The failure lists
every msgid still shown in English, per language: the entries locale/<lang>/LC_MESSAGES/
django.po (or djangojs.po, for the translation editor) must add.

ADMIN_GAPS_JSON=<file> also writes that list as JSON (scripts/admin_catalogue_gaps.py uses it).
"""

import io
import json
import os
import re

from django.core.management import call_command
from django.urls import reverse

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

import pytest

from resources.models import SoftSkill
from tests.admin_msgids import english_in
from tests.factories import SoftSkillFactory, StandardPageFactory
from tests.helpers import TARGET_LANGUAGES, translate
from tests.translations.conftest import make_user
from translations.review import submit_for_review
from translations.roles import REVIEWERS, TRANSLATORS, team_group_name

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Everything a person reads on the screen, or hears from a screen reader.
VISIBLE_TEXTS = """() => {
  const texts = [document.title];
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "svg", "SVG"]);
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || skip.has(parent.tagName) || parent.closest("svg") || !shown(parent)) continue;
    if (parent.isContentEditable || parent.closest("textarea")) continue;  // content, not interface
    texts.push(node.textContent);
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el)) continue;
    for (const name of ["aria-label", "placeholder", "title", "alt", "aria-description"]) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
    if (el.matches("input[type=submit], input[type=button]")) texts.push(el.value);
  }
  return texts;
}"""


@pytest.fixture
def teams(home_pages):
    """Per language: a translator and a reviewer whose admin language is theirs, and the content
    of their screens (an untranslated page, a translated page submitted for review, the home
    page, whose synced translation is stopped, a translated soft skill)."""
    call_command("setup_translation_roles", stdout=io.StringIO())
    english = home_pages["en"]
    mirrored = StandardPageFactory(parent=english, title="Mentoring handbook", slug="handbook")
    mirrored.save_revision().publish()
    reviewed = StandardPageFactory(parent=english, title="Onboarding trainees", slug="onboarding")
    reviewed.save_revision().publish()
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    reviewed_pages = translate(reviewed)
    skills = translate(skill)
    # Wagtail's own page editor shows for a translation whose synced translation was stopped:
    # the home pages' (translated with wagtail-localize, like every page).
    Translation.objects.filter(source__object_id=english.translation_key).update(enabled=False)
    teams = {}
    for lang in TARGET_LANGUAGES:
        locale = Locale.objects.get(language_code=lang)
        translator = make_user(f"translator-{lang}", team_group_name(lang, TRANSLATORS))
        reviewer = make_user(f"reviewer-{lang}", team_group_name(lang, REVIEWERS))
        for user in (translator, reviewer):
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = lang
            profile.save()
        submit_for_review(reviewed_pages[lang], translator)
        teams[lang] = {
            "translator": translator,
            "reviewer": reviewer,
            "home": home_pages[lang],
            "mirrored": Page.objects.get(translation_key=mirrored.translation_key, locale=locale),
            "reviewed": reviewed_pages[lang],
            "stopped": home_pages[lang],
            "skill": skills[lang],
        }
    return teams


def log_in(page, base_url, username):
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(reverse("wagtailadmin_home")) + "$"))


ENGLISH_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def collect(page, lang, screen, gaps):
    page.wait_for_load_state("networkidle")
    texts = page.evaluate(VISIBLE_TEXTS)
    for msgid in english_in(texts, lang, content=english_titles()).values():
        gaps.setdefault(lang, {}).setdefault(msgid, set()).add(screen)
    # Dates are written the language's way: no English month names.
    for text in texts:
        if ENGLISH_MONTH.search(text):
            gaps.setdefault(lang, {}).setdefault(f"date: {text.strip()}", set()).add(screen)


def english_titles():
    """The English pages' titles: content, shown as they are (the Translation status page)."""
    return set(Page.objects.filter(locale__language_code="en").values_list("title", flat=True))


def visit(page, base, url, lang, screen, gaps, status=200):
    response = page.goto(base + url)
    assert response.status == status, f"{lang} {screen}: {url} answered {response.status}"
    collect(page, lang, screen, gaps)


def translator_screens(page, base, team, other, lang, gaps):
    finder = AdminURLFinder(team["translator"])
    visit(page, base, reverse("wagtailadmin_home"), lang, "dashboard", gaps)
    explorer = reverse("wagtailadmin_explore", args=[team["home"].pk])
    visit(page, base, explorer, lang, "explorer", gaps)
    # The explorer's "More options" menu of the first page.
    page.locator("table .w-dropdown__toggle").first.click()
    page.wait_for_timeout(300)
    collect(page, lang, "explorer menu", gaps)
    mirrored = reverse("wagtailadmin_pages:edit", args=[team["mirrored"].pk])
    visit(page, base, mirrored, lang, "untranslated page", gaps)
    # wagtail-localize's React translation editor: its strings come from its JavaScript catalogue.
    visit(page, base, finder.get_edit_url(team["reviewed"]), lang, "translation editor", gaps)
    expect(page.locator(".js-translation-editor h3").first).to_be_visible()
    collect(page, lang, "translation editor", gaps)
    # Wagtail's own page editor: a translation whose synced translation was stopped.
    visit(page, base, finder.get_edit_url(team["stopped"]), lang, "page editor", gaps)
    expect(page.locator("form#page-edit-form")).to_be_visible()
    snippets = reverse(SoftSkill.snippet_viewset.get_url_name("list"))
    visit(page, base, f"{snippets}?locale={lang}", lang, "soft skills", gaps)
    expect(page.get_by_role("link", name=team["skill"].name)).to_be_visible()
    visit(page, base, finder.get_edit_url(team["skill"]), lang, "soft skill editor", gaps)
    expect(page.locator(".js-translation-editor h3").first).to_be_visible()
    collect(page, lang, "soft skill editor", gaps)
    another = reverse("wagtailadmin_pages:edit", args=[other["reviewed"].pk])
    visit(page, base, another, lang, "403 page", gaps, status=403)
    visit(page, base, f"{reverse('translations:status')}?language={lang}", lang, "status", gaps)


def reviewer_screens(page, base, team, lang, gaps):
    visit(page, base, reverse("wagtailadmin_home"), lang, "reviewer dashboard", gaps)
    reject = page.locator("button[data-launch-modal][data-workflow-action-url*='/reject/']")
    expect(reject).to_have_count(1)
    page.locator(".w-dropdown", has=reject).locator(".w-dropdown__toggle").click()
    expect(reject).to_be_visible()
    collect(page, lang, "workflow actions", gaps)  # Approve, Approve with comment, Request changes
    reject.click()
    expect(page.locator(".modal textarea, .modal [name=comment]").first).to_be_visible()
    collect(page, lang, "request changes modal", gaps)
    visit(page, base, reverse("translations:status"), lang, "reviewer status", gaps)


def test_translators_and_reviewers_see_their_language(live_server, teams, new_page):
    base = live_server.url
    gaps = {}
    for index, lang in enumerate(TARGET_LANGUAGES):
        team = teams[lang]
        other = teams[TARGET_LANGUAGES[index - 1]]
        translator = new_page()
        log_in(translator, base, team["translator"].username)
        translator_screens(translator, base, team, other, lang, gaps)
        reviewer = new_page()
        log_in(reviewer, base, team["reviewer"].username)
        reviewer_screens(reviewer, base, team, lang, gaps)
        translator.context.close()
        reviewer.context.close()

    if path := os.environ.get("ADMIN_GAPS_JSON"):
        with open(path, "w", encoding="utf-8") as fh:
            report = {
                lang: {msgid: sorted(screens) for msgid, screens in sorted(found.items())}
                for lang, found in gaps.items()
            }
            json.dump(report, fh, ensure_ascii=False, indent=1)
    lines = []
    for lang, found in sorted(gaps.items()):
        for msgid, screens in sorted(found.items()):
            lines.append(f"{lang}: {msgid!r} on {', '.join(sorted(screens))}")
    assert not lines, "English interface strings on the admin screens:\n" + "\n".join(lines)
