"""Test data built once per test process and restored for each module that asks for it.

A module marked ``pytest.mark.prebuilt("home_pages", "team", ...)`` starts from a database where
those fixtures' data already exists (a keyword names a module's own data and the function that
builds it from the rest: ``prebuilt("team", world=make_world)``). That database is built the
first time a worker needs it and restored for each module after (``tests.helpers.built_once``:
an in-memory copy on SQLite, a template database on PostgreSQL), before the module's first test
opens its transaction. Each test's changes are still rolled back, and each test gets its own
copy of the objects; only the building is shared. The fixtures of the same names
(``tests/conftest.py``, ``tests/translations/conftest.py``, a module's own) hand out the
prebuilt objects in a marked module and build them for the test in any other.

Building the home page in six languages with wagtail-localize, the roles and their people and
the translated page and skill took about a second and a half before each of some 290 tests.
"""

import copy
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from home.setup import ensure_site
from tests.factories import ResourceIndexPageFactory, SoftSkillFactory, StandardPageFactory
from tests.helpers import LANGUAGE_CODES, translate
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


def make_home_pages(home_page):
    """The home page in every language: the English source and its wagtail-localize
    translations (those already made are kept)."""
    existing = {
        page.locale.language_code: page
        for page in home_page.get_translations(inclusive=True).filter(alias_of__isnull=True)
    }
    if sorted(existing) == sorted(LANGUAGE_CODES):
        return {code: page.specific for code, page in existing.items()}
    return translate(home_page)


def make_team():
    """The roles (``setup_translation_roles``) and one person in each: an English editor, a
    Bulgarian translator and reviewer, a Greek translator and reviewer."""
    setup_translation_roles()
    return {
        "editor": make_user("editor-en", EDITORS),
        "bg_translator": make_user("translator-bg", "Bulgarian translators"),
        "bg_reviewer": make_user("reviewer-bg", "Bulgarian reviewers"),
        "el_translator": make_user("translator-el", "Greek translators"),
        "el_reviewer": make_user("reviewer-el", "Greek reviewers"),
    }


def make_content(home_pages):
    """An English standard page and soft skill, translated into Bulgarian and Greek."""
    page = StandardPageFactory(
        parent=home_pages["en"], title="About the project", slug="about", intro="Who we are."
    )
    skill = SoftSkillFactory(name="Empathy", slug="empathy")
    pages = translate(page, languages=["bg", "el"])
    skills = translate(skill, languages=["bg", "el"])
    return Content(page=pages, skill=skills)


def make_resources(home_pages):
    """A resource index page in English, translated into every language."""
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    translate(index)
    return index


# What each name builds from what was built before it, in this order.
BUILDERS = {
    "home_pages": lambda built: make_home_pages(ensure_site()),
    "team": lambda built: make_team(),
    "content": lambda built: make_content(built["home_pages"]),
    "resources": lambda built: make_resources(built["home_pages"]),
}


def build(names, own=None):
    """The data of ``names`` (and the home pages every one of them needs), by name, then the
    module's ``own`` data (name -> a function of what was built before it)."""
    unknown = set(names) - set(BUILDERS)
    if unknown:
        raise ValueError(f"nothing prebuilds {sorted(unknown)}; known: {sorted(BUILDERS)}")
    built = {}
    for name, builder in BUILDERS.items():
        if name == "home_pages" or name in names:
            built[name] = builder(built)
    for name, builder in (own or {}).items():
        built[name] = builder(built)
    return built


def key(names, own):
    """What tells one prebuilt database from another: the names, and the module's own builders
    by their qualified names."""
    builders = tuple(
        f"{name}={fn.__module__}.{fn.__qualname__}" for name, fn in sorted(own.items())
    )
    return ("prebuilt", *sorted(names), *builders)


def from_prebuilt(built, name):
    """A test's own copy of the prebuilt ``name``, or ``None`` if the module has none."""
    return copy.deepcopy(built[name]) if name in built else None
