"""The snippet admin (Taxonomy → Soft skills, Partner organisations): search, duplicate slugs,
the Locale filter and the language a list opens in, as editors and translators see them."""

from django.urls import reverse

import pytest

from tests.factories import PartnerOrganisationFactory, SoftSkillFactory
from tests.helpers import html, text_of, translate

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team")]

MODELS = {"softskill": "soft skill", "partnerorganisation": "partner organisation"}


def list_url(model, **query):
    from urllib.parse import urlencode

    url = reverse(f"wagtailsnippets_resources_{model}:list")
    return f"{url}?{urlencode(query)}" if query else url


def listed(response):
    """The names in the listing's rows."""
    assert response.status_code == 200
    titles = html(response).select("table.listing tbody [id^=snippet_][id$=_title]")
    return sorted(text_of(title) for title in titles)


@pytest.fixture
def taxonomy(team, home_pages):
    skills = [
        SoftSkillFactory(name="Empathy", slug="empathy", description="Feeling with others."),
        SoftSkillFactory(name="Giving feedback", slug="feedback", description="Saying it kindly."),
    ]
    partners = [
        PartnerOrganisationFactory(name="Sofia VET Centre", slug="sofia", country="BG"),
        PartnerOrganisationFactory(name="Lisbon Academy", slug="lisbon", country="PT"),
    ]
    for item in skills + partners:
        translate(item)
    return {"softskill": skills, "partnerorganisation": partners}


ENGLISH = {
    "softskill": ["Empathy", "Giving feedback"],
    "partnerorganisation": ["Lisbon Academy", "Sofia VET Centre"],
}


def in_language(model, code):
    marker = {"bg": "БГ", "el": "ΕΛ", "it": "IT", "pt": "PT", "es": "ES"}[code]
    return [f"{marker} {name}" for name in ENGLISH[model]]


# Which language a list shows
@pytest.mark.parametrize("model", MODELS)
def test_an_editors_list_opens_in_english(taxonomy, team, login, model):
    client = login(team["editor"])
    assert listed(client.get(list_url(model))) == ENGLISH[model]


@pytest.mark.parametrize("model", MODELS)
def test_a_translators_list_opens_in_their_language(taxonomy, team, login, model):
    client = login(team["bg_translator"])
    response = client.get(list_url(model))
    assert listed(response) == in_language(model, "bg")
    # The Locale filter shows the language that is applied.
    selected = html(response).select("input[name=locale][checked]")
    assert [radio["value"] for radio in selected] == ["bg"]


@pytest.mark.parametrize("model", MODELS)
def test_the_locale_filter_shows_one_language_or_all(taxonomy, team, login, model):
    client = login(team["editor"])
    assert listed(client.get(list_url(model, locale="el"))) == in_language(model, "el")
    everything = listed(client.get(list_url(model, locale="")))
    assert len(everything) == 12  # two items in six languages
    assert set(in_language(model, "pt")) <= set(everything)


@pytest.mark.parametrize("model", MODELS)
def test_an_unknown_language_is_not_found(taxonomy, team, login, model):
    client = login(team["editor"])
    assert client.get(list_url(model, locale="xx"), follow=True).status_code == 404


# Search
SEARCHES = {
    "softskill": [("empathy", ["Empathy"]), ("KINDLY", ["Giving feedback"]), ("zzz", [])],
    "partnerorganisation": [("sofia", ["Sofia VET Centre"]), ("academy lis", ["Lisbon Academy"])],
}


@pytest.mark.parametrize("model", MODELS)
def test_search_finds_names_and_descriptions_in_the_list_language(taxonomy, team, login, model):
    client = login(team["editor"])
    for query, expected in SEARCHES[model]:
        assert listed(client.get(list_url(model, q=query))) == expected, query
        # The results-only view (search as you type) answers the same.
        results = client.get(
            reverse(f"wagtailsnippets_resources_{model}:list_results") + f"?q={query}&locale=en"
        )
        assert listed(results) == expected, query


@pytest.mark.parametrize("model", MODELS)
def test_search_ignores_case_in_other_scripts(taxonomy, team, login, model):
    client = login(team["bg_translator"])
    first = in_language(model, "bg")[0]
    response = client.get(list_url(model, q=first.lower()))
    assert listed(response) == [first]


# Duplicate slugs
FORMS = {
    "softskill": {"name": "Empathy (again)", "slug": "", "description": ""},
    "partnerorganisation": {
        "name": "Sofia again",
        "slug": "",
        "country": "BG",
        "website": "",
        "description": "",
    },
}
TAKEN = {"softskill": "empathy", "partnerorganisation": "sofia"}


def slug_errors(response):
    field = html(response).select_one("[data-field-wrapper]:has(input[name=slug])")
    assert field is not None
    return [text_of(e) for e in field.select(".error-message")]


@pytest.mark.parametrize("model", MODELS)
def test_a_slug_taken_in_the_language_is_an_error_on_the_field(taxonomy, team, login, model):
    Model = taxonomy[model][0].__class__
    before = Model.objects.count()
    client = login(team["editor"])
    data = {**FORMS[model], "slug": TAKEN[model]}
    response = client.post(reverse(f"wagtailsnippets_resources_{model}:add") + "?locale=en", data)
    assert response.status_code == 200
    label = MODELS[model].capitalize()
    assert slug_errors(response) == [f"{label} with this Slug already exists."]
    assert Model.objects.count() == before

    # Editing another item to take the slug: the same error.
    other = taxonomy[model][1]
    data = {**FORMS[model], "name": other.name, "slug": TAKEN[model]}
    response = client.post(
        reverse(f"wagtailsnippets_resources_{model}:edit", args=[other.pk]), data
    )
    assert response.status_code == 200
    assert slug_errors(response) == [f"{label} with this Slug already exists."]

    # A free slug is saved.
    data = {**FORMS[model], "slug": "something-new"}
    response = client.post(reverse(f"wagtailsnippets_resources_{model}:add") + "?locale=en", data)
    assert response.status_code == 302
    assert Model.objects.filter(slug="something-new", locale__language_code="en").exists()
