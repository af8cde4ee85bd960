"""Untranslated pages: reachable in every language as aliases, with a notice in the reader's
language, English content marked as such, and listed after translated items."""

from django.utils import translation

from wagtail.models import Page

import pytest

from tests.factories import GuidePageFactory, SoftSkillFactory
from tests.helpers import TARGET_LANGUAGES, html, text_of, translate

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("resources")]


def notice_text(lang):
    """The untranslated-page notice as a visitor of ``lang`` reads it."""
    with translation.override(lang):
        return translation.gettext(
            "This page is not yet available in %(language)s. You are reading the English version."
        ) % {"language": translation.get_language_info(lang)["name_translated"]}


def publish_new_guide(index, title):
    """An English guide created in code (not through the admin) and published."""
    skill = SoftSkillFactory(name=f"Skill for {title}")
    guide = GuidePageFactory(parent=index, title=title, skills=[skill], live=False)
    guide.save_revision().publish()
    return guide


def test_publishing_an_english_page_makes_it_reachable_in_every_language(resources):
    guide = publish_new_guide(resources, "Welcoming a trainee on day one")
    aliases = Page.objects.filter(alias_of=guide).select_related("locale")
    assert sorted(a.locale.language_code for a in aliases) == sorted(TARGET_LANGUAGES)
    assert all(a.live for a in aliases)


def test_alias_page_tells_the_reader_and_marks_english_content(client, resources):
    guide = publish_new_guide(resources, "Welcoming a trainee on day one")
    alias = Page.objects.get(alias_of=guide, locale__language_code="bg")
    page = html(client.get(alias.get_url()))
    notice = page.select_one(".notice--untranslated")
    expected = notice_text("bg")
    assert (
        expected
        != "This page is not yet available in Bulgarian. You are reading the English version."
    )
    assert expected in text_of(notice)
    assert notice["lang"] == "bg"
    assert page.find("main")["lang"] == "en"
    links = {a["hreflang"]: a["href"] for a in notice.find_all("a")}
    assert links == {"en": guide.get_url()}
    assert "Welcoming a trainee on day one" in text_of(page.find("h1"))


def test_translated_page_has_no_notice(client, resources):
    guide = publish_new_guide(resources, "Welcoming a trainee on day one")
    for link in guide.skill_links.all():
        translate(link.skill, languages=["bg"])
    bulgarian = translate(guide, languages=["bg"])["bg"]
    page = html(client.get(bulgarian.get_url()))
    assert page.select_one(".notice--untranslated") is None
    assert not page.find("main").has_attr("lang")


def test_listing_shows_translated_items_first_and_marks_english_ones(client, resources):
    older = publish_new_guide(resources, "Translated guide")
    for link in older.skill_links.all():
        translate(link.skill, languages=["bg"])
    translate(older, languages=["bg"])
    publish_new_guide(resources, "Newer English-only guide")
    bg_index = resources.get_translation(resources.locale.__class__.objects.get(language_code="bg"))
    page = html(client.get(bg_index.get_url()))
    cards = page.select(".card")
    titles = [text_of(card.select_one(".card__title")) for card in cards]
    assert titles == ["БГ Translated guide", "Newer English-only guide"]
    assert cards[0].select_one(".badge") is None
    badge = cards[1].select_one(".badge--untranslated")
    with translation.override("bg"):
        assert text_of(badge) == translation.gettext("English")
    assert cards[1]["lang"] == "en"


def test_a_page_published_from_the_add_form_is_reachable_in_every_language(
    client, home_pages, django_user_model
):
    """The admin's "add page" form: publishing there creates each alias once (wagtail-localize's
    hook makes them; publishing from code makes them on publication)."""
    from django.urls import reverse

    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

    from home.models import StandardPage

    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw"))
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_pages["en"].pk])
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    form.update(nested_form_data({"body": streamfield([])}))
    for name, value in {
        "title": "Contact us",
        "slug": "contact-us",
        "intro": "Write to the partners.",
        "action-publish": "action-publish",
    }.items():
        form[name] = value
    response = client.post(url, form)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="contact-us", locale__language_code="en")
    assert page.live
    aliases = Page.objects.filter(alias_of=page).select_related("locale")
    assert sorted(a.locale.language_code for a in aliases) == sorted(TARGET_LANGUAGES)
    client.logout()
    bulgarian = next(a for a in aliases if a.locale.language_code == "bg")
    assert client.get(bulgarian.get_url()).status_code == 200
