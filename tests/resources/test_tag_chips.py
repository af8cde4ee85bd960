"""The chips of chosen tag filters speak the page's language: a tag with a reviewed label in it
shows that label; one without shows its English name marked ``lang="en"`` (issue 12: "where a
translation is missing the text carries lang"), also when the filters match nothing."""

import pytest

from resources.models import TagLabel
from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import html, text_of, translate

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("home_pages")]


def bulgarian(english, lang):
    return {"trust": "доверие"}[english]


@pytest.fixture
def tagged_index(home_pages):
    """The resource index (language code → page) of a guide tagged "trust" (a reviewed
    Bulgarian label) and "night shift" (none), in English and Bulgarian."""
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    skill = SoftSkillFactory()
    page = GuidePageFactory(parent=index, skills=[skill], tags=["trust", "night shift"])
    translate(skill, ["bg"])
    indexes = {"en": index, **translate(index, ["bg"])}
    translate(page, ["bg"])
    english = TagLabel.objects.filter(locale__language_code="en")
    translate(english.get(slug="trust"), ["bg"], text=bulgarian)
    return indexes


def tag_chip(doc):
    (chip,) = [a for a in doc.select(".filter-chips a.chip--remove") if "tag=" not in a["href"]]
    for hidden in chip.select(".visually-hidden, [aria-hidden]"):
        hidden.extract()
    return chip


@pytest.mark.parametrize(
    "params",
    [{"tag": "night-shift"}, {"tag": "night-shift", "type": "good-practice"}],
    ids=["matching", "matching-nothing"],
)
def test_an_untranslated_tag_chip_is_marked_english(client, tagged_index, params):
    chip = tag_chip(html(client.get(tagged_index["bg"].url, params)))
    english = chip.find("span", lang="en")
    assert english is not None and text_of(english) == "Night shift"
    assert text_of(chip) == "Етикет: Night shift"


@pytest.mark.parametrize("params", [{"tag": "trust"}, {"tag": "trust", "type": "good-practice"}])
def test_a_translated_tag_chip_has_no_lang(client, tagged_index, params):
    chip = tag_chip(html(client.get(tagged_index["bg"].url, params)))
    assert text_of(chip) == "Етикет: Доверие"
    assert chip.find(attrs={"lang": True}) is None


def test_english_chips_have_no_lang(client, tagged_index):
    chip = tag_chip(html(client.get(tagged_index["en"].url, {"tag": "night-shift"})))
    assert text_of(chip) == "Tag: Night shift"
    assert chip.find(attrs={"lang": True}) is None
