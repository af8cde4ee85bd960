"""A translation stays a draft until it is published, and its language's visitors get the English
page with a notice meanwhile: never English text passed off as that language. Adding a language
starts draft translations of everything for its reviewers."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.setup import on_post_migrate
from tests.factories import SoftSkillFactory
from tests.helpers import TARGET_LANGUAGES, html, text_of, translate
from tests.translations.test_fallback import notice_text, publish_new_guide
from tests.translations.test_status import cell
from translations.status import TranslationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("resources")]


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw"))
    return client


def start_translation(client, page, *languages):
    """ "Translate this page" in the admin, as an editor does it."""
    locales = Locale.objects.filter(language_code__in=languages)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk for locale in locales]},
        )
    assert response.status_code == 302
    return {
        p.locale.language_code: p
        for p in Page.objects.filter(translation_key=page.translation_key).select_related("locale")
    }


def test_a_started_translation_shows_the_english_page_with_a_notice(
    client, superuser_client, resources
):
    guide = publish_new_guide(resources, "Giving feedback that lands")
    for link in guide.skill_links.all():
        translate(link.skill, languages=["bg"])
    pages = start_translation(superuser_client, guide, "bg")

    bulgarian = pages["bg"]
    assert bulgarian.alias_of_id is None  # a translation of its own now, in the editor
    assert not bulgarian.live  # ...but a draft until a reviewer publishes it
    client.logout()
    response = client.get(bulgarian.get_url())
    assert response.status_code == 200
    page = html(response)
    assert page.find("main")["lang"] == "en"
    assert notice_text("bg") in text_of(page.select_one(".notice--untranslated"))
    assert "Giving feedback that lands" in text_of(page.find("h1"))
    # The canonical address is the English page: the draft is not presented as a translation.
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.endswith(guide.get_url())
    assert not page.find("link", rel="alternate", hreflang="bg")

    # Bulgarian listings keep it, with the English title, marked as English.
    bg_index = resources.get_translation(Locale.objects.get(language_code="bg"))
    listing = html(client.get(bg_index.get_url()))
    card = next(
        c for c in listing.select(".card") if "Giving feedback" in text_of(c.select_one("h3"))
    )
    assert card["lang"] == "en"
    assert card.select_one(".badge--untranslated") is not None
    assert card.select_one("a")["href"] == bulgarian.get_url()

    # Not in the sitemap under Bulgarian, nor in Bulgarian search results.
    assert bulgarian.get_url() not in client.get("/sitemap.xml").content.decode()
    results = html(client.get("/bg/search/", {"q": "feedback"}))
    assert not results.select(f'a[href="{bulgarian.get_url()}"]')

    # The status page does not call it published.
    status = TranslationStatus(languages=["bg"])
    row = next(r for r in status.rows if r.title == "Giving feedback that lands")
    assert row.cells["bg"].state == "in_progress"
    assert row.cells["bg"].progress == 0


def test_publishing_the_translation_replaces_the_english_page(client, superuser_client, resources):
    guide = publish_new_guide(resources, "Giving feedback that lands")
    for link in guide.skill_links.all():
        translate(link.skill, languages=["bg"])
    start_translation(superuser_client, guide, "bg")
    bulgarian = translate(guide, languages=["bg"])["bg"]  # translated and published
    assert bulgarian.live
    page = html(client.get(bulgarian.get_url()))
    assert page.select_one(".notice--untranslated") is None
    assert "БГ Giving feedback that lands" in text_of(page.find("h1"))


def test_no_english_page_is_served_once_it_is_unpublished(client, superuser_client, resources):
    """The fallback is for translations of live English pages only."""
    guide = publish_new_guide(resources, "Withdrawn in English")
    bulgarian = start_translation(superuser_client, guide, "bg")["bg"]
    assert client.get(bulgarian.get_url()).status_code == 200
    guide.refresh_from_db()
    guide.unpublish()
    assert client.get(bulgarian.get_url()).status_code == 404


def test_adding_a_language_starts_draft_translations(client, resources, home_pages):
    guide = publish_new_guide(resources, "Welcoming a trainee")
    skill = SoftSkillFactory(name="Patience")
    languages = [*settings.LANGUAGES, ("fr", "French")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        with TestCase.captureOnCommitCallbacks(execute=True):
            on_post_migrate(sender=None)  # what ``migrate`` runs at its end
        assert (
            Group.objects.filter(name__in=["French translators", "French reviewers"]).count() == 2
        )
        french = Locale.objects.get(language_code="fr")
        english = Locale.objects.get(language_code="en")
        sources = Page.objects.filter(locale=english, depth__gt=1)
        drafts = Page.objects.filter(locale=french)
        assert sorted(drafts.values_list("translation_key", flat=True)) == sorted(
            sources.values_list("translation_key", flat=True)
        )
        assert not drafts.filter(live=True).exists()
        assert not drafts.filter(alias_of__isnull=False).exists()
        assert Translation.objects.filter(target_locale=french).count() >= sources.count()
        assert skill.get_translation(french).name == "Patience"  # snippets cannot be drafts

        # Visitors of the new language get the English pages, with the notice.
        response = client.get(f"/fr{guide.url_path.removeprefix('/home')}")
        assert response.status_code == 200
        page = html(response)
        assert page.find("main")["lang"] == "en"
        assert page.select_one(".notice--untranslated") is not None
        assert "Welcoming a trainee" in text_of(page.find("h1"))

        # Reviewers see them to work through.
        status = TranslationStatus(languages=["fr"])
        row = next(r for r in status.rows if r.title == "Welcoming a trainee")
        assert row.cells["fr"].state == "in_progress"

        # Running it again starts nothing twice.
        call_command("start_translations", "fr")
        assert Page.objects.filter(locale=french).count() == drafts.count()


def test_start_translations_command_refuses_unknown_languages(home_pages):
    with pytest.raises(CommandError):
        call_command("start_translations", "en")
    with pytest.raises(CommandError):
        call_command("start_translations", "xx")


def test_a_changed_snippet_shows_as_outdated_with_a_sync_link(home_pages, superuser_client):
    skill = SoftSkillFactory(name="Active listening")
    translate(skill, languages=["bg"])
    page = html(superuser_client.get(reverse("translations:status"), {"language": "bg"}))
    assert cell(page, "Active listening", "bg")["data-state"] == "published"

    skill.description = "Listening to understand, not to answer."
    skill.save()
    page = html(superuser_client.get(reverse("translations:status"), {"language": "bg"}))
    outdated = cell(page, "Active listening", "bg")
    assert outdated["data-state"] == "outdated"
    assert "English changed on" in text_of(outdated)
    source = TranslationSource.objects.get(object_id=skill.translation_key)
    assert outdated.find("a")["href"] == reverse(
        "translations:sync_language", args=[source.pk, "bg"]
    )
    # For someone who works on the English item, that link is wagtail-localize's sync of every
    # language; syncing (and, as an administrator, publishing) brings the translation up to
    # date, keeping what the translator wrote for the unchanged name.
    sync_url = superuser_client.get(outdated.find("a")["href"])["Location"]
    assert sync_url == reverse("wagtail_localize:update_translations", args=[source.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = superuser_client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    page = html(superuser_client.get(reverse("translations:status"), {"language": "bg"}))
    assert cell(page, "Active listening", "bg")["data-state"] != "outdated"
    assert skill.get_translation(Locale.objects.get(language_code="bg")).name == (
        "БГ Active listening"
    )


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
)
def test_sending_a_page_to_all_languages_makes_machine_drafts(client, superuser_client, resources):
    guide = publish_new_guide(resources, "Mentor first week")
    for link in guide.skill_links.all():
        translate(link.skill)
    pages = start_translation(superuser_client, guide, *TARGET_LANGUAGES)

    status = TranslationStatus()
    row = next(r for r in status.rows if r.title == "Mentor first week")
    for lang in TARGET_LANGUAGES:
        assert not pages[lang].live, lang  # drafts, for each language's reviewers
        assert row.cells[lang].state == "machine_translated", lang
        draft = pages[lang].get_latest_revision_as_object()
        assert draft.title == "week first Mentor", lang  # the dummy translator's draft
    shown = html(superuser_client.get(reverse("translations:status"), {"language": "bg"}))
    assert "Machine-translated, not yet reviewed" in text_of(cell(shown, "Mentor first week", "bg"))
    # Visitors still get the English page, with the notice.
    client.logout()
    public = html(client.get(pages["bg"].get_url()))
    assert "week first Mentor" not in text_of(public)
    assert "Mentor first week" in text_of(public.find("h1"))
    assert public.select_one(".notice--untranslated") is not None
