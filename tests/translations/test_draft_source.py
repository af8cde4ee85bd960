"""An English page that is not published cannot be translated: its text is a draft, which no
translator sees and no partner site shows."""

from django.test import TestCase
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import Translation

import pytest

from tests.factories import GuidePageFactory
from tests.helpers import translate

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Confidential first draft"


def test_translate_this_page_is_refused_for_a_draft(client, team, resources, login, locales):
    draft = GuidePageFactory(parent=resources, title=DRAFT_TEXT, slug="draft", live=False)
    login(team["editor"])
    url = reverse("wagtail_localize:submit_page_translation", args=[draft.pk])
    assert client.get(url).status_code == 403
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"locales": [locales["bg"].pk, locales["el"].pk]})
    assert response.status_code == 403
    assert not Translation.objects.filter(source__object_id=draft.translation_key).exists()
    assert (
        not Page.objects.filter(translation_key=draft.translation_key).exclude(pk=draft.pk).exists()
    )


def test_a_translator_cannot_open_the_translation_of_an_unpublished_page(
    client, team, resources, login
):
    guide = GuidePageFactory(parent=resources, title="Published, then withdrawn", slug="w")
    bulgarian = translate(guide, languages=["bg"])["bg"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        guide.unpublish()
    guide.title = DRAFT_TEXT
    guide.save_revision()
    source = Translation.objects.get(
        target_locale=bulgarian.locale, source__object_id=guide.translation_key
    ).source
    # "Sync translated pages" would read the draft into the translation editor: refused too.
    login(team["editor"])
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert response.status_code == 403
    login(team["bg_translator"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[bulgarian.pk]))
    assert response.status_code == 403
    assert DRAFT_TEXT not in response.content.decode()
