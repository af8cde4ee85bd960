"""Tags in the visitor's language: each tag has a label per language (``TagLabel``), a reviewed
snippet translated like a soft skill. A page shows, filters and titles its tags by the live
label of its language, and shows the English name, marked ``lang="en"``, until that label is
translated and reviewed. Search finds a page by its tags' names in its language."""

from django.urls import reverse
from django.utils import translation

from taggit.models import Tag

import pytest

from resources.models import TagLabel
from resources.tag_labels import label
from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import html, text_of, translate

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("home_pages")]

BULGARIAN = {"trust": "доверие", "open questions": "отворени въпроси", "night shift": "нощна смяна"}


def bulgarian(english, lang):
    return BULGARIAN[english]


@pytest.fixture
def guide(home_pages):
    """A guide tagged "trust", "open questions" and "night shift", in English and Bulgarian;
    "trust" has a reviewed Bulgarian label, "open questions" one still waiting for review and
    "night shift" none."""
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    skill = SoftSkillFactory()
    page = GuidePageFactory(
        parent=index, skills=[skill], tags=["trust", "open questions", "night shift"]
    )
    translate(skill, ["bg"])
    translate(index, ["bg"])
    translated = translate(page, ["bg"])["bg"]
    english = TagLabel.objects.filter(locale__language_code="en")
    translate(english.get(slug="trust"), ["bg"], text=bulgarian)
    translate(english.get(slug="open-questions"), ["bg"], text=bulgarian)
    # Sent back to the translator: a draft again, not what visitors see.
    TagLabel.objects.get(locale__language_code="bg", slug="open-questions").unpublish()
    return translated


def test_every_new_tag_gets_a_live_english_label(db, locales):
    tag = Tag.objects.create(name="welcome pack", slug="welcome-pack")
    label = TagLabel.objects.get(slug=tag.slug)
    assert (label.name, label.locale.language_code, label.live) == ("welcome pack", "en", True)


def test_tag_chips_are_in_the_page_language_and_english_ones_say_so(client, guide):
    doc = html(client.get(guide.url))
    chips = {text_of(a): a.get("lang") for a in doc.select(".page-meta a.chip[href*='/tags/']")}
    # A label waiting for review is not shown: the English name, marked as English, stands in.
    assert chips == {"доверие": None, "open questions": "en", "night shift": "en"}


def test_english_page_shows_english_names_without_lang(client, guide):
    doc = html(client.get(guide.url.replace("/bg/", "/en/", 1)))
    chips = {text_of(a): a.get("lang") for a in doc.select(".page-meta a.chip[href*='/tags/']")}
    assert chips == {"trust": None, "open questions": None, "night shift": None}


def test_tag_page_is_titled_by_the_label(client, guide, home_pages):
    home = home_pages["bg"]
    doc = html(client.get(home.url + home.reverse_subpage("tag", args=["trust"])))
    assert text_of(doc.find("h1")) == "Етикет: доверие"
    assert text_of(doc.find("title")).startswith("Етикет: доверие")

    doc = html(client.get(home.url + home.reverse_subpage("tag", args=["night-shift"])))
    assert text_of(doc.find("h1")) == "Етикет: night shift"
    assert doc.find("h1").find("span", lang="en").get_text() == "night shift"


def test_tag_filter_options_are_labelled_in_the_page_language(client, guide):
    index = guide.get_parent()
    doc = html(client.get(index.url))
    options = {
        option["value"]: (text_of(option), option.get("lang"))
        for option in doc.select("select[name=tag] option")
        if option["value"]
    }
    assert options == {
        "trust": ("Доверие (1)", None),
        "open-questions": ("Open questions (1)", "en"),
        "night-shift": ("Night shift (1)", "en"),
    }


def test_a_chosen_tag_filter_matching_nothing_is_named_by_its_label(client, guide):
    index = guide.get_parent()
    doc = html(client.get(index.url, {"tag": "trust", "type": "good-practice"}))
    chips = " ".join(text_of(chip) for chip in doc.select(".filter-chips .chip"))
    assert "Доверие" in chips


def test_search_in_bulgarian_finds_the_page_by_its_bulgarian_tag(client, guide):
    with translation.override("bg"):
        url = reverse("search")
    response = client.get(url, {"q": "доверие"})
    assert response.status_code == 200
    titles = [text_of(a) for a in html(response).select(".search-results a")]
    assert any(guide.title in title for title in titles), titles


def test_labels_cost_one_query_per_language_and_content_version(guide, django_assert_num_queries):
    with translation.override("bg"), django_assert_num_queries(1):
        assert label("trust", "trust") == ("доверие", "")
        assert label("night-shift", "night shift") == ("night shift", "en")
        assert label("open-questions", "open questions") == ("open questions", "en")
