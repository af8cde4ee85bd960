"""What a mentor sees around a resource's content, in several languages: breadcrumbs, related
resources (never a draft, a private page or another language's), sections as headings,
downloads with their language and size, and a way to print the page."""

from django.utils import translation
from django.utils.translation import gettext

import pytest

from core.languages import language_name
from home.demo_media import checklist_document
from resources.factory import body_blocks
from tests.factories import (
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)
from tests.helpers import html, queries_for, same_queries_message, text_of, translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "bg", "el"]
RESOURCES = ["guide", "good_practice", "case_study"]


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html(response)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", RESOURCES)
def test_breadcrumbs_lead_from_home_through_the_listing_to_the_page(portal, client, language, kind):
    page = portal.pages[kind][language]
    listing = portal.pages["case_study_index" if kind == "case_study" else "resource_index"]
    doc = visit(client, page.url)
    nav = doc.select_one("nav.breadcrumbs")
    with translation.override(language):
        assert nav["aria-label"] == gettext("Breadcrumb")
        home_label = gettext("Home")
    links = nav.select("ol > li > a")
    assert [(text_of(a), a["href"]) for a in links] == [
        (home_label, portal.homes[language].url),
        (listing[language].title, listing[language].url),
        (page.title, page.url),
    ]
    assert links[-1]["aria-current"] == "page"
    assert [a for a in links if a.has_attr("aria-current")] == [links[-1]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_related_resources_share_skills_in_the_same_language_and_are_all_public(
    portal, client, language
):
    guide = portal.pages["guide"][language]
    doc = visit(client, guide.url)
    section = doc.select_one("section.related")
    assert section.find("h2")["id"] == section["aria-labelledby"]
    titles = [text_of(a) for a in section.select(".related__title a")]
    # The good practice and the case study share "Giving feedback" with the guide; the draft
    # and the password-protected guide and case study share it too, and are never shown.
    assert sorted(titles) == sorted(
        [portal.pages["good_practice"][language].title, portal.pages["case_study"][language].title]
    )
    hrefs = {a["href"] for a in section.select(".related__title a")}
    assert hrefs == {
        portal.pages["good_practice"][language].url,
        portal.pages["case_study"][language].url,
    }
    hidden = {page.title for page in portal.all_hidden_pages()}
    assert not hidden & set(titles)
    assert guide.title not in titles


def test_a_page_is_not_its_own_related_resource_nor_another_languages(portal, client):
    practice = portal.pages["good_practice"]["bg"]
    doc = visit(client, practice.url)
    titles = [text_of(a) for a in doc.select(".related__title a")]
    assert practice.title not in titles
    english = {page.title for page in (p["en"] for p in portal.pages.values())}
    assert not english & set(titles)
    assert portal.pages["guide"]["bg"].title in titles


@pytest.mark.parametrize("language", LANGUAGES)
def test_good_practice_and_case_study_sections_are_headings(portal, client, language):
    for kind, field in (("good_practice", "how_to_apply"), ("case_study", "challenge")):
        page = portal.pages[kind][language].specific
        doc = visit(client, page.url)
        headings = [text_of(h) for h in doc.select("article h2")]
        with translation.override(language):
            label = str(page._meta.get_field(field).verbose_name)
        assert label[:1].upper() + label[1:] in headings


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_action_and_print_stylesheet(portal, client, language):
    doc = visit(client, portal.pages["guide"][language].url)
    button = doc.select_one("button[data-print]")
    assert button is not None and button.has_attr("hidden")  # shown by print.js
    hint = doc.select_one("[data-print-hint]")
    with translation.override(language):
        assert text_of(button) == gettext("Print this page")
        assert "Ctrl+P" in text_of(hint)
    assert doc.select_one('script[src$="js/print.js"]') is not None
    sheet = doc.select_one('link[rel="stylesheet"][media="print"]')
    assert sheet["href"].endswith("css/print.css")
    address = doc.select_one(".print-details")
    assert "print-only" in address["class"]
    assert portal.pages["guide"][language].url in text_of(address)


def test_section_headings_are_heading_blocks_and_paragraphs_stay_paragraphs(client, home_page):
    """Sections are real heading blocks (the demo content's "## " lines); a paragraph that
    opens with words and a colon stays a paragraph."""
    index = ResourceIndexPageFactory(parent=home_page, slug="more-resources")
    page = GoodPracticePageFactory(
        parent=index,
        body=body_blocks(
            ["## Results", "Trainees <b>stayed</b>.", "Ask, for example: what went well?"]
            + ["A useful structure has four steps: describe, explain, invite, agree."]
        ),
    )
    doc = html(client.get(page.url))
    prose = doc.select_one(".prose")
    assert [text_of(h) for h in prose.find_all("h2")] == ["Results"]
    assert [p.decode_contents() for p in prose.find_all("p")] == [
        "Trainees <b>stayed</b>.",
        "Ask, for example: what went well?",
        "A useful structure has four steps: describe, explain, invite, agree.",
    ]


def download_body():
    return [
        (
            "document",
            {"document": checklist_document(), "title": "Checklist", "description": ""},
        )
    ]


def test_a_download_shows_its_size_and_language_and_says_when_it_is_english_only(
    client, home_pages
):
    skill = SoftSkillFactory()
    translate(skill, ["bg"])
    index = ResourceIndexPageFactory(parent=home_pages["en"], slug="more-resources")
    translate(index, ["bg"])
    guide = GuidePageFactory(parent=index, skills=[skill], body=download_body())
    bg = translate(guide, ["bg"])["bg"]
    document = checklist_document()
    assert document.get_file_size()

    english = html(client.get(guide.url)).select_one(".download")
    assert not english.a.has_attr("hreflang")
    meta = text_of(english.select_one(".download__meta"))
    assert "PDF" in meta
    assert "Language: English" in meta
    assert "no version" not in meta
    assert "KB" in meta

    bulgarian = html(client.get(bg.url)).select_one(".download")
    assert bulgarian.a["hreflang"] == "en"
    meta = text_of(bulgarian.select_one(".download__meta"))
    with translation.override("bg"):
        assert f"{gettext('Language:')} {language_name('en', 'bg')}" in meta
        assert gettext("no version in this language yet") in meta
    assert "KБ" in meta  # the size in Bulgarian


def test_related_resources_cost_the_same_queries_with_ten_times_as_many(client, home_page):
    index = ResourceIndexPageFactory(parent=home_page, slug="more-resources")
    skills = SoftSkillFactory.create_batch(2)
    page = GuidePageFactory(parent=index, skills=skills)
    GoodPracticePageFactory(parent=index, skills=skills[:1])
    few, response = queries_for(client, page.url)
    assert len(html(response).select(".related__item")) == 1
    for _ in range(10):
        GoodPracticePageFactory(parent=index, skills=skills)
    many, response = queries_for(client, page.url)
    assert len(html(response).select(".related__item")) == 4
    assert len(many) == len(few), same_queries_message(few, many)
