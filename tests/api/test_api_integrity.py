"""What must never reach the API or the exports, each case built the way editors make it:
an alias-only page (an English page not yet translated), a translation waiting for review, a
soft skill whose translation or whose translator's edit is not reviewed; and the rate limit
(429 with Retry-After)."""

import json

from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import pytest

from resources.models import SoftSkill
from tests.factories import GuidePageFactory, SoftSkillFactory
from tests.helpers import without_search_indexing

pytestmark = pytest.mark.django_db


def listing(client, name, **params):
    response = client.get(reverse(f"api:{name}:listing"), params)
    assert response.status_code == 200
    return json.loads(response.content)


def titles(client, language):
    return {item["title"] for item in listing(client, "resources", locale=language)["items"]}


def exported(client, language):
    response = client.get(f"/{language}/open-data/resources.json")
    return {item["title"] for item in json.loads(b"".join(response.streaming_content))}


def unreviewed_translation(instance, language):
    """A translation of ``instance`` saved by its translator, not yet approved by the reviewer."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    translation.save_target(publish=False)
    return translation


def test_an_alias_only_page_is_not_listed_in_its_language(client, portal):
    index = portal.pages["resource_index"]["en"]
    with without_search_indexing():
        guide = GuidePageFactory(parent=index, title="Only in English so far")
        bg = Locale.objects.get(language_code="bg")
        if not Page.objects.filter(translation_key=guide.translation_key, locale=bg).exists():
            guide.copy_for_translation(bg, copy_parents=False, alias=True)
    alias = Page.objects.get(translation_key=guide.translation_key, locale=bg)
    assert alias.alias_of_id == guide.pk and alias.live
    assert "Only in English so far" in titles(client, "en")
    assert "Only in English so far" not in titles(client, "bg")
    assert "Only in English so far" not in exported(client, "bg")
    detail = client.get(reverse("api:resources:detail", args=[alias.pk]))
    assert detail.status_code == 404
    # nor is the alias offered as a translation of the English page
    [item] = [
        item
        for item in listing(client, "resources", locale="en")["items"]
        if item["id"] == guide.pk
    ]
    assert "bg" not in {other["locale"] for other in item["translations"]}


def test_a_translation_waiting_for_review_is_not_listed(client, portal):
    index = portal.pages["resource_index"]["en"]
    with without_search_indexing():
        guide = GuidePageFactory(parent=index, title="Waiting for its reviewer")
        unreviewed_translation(guide, "el")
    el_page = Page.objects.get(translation_key=guide.translation_key, locale__language_code="el")
    assert not el_page.live and el_page.alias_of_id is None
    assert not any("Waiting for its reviewer" in title for title in titles(client, "el"))
    assert not any("Waiting for its reviewer" in title for title in exported(client, "el"))
    assert client.get(reverse("api:resources:detail", args=[el_page.pk])).status_code == 404
    [item] = [
        item
        for item in listing(client, "resources", locale="en")["items"]
        if item["id"] == guide.pk
    ]
    assert item["translations"] == []


def test_an_unreviewed_soft_skill_translation_is_not_listed(client, portal):
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    source, _created = TranslationSource.get_or_create_from_instance(skill)
    segment = StringSegment.objects.get(source=source, context__path="name")
    StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        locale=Locale.objects.get(language_code="it"),
        context_id=segment.context_id,
        data="Ascolto attivo (NON REVISIONATO)",
    )
    unreviewed_translation(skill, "it")
    # What wagtail-localize and translations/drafts.py make of it: a live stand-in with the
    # English text, the translator's text in a draft revision.
    it_skill = SoftSkill.objects.get(
        translation_key=skill.translation_key, locale__language_code="it"
    )
    assert it_skill.live and it_skill.live_revision_id is None
    response = client.get(reverse("api:skills:listing"), {"locale": "it"})
    names = {item["name"] for item in json.loads(response.content)["items"]}
    assert names == {"IT Giving feedback", "IT Empathy"}
    assert "NON REVISIONATO" not in response.content.decode()
    [english] = [
        item
        for item in listing(client, "skills", locale="en")["items"]
        if item["slug"] == "active-listening"
    ]
    assert english["translations"] == []


def test_a_translators_unreviewed_edit_of_a_soft_skill_stays_off_the_api(client, portal):
    bulgarian = portal.skills["empathy"]["bg"]
    translation = Translation.objects.get(
        source__object_id=bulgarian.translation_key, target_locale_id=bulgarian.locale_id
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="name")
    StringTranslation.objects.filter(
        translation_of_id=segment.string_id, locale_id=bulgarian.locale_id
    ).update(data="Съпричастност (НЕПРЕГЛЕДАНО)")
    translation.save_target(publish=False)
    names = {item["name"] for item in listing(client, "skills", locale="bg")["items"]}
    assert names == {"БГ Giving feedback", "БГ Empathy"}
    guide = next(
        item
        for item in listing(client, "resources", locale="bg")["items"]
        if item["type"] == "guide"
    )
    assert "Съпричастност (НЕПРЕГЛЕДАНО)" not in json.dumps(guide, ensure_ascii=False)


def test_too_many_requests_get_a_429_with_retry_after(client, portal, settings):
    settings.API_RATE_LIMIT = "3/minute"
    url = reverse("api:skills:listing")
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url, {"locale": "bg"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in json.loads(response.content)["message"]
    assert response["Access-Control-Allow-Origin"] == "*"
    export = client.get("/bg/open-data/resources.csv")
    assert export.status_code == 429 and int(export["Retry-After"]) > 0
    # another client is not held back
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200
