"""Republishing an English page tells the translators and reviewers of each outdated language."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from tests.helpers import html, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "content")]


def test_republishing_emails_the_teams_of_translated_languages(
    team, content, django_capture_on_commit_callbacks
):
    english = content.page["en"]
    english.intro = "Who we are, and what changed."
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [
        "reviewer-bg@example.org",
        "reviewer-el@example.org",
        "translator-bg@example.org",
        "translator-el@example.org",
    ]
    bulgarian = next(m for m in mail.outbox if m.to == ["translator-bg@example.org"])
    with translation.override("bg"):
        subject = translation.gettext("Translation outdated: %(title)s (%(language)s)") % {
            "title": "About the project",
            "language": translation.get_language_info("bg")["name_translated"],
        }
    assert bulgarian.subject == subject
    assert reverse("wagtailadmin_pages:edit", args=[content.page["bg"].pk]) in bulgarian.body
    assert "?language=bg" in bulgarian.body


def test_no_email_when_nothing_was_translated(team, home_pages, django_capture_on_commit_callbacks):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_pages["en"], title="Fresh")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert mail.outbox == []


def test_editor_is_told_in_the_admin(team, content, login, django_capture_on_commit_callbacks):
    english = content.page["en"]
    client = login(team["editor"])
    url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "title": "About the project",
                "slug": "about",
                "intro": "Changed.",
                "body-count": "0",
                "action-publish": "publish",
            },
            follow=True,
        )
    messages = text_of(html(response).select_one(".messages"))
    assert "translations of this page are now outdated" in messages
    assert "Bulgarian" in messages and "Greek" in messages
    assert len(mail.outbox) == 4
