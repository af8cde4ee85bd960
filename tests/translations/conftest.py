"""Roles, people and content for the translation-workflow tests.

* ``team``: the roles set up by ``setup_translation_roles`` and one user per role
  (an English editor, a Bulgarian translator and reviewer, a Greek translator and reviewer).
* ``content``: an English standard page and soft skill, translated into Bulgarian and Greek.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

import pytest

from tests.factories import ResourceIndexPageFactory, SoftSkillFactory, StandardPageFactory
from tests.helpers import translate
from translations.roles import EDITORS, setup_translation_roles


@dataclass
class Content:
    page: dict  # language -> page (en, bg, el)
    skill: dict  # language -> soft skill (en, bg, el)


def make_user(username, *groups, admin_language="en"):
    """A user in ``groups``. Their admin is in English unless ``admin_language`` says otherwise
    (``None``: the default a new team member gets, their team's language), so that tests can
    compare the admin's messages; tests/translations/test_team_language.py and the browser tests
    check the admin in each language."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="password"
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    if admin_language is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = admin_language
        profile.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def team(home_pages):
    setup_translation_roles()
    return {
        "editor": make_user("editor-en", EDITORS),
        "bg_translator": make_user("translator-bg", "Bulgarian translators"),
        "bg_reviewer": make_user("reviewer-bg", "Bulgarian reviewers"),
        "el_translator": make_user("translator-el", "Greek translators"),
        "el_reviewer": make_user("reviewer-el", "Greek reviewers"),
    }


@pytest.fixture
def content(team, home_pages):
    page = StandardPageFactory(
        parent=home_pages["en"], title="About the project", slug="about", intro="Who we are."
    )
    skill = SoftSkillFactory(name="Empathy", slug="empathy")
    pages = translate(page, languages=["bg", "el"])
    skills = translate(skill, languages=["bg", "el"])
    return Content(page=pages, skill=skills)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def resources(home_pages):
    """A resource index page in English, translated into every language."""
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    translate(index)
    return index
