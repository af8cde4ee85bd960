"""The Translation status page's header names the page, not "Home"."""

from django.urls import reverse

import pytest

from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Translation status"), ("bg", "Състояние на преводите")]
)
def test_the_header_shows_the_pages_title(team, client, language, title):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(team["bg_reviewer"])
    profile.preferred_language = language
    profile.save()
    client.force_login(team["bg_reviewer"])
    page = html(client.get(reverse("translations:status")))

    crumbs = page.select("nav[aria-label] ol li")
    assert text_of(crumbs[-1]) == title  # the last item is what the header shows
    assert text_of(page.select_one("header h1")) == title
    assert text_of(page.title).startswith(title)
    assert crumbs[0].find("a")["href"] == reverse("wagtailadmin_home")
