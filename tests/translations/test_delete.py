"""Deleting is explicit and loses nothing (issue 9, item 3).

An English guide has a published Bulgarian translation, a Greek draft translation and
untranslated copies (aliases) in the other languages. Deleting it — from the admin's delete
view, the bulk "Delete" action or ``page.delete()`` in code — deletes those too, unless the
editor keeps the translations as independent pages; either way the translators' text is kept
in the page's history (``PageLogEntry`` data).
"""

import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, PageLogEntry

import pytest

from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.helpers import html, text_of, translate
from tests.prebuilt import from_prebuilt
from translations.deletion import DELETED, KEEP_FIELD, KEPT, keeping_translations

TITLE = "Listening to trainees"
BG_TITLE = f"БГ {TITLE}"
EL_TITLE = f"ΕΛ {TITLE}"
DENIED = "Sorry, you do not have permission to access this area."


@dataclass
class World:
    en_index: Page
    bg_index: Page
    en_guide: Page
    bg_guide: Page
    el_guide: Page
    aliases: list  # the guide's untranslated copies (it, pt, es)


def make_world(built):
    index = ResourceIndexPageFactory(parent=built["home_pages"]["en"])
    indexes = translate(index)
    guide = GuidePageFactory(parent=index, title=TITLE, slug="listening", live=False)
    guide.save_revision().publish()  # publishing makes its aliases in every language
    guides = translate(guide, languages=["bg", "el"])
    greek = guides["el"]
    greek.unpublish()  # a translation still in progress
    greek.refresh_from_db()
    assert not greek.live
    return World(
        en_index=index,
        bg_index=indexes["bg"],
        en_guide=guide,
        bg_guide=guides["bg"],
        el_guide=greek,
        aliases=list(Page.objects.filter(alias_of=guide)),
    )


pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", world=make_world)]


@pytest.fixture
def world(team, home_pages, _prebuilt):
    return from_prebuilt(_prebuilt, "world") or make_world({"home_pages": home_pages})


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "password")


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete_url(*pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return url + "?" + "&".join(f"id={page.pk}" for page in pages)


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def public_bulgarian(client, world):
    """What an anonymous visitor of the Bulgarian site sees: page, listing, search, sitemap."""
    client.logout()
    with translation.override("bg"):
        search_url = reverse("search")
    page = client.get(world.bg_guide.url)
    listing = client.get(world.bg_index.url)
    assert listing.status_code == 200
    search = client.get(search_url, {"q": "Listening"})
    assert search.status_code == 200
    return {
        "page": page.status_code,
        "page_title": text_of(html(page).find("h1") or html(page)),
        "listing": text_of(html(listing).find("main")),
        "search": [text_of(r) for r in html(search).select(".search-result")],
        "sitemap": client.get(reverse("sitemap")).content.decode(),
    }


def assert_gone_from_public_site(client, world):
    seen = public_bulgarian(client, world)
    assert seen["page"] == 404
    assert BG_TITLE not in seen["listing"]
    assert TITLE not in seen["listing"]  # nor the English guide under the "English" badge
    assert not any(TITLE in result for result in seen["search"])
    assert world.bg_guide.full_url not in seen["sitemap"]
    for alias in world.aliases:
        assert client.get(alias.url).status_code == 404


def deletion_entries(world, action, source_title=TITLE):
    """The history entries that keep the translators' text of a page, by language."""
    entries = PageLogEntry.objects.filter(action=action)
    return {
        entry.data["language"]: entry
        for entry in entries
        if entry.data["source"]["title"] == source_title
    }


def assert_text_kept(world, action):
    entries = deletion_entries(world, action)
    assert sorted(entries) == ["bg", "el"]  # the aliases had no text of their own
    bulgarian = entries["bg"]
    assert bulgarian.page_id == world.bg_guide.pk
    assert bulgarian.data["source"]["title"] == TITLE
    texts = {segment["translation"] for segment in bulgarian.data["segments"]}
    assert BG_TITLE in texts
    assert f'msgstr "{BG_TITLE}"' in bulgarian.data["po"]
    assert EL_TITLE in {segment["translation"] for segment in entries["el"].data["segments"]}
    json.dumps(bulgarian.data)  # what is kept is plain JSON


# The confirmation
def test_confirmation_lists_the_translations_and_says_what_happens(client, team, world):
    client.force_login(team["editor"])
    response = client.get(delete_url(world.en_guide))
    assert response.status_code == 200
    page = html(response)
    rows = {
        text_of(row.find("strong")): (row["data-language-state"], text_of(row))
        for row in page.select("[data-language-state]")
    }
    assert rows["Bulgarian"][0] == "published"
    assert BG_TITLE in rows["Bulgarian"][1]
    assert rows["Greek"][0] == "draft"
    assert {rows[name][0] for name in ("Italian", "Portuguese", "Spanish")} == {"alias"}
    text = text_of(page.find("main") or page)
    assert "deleted with the English page too and disappear from the public site" in text
    assert "that are not translated (they show the English page) are always deleted" in text
    form = page.find("form", action=delete_url(world.en_guide))
    checkbox = form.find("input", attrs={"name": KEEP_FIELD})
    assert checkbox["type"] == "checkbox" and not checkbox.has_attr("checked")
    assert "Keep the translations as independent pages" in text_of(form)


def test_confirmation_counts_the_translations_of_the_pages_below(client, admin_user, world):
    client.force_login(admin_user)
    page = html(client.get(delete_url(world.en_index)))
    text = text_of(page.find("main") or page)
    assert "Translations of the pages below it:" in text
    assert "Bulgarian : translated and published (1)" in text
    assert "Greek : translation in progress, not published (1)" in text
    assert "Italian : not translated, shows the English page (1)" in text


def test_confirmation_of_a_translated_page_is_wagtails_own(client, admin_user, world):
    client.force_login(admin_user)
    page = html(client.get(delete_url(world.bg_guide)))
    assert page.find("input", attrs={"name": KEEP_FIELD}) is None
    assert "Are you sure you want to delete this page?" in text_of(page)


# Deleting from the admin
def test_deleting_an_english_page_deletes_its_translations_and_keeps_their_text(
    client, team, world
):
    before = public_bulgarian(client, world)  # the Bulgarian guide is online everywhere
    assert before["page"] == 200 and BG_TITLE in before["page_title"]
    assert BG_TITLE in before["listing"]
    assert any(BG_TITLE in result for result in before["search"])
    assert world.bg_guide.full_url in before["sitemap"]

    client.force_login(team["editor"])
    response = client.post(delete_url(world.en_guide))
    assert response.status_code == 302
    assert not exists(world.en_guide)
    assert not exists(world.bg_guide)
    assert not exists(world.el_guide)
    assert not any(exists(alias) for alias in world.aliases)
    assert_gone_from_public_site(client, world)
    assert_text_kept(world, DELETED)
    entry = deletion_entries(world, DELETED)["bg"]
    assert entry.user == team["editor"]


def test_keeping_the_translations_leaves_them_live_as_independent_pages(client, team, world):
    client.force_login(team["editor"])
    response = client.post(delete_url(world.en_guide), {KEEP_FIELD: "1"})
    assert response.status_code == 302
    assert not exists(world.en_guide)
    assert not any(exists(alias) for alias in world.aliases)  # aliases always go
    # The Bulgarian translation is still online, with its text, and the Greek draft remains.
    seen = public_bulgarian(client, world)
    assert seen["page"] == 200
    assert BG_TITLE in seen["page_title"]
    assert BG_TITLE in seen["listing"]
    assert world.bg_guide.full_url in seen["sitemap"]
    greek = Page.objects.get(pk=world.el_guide.pk)
    assert not greek.live
    assert_text_kept(world, KEPT)


def test_a_kept_page_can_be_deleted_by_its_reviewers_and_admins_not_translators(
    client, team, world, admin_user
):
    with keeping_translations(world.en_guide):
        world.en_guide.delete()
    assert exists(world.bg_guide)

    client.force_login(team["bg_translator"])
    url = delete_url(world.bg_guide)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert DENIED in text_of(html(response))
    client.force_login(team["el_reviewer"])  # a reviewer of another language
    assert client.post(delete_url(world.bg_guide)).status_code == 403
    assert exists(world.bg_guide)

    client.force_login(team["bg_reviewer"])
    assert client.get(delete_url(world.bg_guide)).status_code == 200
    assert client.post(delete_url(world.bg_guide)).status_code == 302
    assert not exists(world.bg_guide)
    assert client.get(world.bg_guide.url).status_code == 404

    client.force_login(admin_user)
    assert client.post(delete_url(world.el_guide)).status_code == 302
    assert not exists(world.el_guide)


def test_translators_and_reviewers_still_cannot_delete_translations_of_english_pages(
    client, team, world, admin_user
):
    for user in (team["bg_translator"], team["bg_reviewer"]):
        client.force_login(user)
        response = client.post(delete_url(world.bg_guide))
        assert response.status_code == 403
        assert DENIED in text_of(html(response))
        # Bulk: refused (reviewer) or the page is left out as one they may not delete.
        bulk = client.post(bulk_delete_url(world.bg_guide))
        assert bulk.status_code in (302, 403)
        assert exists(world.bg_guide)
    assert client.get(world.bg_guide.url).status_code == 200
    client.force_login(admin_user)
    assert client.post(delete_url(world.bg_guide)).status_code == 302
    assert not exists(world.bg_guide)
    assert exists(world.en_guide)


# The other routes
def test_bulk_delete_deletes_the_translations(client, team, world):
    client.force_login(team["editor"])
    confirmation = html(client.get(bulk_delete_url(world.en_guide)))
    assert BG_TITLE in text_of(confirmation)
    assert confirmation.find("input", attrs={"name": KEEP_FIELD}) is not None
    response = client.post(bulk_delete_url(world.en_guide))
    assert response.status_code == 302
    assert not exists(world.en_guide)
    assert not exists(world.bg_guide)
    assert_gone_from_public_site(client, world)
    assert_text_kept(world, DELETED)


def test_bulk_delete_keeps_the_translations_when_asked(client, team, world):
    client.force_login(team["editor"])
    response = client.post(bulk_delete_url(world.en_guide), {KEEP_FIELD: "1"})
    assert response.status_code == 302
    assert not exists(world.en_guide)
    assert not any(exists(alias) for alias in world.aliases)
    assert public_bulgarian(client, world)["page"] == 200
    assert_text_kept(world, KEPT)


def test_deleting_in_code_deletes_the_translations(client, world):
    world.en_guide.delete()
    assert_gone_from_public_site(client, world)
    assert_text_kept(world, DELETED)


def test_deleting_a_section_deletes_the_translations_below_it(client, admin_user, world):
    client.force_login(admin_user)
    response = client.post(delete_url(world.en_index))
    assert response.status_code == 302
    assert not exists(world.bg_index)
    assert not exists(world.bg_guide)
    client.logout()
    assert client.get(world.bg_guide.url).status_code == 404
    assert world.bg_guide.full_url not in client.get(reverse("sitemap")).content.decode()
    assert_text_kept(world, DELETED)
    index_entries = deletion_entries(world, DELETED, source_title=world.en_index.title)
    assert len(index_entries) == 5
    assert index_entries["bg"].data["title"] == world.bg_index.title


def test_the_kept_text_can_be_found_listed_and_exported(client, admin_user, world, capsys):
    from django.core.management import call_command

    world.en_guide.delete()
    entry = deletion_entries(world, DELETED)["bg"]
    # An administrator finds it in Reports → Site history.
    client.force_login(admin_user)
    history = client.get(reverse("wagtailadmin_reports:site_history"), {"action": DELETED})
    assert history.status_code == 200
    assert f"Deleted with its English page “{TITLE}”" in text_of(html(history))
    call_command("deleted_translations")
    listing = capsys.readouterr().out
    assert str(entry.pk) in listing and BG_TITLE in listing
    call_command("deleted_translations", str(entry.pk))
    assert f'msgstr "{BG_TITLE}"' in capsys.readouterr().out


def test_the_kept_text_goes_back_into_a_new_translation_unpublished(client, world):
    from django.core.management import call_command

    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    world.en_guide.delete()
    entry = deletion_entries(world, DELETED)["bg"]
    # The editor re-creates the English guide and starts its Bulgarian translation again.
    guide = GuidePageFactory(parent=world.en_index, title=TITLE, slug="listening", live=False)
    guide.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(guide)
    bulgarian = Translation.objects.create(source=source, target_locale=world.bg_guide.locale)
    bulgarian.save_target(publish=False)
    bg_page = Page.objects.get(
        translation_key=guide.translation_key, locale=bulgarian.target_locale
    )

    call_command("deleted_translations", str(entry.pk), into=bg_page.pk)

    saved = StringTranslation.objects.filter(locale=bulgarian.target_locale, context__path="title")
    assert BG_TITLE in {s.data for s in saved.filter(context__object_id=guide.translation_key)}
    # Saved for the translator to check and submit, not published: visitors see the English.
    client.logout()
    assert BG_TITLE not in client.get(bg_page.url).content.decode()
