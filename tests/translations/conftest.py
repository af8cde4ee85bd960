"""Roles, people and content for the translation-workflow tests.

* ``team``: the roles set up by ``setup_translation_roles`` and one user per role
  (an English editor, a Bulgarian translator and reviewer, a Greek translator and reviewer).
* ``content``: an English standard page and soft skill, translated into Bulgarian and Greek.
"""

import pytest

from tests.prebuilt import (
    Content,
    from_prebuilt,
    make_content,
    make_resources,
    make_team,
    make_user,
)

__all__ = ["Content", "make_user"]


@pytest.fixture
def team(home_pages, _prebuilt):
    return from_prebuilt(_prebuilt, "team") or make_team()


@pytest.fixture
def content(team, home_pages, _prebuilt):
    return from_prebuilt(_prebuilt, "content") or make_content(home_pages)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def resources(home_pages, _prebuilt):
    """A resource index page in English, translated into every language."""
    return from_prebuilt(_prebuilt, "resources") or make_resources(home_pages)
