"""Unpublishing an English page takes its translations offline too: a translation never stays
public without its source. Publishing the English page again brings back the English page
(with the notice) at the translation's address; the translation itself waits for its reviewer."""

from django.test import TestCase
from django.urls import reverse

import pytest

from tests.factories import GuidePageFactory
from tests.helpers import html, text_of, translate
from tests.translations.test_fallback import notice_text

pytestmark = pytest.mark.django_db


def test_unpublishing_the_english_page_takes_its_translations_offline(
    client, team, resources, login
):
    guide = GuidePageFactory(parent=resources, title="Reading the room", slug="reading-the-room")
    pages = translate(guide, languages=["bg", "el"])
    bulgarian = pages["bg"]
    listing = resources.get_translation(bulgarian.locale).get_url()
    assert "БГ Reading the room" in text_of(html(client.get(listing)).select_one("main"))

    login(team["editor"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[guide.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(bulgarian.get_url()).status_code == 404
    assert client.get(pages["el"].get_url()).status_code == 404
    assert "Reading the room" not in text_of(html(client.get(listing)).select_one("main"))
    assert bulgarian.get_url() not in client.get(reverse("sitemap")).content.decode()

    guide.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        guide.specific.save_revision().publish()
    page = html(client.get(bulgarian.get_url()))
    assert notice_text("bg") in text_of(page.select_one(".notice--untranslated"))
    assert "БГ Reading the room" not in text_of(page.select_one("main"))
