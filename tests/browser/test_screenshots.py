"""The pictures in docs/design.md: every public page type, as a visitor sees it, retaken on each
`make test-browser`.

The demo content (home/demo_content/, in the database shared with `make audit`), served by the
live server and photographed in Debian's chromium: every page type at phone width (390 px) in
en, bg and el, and at desktop width (1366 px) in English. Only the first screen of each page
(what a visitor sees before scrolling), as JPEG at quality 70, so that the files stay small.
Each picture is also a check: the page answers with its status (200, 404 for the unknown
address), in its language.
"""

import sqlite3
from contextlib import closing

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection

from wagtail.models import Page

import pytest

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from home.demo import DemoLoader
from home.models import HomePage, StandardPage
from resources.models import GoodPracticePage, GuidePage, ResourceIndexPage
from scripts import demo_db
from tests.browser.conftest import ELSEWHERE, SCREENSHOTS, _offline
from tests.helpers import without_search_indexing

pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}
SHOTS = [("en", "phone"), ("bg", "phone"), ("el", "phone"), ("en", "desktop")]


def first(model, language):
    return (
        model.objects.live()
        .filter(locale__language_code=language, alias_of__isnull=True)
        .order_by("path")
        .first()
    )


def addresses(language):
    """Page type -> path in ``language`` (tag and skill pages are found by their links)."""
    home = first(HomePage, language)
    standard = {page.slug: page for page in StandardPage.objects.live().filter(locale=home.locale)}
    return {
        "home": home.url,
        "listing": first(ResourceIndexPage, language).url,
        "case-studies": first(CaseStudyIndexPage, language).url,
        "guide": first(GuidePage, language).url,
        "good-practice": first(GoodPracticePage, language).url,
        "case-study": first(CaseStudyPage, language).url,
        "skills": f"{home.url}skills/",
        "skill": None,  # the first skill link on the guide
        "tag": None,  # the first tag link on the guide
        "standard-page": standard["about"].url,
        "partners": standard["partners"].url,
        "search": f"{home.url}search/?q=feedback",
        "404": f"{home.url}no-such-page/",
    }


@pytest.fixture
def demo(settings, tmp_path):
    """The demo content: on SQLite the database `make audit` uses too (scripts/demo_db.py, built
    once for the current migrations and demo files) copied into the test database."""
    if connection.vendor == "sqlite":
        shared = demo_db.prepared(log=lambda *args: None)
        settings.MEDIA_ROOT = shared / "media"  # only read
        connection.ensure_connection()
        with closing(sqlite3.connect(shared / "db.sqlite3")) as source:
            source.backup(connection.connection)
        ContentType.objects.clear_cache()
        cache.clear()
    else:
        settings.MEDIA_ROOT = tmp_path / "media"
        with without_search_indexing():
            DemoLoader(log=lambda *args: None, languages=["bg", "el"]).run()
    assert Page.objects.filter(locale__language_code="el", live=True).count() > 20


def test_screenshots_of_every_page_type(live_server, demo, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken = []
    for language, width in SHOTS:
        paths = addresses(language)
        viewport_width, height = WIDTHS[width]
        context = browser.new_context(
            viewport={"width": viewport_width, "height": height}, locale=language
        )
        context.route(ELSEWHERE, _offline)
        page = context.new_page()
        for kind, path in paths.items():
            if path is None:
                page.goto(f"{live_server.url}{paths['guide']}")
                path = page.eval_on_selector_all(
                    "main a[href]",
                    "(links, pattern) => links.map(a => a.getAttribute('href'))"
                    ".find(href => new RegExp(pattern).test(href))",
                    rf"^/{language}/{kind}s/[^/?]+/$",
                )
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == (404 if kind == "404" else 200), (language, kind, path)
            assert page.locator("html").get_attribute("lang") == language
            name = f"site-{language}-{width}-{kind}.jpg"
            page.screenshot(path=str(SCREENSHOTS / name), type="jpeg", quality=70)
            taken.append(name)
        context.close()
    assert len(taken) == len(SHOTS) * 13
