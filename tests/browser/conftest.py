"""Fixtures for the browser tests: a headless Debian Chromium per module, driven by Playwright.

Playwright's own browser downloads are never used: the tests launch ``/usr/bin/chromium``
(``CHROMIUM`` overrides it) and are skipped when it or Playwright is missing. ``make
test-browser`` installs Chromium first when it can.
"""

import os
import re
from pathlib import Path

import wagtail

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The pictures in docs/translation.md; BROWSER_SCREENSHOTS writes them elsewhere.
SCREENSHOTS = Path(
    os.environ.get("BROWSER_SCREENSHOTS")
    or Path(__file__).resolve().parents[2] / "docs" / "screenshots"
)
ELSEWHERE = re.compile(r"^https?://(?!(localhost|127\.0\.0\.1)[:/])")
DEFAULT_AVATAR = (
    Path(wagtail.__file__).parent / "admin/static/wagtailadmin/images/default-user-avatar.png"
)


def _offline(route):
    """Nothing leaves the machine: Gravatar pictures become Wagtail's default avatar."""
    if "gravatar.com" in route.request.url:
        route.fulfill(path=DEFAULT_AVATAR, content_type="image/png")
    else:
        route.abort()


@pytest.fixture(scope="session", autouse=True)
def _raw_safe_locale_sync():
    """Each browser test is transactional with ``serialized_rollback``: the database's first
    contents are loaded back (``raw`` saves) before the next test. wagtail-localize's receiver
    syncs trees on every ``LocaleSynchronization`` save, raw or not, and fails on a raw one
    (its locale is not loaded yet), so a second browser test could not start. Skip raw saves."""
    from django.db.models.signals import post_save

    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_unless_raw(instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(sync_unless_raw, sender=LocaleSynchronization, weak=False)
    yield
    post_save.disconnect(sync_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make test-browser` to install Chromium")
    # Playwright's sync API runs an event loop in the test's thread, which makes Django refuse
    # ORM calls ("cannot call this from an async context"); the test's own calls are synchronous.
    sync_api.expect.set_options(timeout=15_000)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def new_page(browser):
    """Open a fresh browser window (its own cookies: one per person) at 1280 px wide."""
    contexts = []

    def _new_page():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC"
        )
        context.set_default_timeout(20_000)
        context.route(ELSEWHERE, _offline)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot of ``page`` as docs/screenshots/<name>.png (the guide shows them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _screenshot(page, name, **kwargs):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    return _screenshot
