"""Translators can have the admin in their language: Bulgarian and Portuguese too.

Wagtail offers only the languages of WAGTAILADMIN_PROVIDED_LANGUAGES (no Bulgarian, no plain
Portuguese); the portal permits its own languages (WAGTAILADMIN_PERMITTED_LANGUAGES).
"""

from django.urls import reverse

import pytest

from tests.admin_msgids import gettext_in
from tests.helpers import TARGET_LANGUAGES, html, text_of
from tests.translations.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team")]


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_a_translator_can_choose_the_admin_language(lang, team, client):
    client.force_login(team["bg_translator"])
    page = html(client.get(reverse("wagtailadmin_account")))
    choices = [o["value"] for o in page.select("select[name='locale-preferred_language'] option")]
    assert lang in choices


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_without_a_preference_the_admin_follows_the_browser(lang, team, client):
    from wagtail.users.models import UserProfile

    # A member of one language team gets that language as preference (test_team_language.py);
    # someone without a preference (here: an editor) gets the browser's language if it is a
    # permitted admin language, else English.
    editor = make_user(f"editor-{lang}", "Editors", admin_language=None)
    assert UserProfile.get_for_user(editor).preferred_language == ""
    client.force_login(editor)
    page = html(client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=lang))
    assert page.html["lang"] == lang
    assert gettext_in(lang, "Dashboard") in text_of(page.select_one("title"))
