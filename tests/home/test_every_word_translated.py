"""Every word in the visitor's language: each public page type of the demo site, rendered in
Bulgarian, Greek, Italian, Portuguese and Spanish, shows no English tag name, no English
interface string and no English month name, except where the page marks English text as such
(an element with ``lang="en"``: a tag not translated yet, a page shown in English until its
translation is published). Dates are the language's own long form.

Uses the demo content (its first load is shared with tests/home/test_demo_loader.py).
"""

import datetime
import json
import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import polib
import pytest
from bs4 import Comment, Doctype

from home.demo import DATA_DIR
from home.models import HomePage
from home.templatetags.dates import long_date
from resources.models import KnowledgePage
from tests.helpers import PAGE_MODELS, TARGET_LANGUAGES, html
from tests.home.test_demo_loader import loaded_demo

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
MONTHS = (
    "January February March April May June July August September October November December"
).split()
ENGLISH_MONTH = re.compile(
    r"\b(?:" + "|".join(MONTHS) + r")\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s*\d"
)
# Text that is the same in every language: names, not English.
BRANDS = {"SoftComInVET", "Erasmus+", "Europass"}
# Elements whose text a visitor does not read as the page's text.
HIDDEN = {"script", "style", "template", "noscript"}
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with loaded_demo(django_db_blocker, tmp_path_factory) as loaded:
        yield loaded


def public_urls(code):
    """One address of each public page type in language ``code``: every page model, a tag's
    page, a skill's page, the skills index and a search."""
    urls = []
    for model in PAGE_MODELS:
        page = model.objects.live().filter(locale__language_code=code).order_by("path").first()
        assert page is not None, f"no live {model.__name__} in {code}"
        urls.append(page.url)
    home = HomePage.objects.get(locale__language_code=code)
    tagged = KnowledgePage.objects.live().filter(locale__language_code=code, tags__isnull=False)
    tag = tagged.order_by("path").values_list("tags__slug", flat=True).first()
    urls.append(home.url + home.reverse_subpage("tag", args=[tag]))
    skill = tagged.order_by("path").values_list("skill_links__skill__slug", flat=True).first()
    urls.append(home.url + home.reverse_subpage("skill", args=[skill]))
    urls.append(home.url + home.reverse_subpage("skills"))
    with translation.override(code):
        urls.append(reverse("search") + "?q=mentor")
    return urls


def visible_texts(doc, code):
    """(text, element) of every piece of text a visitor reads on the page (text nodes and
    the attributes read aloud or shown), leaving out whatever sits in an element whose
    ``lang`` is not ``code``."""

    def foreign(element):
        lang = next((p.get("lang") for p in [element, *element.parents] if p.get("lang")), code)
        return lang.split("-")[0] != code

    found = []
    for node in doc.find_all(string=True):
        if isinstance(node, (Comment, Doctype)) or node.parent.name in HIDDEN:
            continue
        text = " ".join(node.split())
        if text and not foreign(node.parent):
            found.append((text, node.parent))
    for element in doc.find_all(True):
        for name in ATTRIBUTES:
            if element.get(name) and not foreign(element):
                found.append((" ".join(element[name].split()), element))
    if doc.find("title"):
        found.append((" ".join(doc.find("title").get_text().split()), doc.find("title")))
    return found


def english_interface(code):
    """The portal's own interface strings whose ``code`` translation differs from the
    English: those that would show the English side if a template missed gettext."""
    catalogue = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    strings = set()
    for entry in catalogue.translated_entries():
        for english, translated in [(entry.msgid, entry.msgstr), (entry.msgid_plural, None)]:
            if not english or "%(" in english or "{" in english:
                continue
            translated = translated or entry.msgstr_plural.get(1, "")
            if english.strip() != translated.strip() and english not in BRANDS:
                strings.add(english.strip())
    return strings


def english_tags(code):
    """The demo's English tag names whose ``code`` name differs."""
    labels = json.loads((DATA_DIR / "tag_labels.json").read_text(encoding="utf-8"))
    return {en for en, names in labels.items() if names[code].casefold() != en.casefold()}


def word_pattern(words):
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len)[::-1]) + r")(?!\w)",
        re.IGNORECASE,
    )


@pytest.fixture(scope="module")
def pages(demo, django_db_blocker):
    """Each language's public pages, rendered once: {code: [(url, parsed page)]}."""
    client = Client()
    rendered = {}
    with django_db_blocker.unblock():
        for code in TARGET_LANGUAGES:
            rendered[code] = []
            for url in public_urls(code):
                response = client.get(url)
                assert response.status_code == 200, url
                rendered[code].append((url, html(response)))
    return rendered


def tag_texts(url, doc, code):
    """The texts that name tags: links to tag pages, the tag filter's options, the chosen
    filters, and a tag page's title and heading (English loanwords in a page's own text,
    "buddy" in Italian, are the author's words, not tag names)."""
    elements = doc.select("a[href*='/tags/'], select[name=tag] option, .filter-chips .chip")
    if "/tags/" in url:
        elements += doc.select("h1, title")
    return [(text, element) for text, element in visible_texts(doc, code) if element in elements]


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_no_english_tag_name(pages, code):
    pattern = word_pattern(english_tags(code))
    checked = [
        (url, text) for url, doc in pages[code] for text, _element in tag_texts(url, doc, code)
    ]
    assert len(checked) > 20, "the pages show too few tags to tell"
    found = [(url, text) for url, text in checked if pattern.search(text)]
    assert not found, found


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_no_english_interface_string(pages, code):
    # A text that is also a page's title is content ("Partner", the Italian Partners page).
    titles = set(Page.objects.filter(locale__language_code=code).values_list("title", flat=True))
    strings = english_interface(code) - titles
    long_strings = word_pattern({s for s in strings if len(s.split()) >= 3})
    found = [
        (url, text)
        for url, doc in pages[code]
        for text, _element in visible_texts(doc, code)
        if text in strings or long_strings.search(text)
    ]
    assert not found, found


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_no_english_month_and_dates_in_the_language_s_own_form(pages, code):
    found = [
        (url, text)
        for url, doc in pages[code]
        for text, _element in visible_texts(doc, code)
        if ENGLISH_MONTH.search(text)
    ]
    assert not found, found
    times = [time for _url, doc in pages[code] for time in doc.find_all("time")]
    assert times, "no page shows a date"
    for time in times:
        day = time["datetime"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day), time
        with translation.override(code):
            expected = long_date(datetime.date.fromisoformat(day))
        assert " ".join(time.get_text().split()) == " ".join(expected.split())
