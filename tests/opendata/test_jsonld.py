"""Every resource page describes itself to machines: schema.org JSON-LD (a ``LearningResource``
checked against the vocabulary's types and properties, not as strings), a meta description and
Open Graph tags in the page's language."""

import json

from django.conf import settings

import pytest

from tests.helpers import LANGUAGE_CODES, html

pytestmark = pytest.mark.django_db

RESOURCE_KINDS = ("guide", "good_practice", "case_study")

# The schema.org types the portal writes: each one's parent type and the properties it adds
# (schema.org's definitions, https://schema.org/<Type>), and what each property's values may be.
SCHEMA = {
    "Thing": (None, {"name", "description", "url", "identifier", "alternateName"}),
    "CreativeWork": (
        "Thing",
        {
            "inLanguage",
            "teaches",
            "educationalLevel",
            "audience",
            "license",
            "author",
            "datePublished",
            "dateModified",
            "dateCreated",
            "isPartOf",
            "funder",
            "keywords",
            "workTranslation",
            "translationOfWork",
            "sourceOrganization",
            "learningResourceType",
        },
    ),
    "LearningResource": (
        "CreativeWork",
        {"teaches", "educationalLevel", "learningResourceType", "assesses", "competencyRequired"},
    ),
    "DefinedTerm": ("Thing", {"termCode", "inDefinedTermSet"}),
    "Audience": ("Thing", {"audienceType", "geographicArea"}),
    "EducationalAudience": ("Audience", {"educationalRole"}),
    "Organization": ("Thing", {"parentOrganization", "funder", "address", "logo"}),
    "GovernmentOrganization": ("Organization", set()),
}
TEXT, URL, DATE = "Text", "URL", "Date"
RANGES = {
    "name": {TEXT},
    "description": {TEXT},
    "url": {URL},
    "identifier": {TEXT, URL},
    "inLanguage": {TEXT},
    "teaches": {"DefinedTerm", TEXT},
    "educationalLevel": {"DefinedTerm", TEXT, URL},
    "learningResourceType": {"DefinedTerm", TEXT},
    "audience": {"Audience"},
    "educationalRole": {TEXT},
    "license": {"CreativeWork", URL},
    "author": {"Organization", "Person"},
    "funder": {"Organization", "Person"},
    "sourceOrganization": {"Organization"},
    "parentOrganization": {"Organization"},
    "datePublished": {DATE},
    "dateModified": {DATE},
    "dateCreated": {DATE},
    "isPartOf": {"CreativeWork", URL},
    "keywords": {TEXT, "DefinedTerm"},
    "workTranslation": {"CreativeWork"},
    "translationOfWork": {"CreativeWork"},
    "termCode": {TEXT},
}
# What a resource page's own node must have (the translations it links to are references:
# their address and language).
RESOURCE_REQUIRED = {
    "name",
    "description",
    "url",
    "inLanguage",
    "teaches",
    "educationalLevel",
    "audience",
    "license",
    "author",
    "datePublished",
    "dateModified",
    "isPartOf",
    "funder",
}
REQUIRED = {
    "DefinedTerm": {"name"},
    "EducationalAudience": {"educationalRole"},
    "Organization": {"name"},
    "GovernmentOrganization": {"name"},
}


def is_a(type_name, expected):
    """``type_name`` is ``expected`` or one of its subtypes."""
    while type_name is not None:
        if type_name == expected:
            return True
        type_name = SCHEMA[type_name][0] if type_name in SCHEMA else None
    return False


def allowed(type_name):
    names = set()
    while type_name is not None:
        parent, own = SCHEMA[type_name]
        names |= own
        type_name = parent
    return names


def literal_kind(value):
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return URL
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        return DATE
    return TEXT


def check_node(node, path="$"):
    """Every property is one schema.org gives the node's type, with values in its range; the
    node has what ``REQUIRED`` asks of its type. Returns the nodes checked."""
    type_name = node["@type"]
    assert type_name in SCHEMA, f"{path}: unknown type {type_name}"
    missing = REQUIRED.get(type_name, set()) - set(node)
    assert not missing, f"{path} ({type_name}) lacks {missing}"
    seen = [node]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in allowed(type_name), f"{path}: {type_name} has no property {key}"
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                assert any(is_a(item["@type"], r) for r in RANGES[key]), (path, key, item)
                seen += check_node(item, f"{path}.{key}")
            else:
                assert isinstance(item, str) and item, (path, key, item)
                assert literal_kind(item) in RANGES[key] or TEXT in RANGES[key], (path, key)
    return seen


def json_ld(doc):
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def meta(doc, prop):
    return [tag["content"] for tag in doc.find_all("meta", property=prop)]


@pytest.mark.parametrize("kind", RESOURCE_KINDS)
@pytest.mark.parametrize("code", ["en", "bg"])
def test_resource_pages_carry_a_valid_learning_resource(client, portal, project_record, kind, code):
    page = portal.pages[kind][code]
    doc = html(client.get(page.url))
    data = json_ld(doc)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LearningResource"
    check_node(data)
    assert not RESOURCE_REQUIRED - set(data), RESOURCE_REQUIRED - set(data)
    assert data["inLanguage"] == code
    assert data["name"] == page.title
    assert data["url"] == page.full_url
    assert data["description"] == page.summary
    assert data["datePublished"].startswith(str(page.first_published_at.date()))
    # The soft skills, in the page's language.
    skills = portal.skills["giving-feedback"]
    assert skills[code].name in [term["name"] for term in data["teaches"]]
    assert all(f"/{code}/skills/" in term["url"] for term in data["teaches"])
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert data["funder"]["name"] == "European Union"
    assert data["isPartOf"]["identifier"] == project_record.project_number


def test_partners_are_the_authors_and_translations_point_to_the_english_work(client, portal):
    guide = portal.pages["guide"]
    english = json_ld(html(client.get(guide["en"].url)))
    assert [author["name"] for author in english["author"]] == [portal.partner["en"].name]
    assert "translationOfWork" not in english
    translations = {work["inLanguage"]: work["url"] for work in english["workTranslation"]}
    assert translations == {code: guide[code].full_url for code in LANGUAGE_CODES if code != "en"}

    bulgarian = json_ld(html(client.get(guide["bg"].url)))
    assert [author["name"] for author in bulgarian["author"]] == [portal.partner["bg"].name]
    assert "workTranslation" not in bulgarian
    assert bulgarian["translationOfWork"]["url"] == guide["en"].full_url
    assert bulgarian["translationOfWork"]["inLanguage"] == settings.LANGUAGE_CODE


def test_draft_private_and_alias_versions_are_not_translations(client, outsiders):
    data = json_ld(html(client.get(outsiders.guide.url)))
    check_node(data)
    linked = {work["inLanguage"]: work["url"] for work in data["workTranslation"]}
    assert linked == {code: page.full_url for code, page in outsiders.published.items()}
    for hidden in (outsiders.unreviewed, outsiders.private, outsiders.alias):
        assert hidden.full_url not in json.dumps(data)


def test_a_resource_s_own_licence_overrides_the_project_default(client, portal):
    page = portal.pages["good_practice"]["en"]
    page.licence = "cc-by-4.0"
    page.save(update_fields=["licence"])
    data = json_ld(html(client.get(page.url)))
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize("code", ["en", "bg", "el"])
def test_open_graph_and_description_in_the_page_s_language(client, portal, code):
    for kind in ("home", "standard", "resource_index", "guide"):
        page = portal.pages[kind][code]
        doc = html(client.get(page.url))
        assert meta(doc, "og:title") == [page.seo_title or page.title]
        assert meta(doc, "og:url") == [page.full_url]
        assert meta(doc, "og:site_name") == ["SoftComInVET"]
        assert meta(doc, "og:type") == ["article" if kind == "guide" else "website"]
        [locale] = meta(doc, "og:locale")
        assert locale.split("_")[0] == code
        alternates = {value.split("_")[0] for value in meta(doc, "og:locale:alternate")}
        assert alternates == set(LANGUAGE_CODES) - {code}
        descriptions = doc.find_all("meta", attrs={"name": "description"})
        assert len(descriptions) == 1 and descriptions[0]["content"], (kind, code)
        [og_description] = meta(doc, "og:description")
        assert og_description
        if kind == "guide":
            assert og_description == page.summary
            assert json_ld(doc)["inLanguage"] == code
        else:
            assert not doc.find_all("script", type="application/ld+json")


def test_only_resource_pages_carry_json_ld_and_skill_pages_a_description(client, portal):
    home = portal.homes["bg"]
    skill = portal.skills["giving-feedback"]["bg"]
    doc = html(client.get(home.url + home.reverse_subpage("skill", args=[skill.slug])))
    assert meta(doc, "og:title") == [skill.name]
    assert len(doc.find_all("meta", attrs={"name": "description"})) == 1
    assert not doc.find_all("script", type="application/ld+json")
