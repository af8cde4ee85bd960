"""A translator's admin speaks their team's language from the first login; the 403 page too."""

from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from tests.helpers import html, text_of
from tests.translations.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team")]


def test_a_new_translator_gets_the_admin_in_the_teams_language(client, team):
    translator = make_user("new-translator-el", "Greek translators", admin_language=None)
    assert UserProfile.get_for_user(translator).preferred_language == "el"
    client.force_login(translator)
    page = html(client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en"))
    assert page.html["lang"] == "el"


def test_a_chosen_language_is_kept(team):
    user = make_user("polyglot", "Editors", admin_language=None)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "it"
    profile.save()
    user.groups.add(*team["bg_translator"].groups.all())
    assert UserProfile.get_for_user(user).preferred_language == "it"


def test_two_teams_leave_the_choice_to_the_user(team):
    user = make_user("two-teams", "Bulgarian translators", "Greek translators", admin_language=None)
    assert UserProfile.get_for_user(user).preferred_language == ""


def test_the_refusal_page_speaks_the_users_language(client, content):
    translator = make_user("denied-bg", "Bulgarian translators", admin_language=None)
    client.force_login(translator)
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[content.page["el"].pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403
    text = text_of(html(response).select_one("main") or html(response).body)
    assert "Sorry, you do not have permission" not in text
    assert "Съжаляваме" in text or "нямате" in text


def test_the_reviewers_comment_box_is_labelled_in_their_language():
    from django.utils import translation

    from wagtail.forms import TaskStateCommentForm

    with translation.override("bg"):
        label = str(TaskStateCommentForm().fields["comment"].label)
    assert label != "Comment" and label
