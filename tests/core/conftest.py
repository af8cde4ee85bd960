"""Fixtures of the cache tests (the page cache and the kept fragments)."""

import pytest

from tests.factories import ResourceIndexPageFactory


@pytest.fixture
def index(home_page):
    return ResourceIndexPageFactory(parent=home_page)
