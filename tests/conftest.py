"""Fixtures shared by the whole suite.

* ``locales``: the six portal locales (created by ``post_migrate``), by language code.
* ``home_page`` / ``site``: the English home page and the default site (``ensure_site``).
* ``home_pages``: the home page in every language, translated with wagtail-localize.
* ``editor`` / ``editor_client``: a non-superuser in Wagtail's "Editors" group.
* ``portal``: a module-scoped portal in every language (see ``tests/content.py``), rolled back
  when the module ends, for modules that render many pages.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from wagtail.models import Locale, Site

import pytest

from home.setup import ensure_site
from tests.content import build_portal
from tests.helpers import LANGUAGE_CODES, rolled_back, translate


@pytest.fixture(autouse=True)
def _clear_cache():
    """Site root paths and cached views (the sitemap) must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    by_code = {locale.language_code: locale for locale in Locale.objects.all()}
    assert sorted(by_code) == sorted(LANGUAGE_CODES), "post_migrate should create every locale"
    return by_code


@pytest.fixture
def home_page(locales):
    return ensure_site()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_pages(home_page, site):
    """The home page in every language: English source plus its wagtail-localize translations."""
    existing = {
        page.locale.language_code: page
        for page in home_page.get_translations(inclusive=True).filter(alias_of__isnull=True)
    }
    if sorted(existing) == sorted(LANGUAGE_CODES):
        return {code: page.specific for code, page in existing.items()}
    return translate(home_page)


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        username="editor", email="editor@example.org", password="editor-password"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    assert not user.is_superuser
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield build_portal()


def pytest_configure(config):
    # WhiteNoise warns about STATIC_ROOT, which only exists after collectstatic.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
