"""The read-only API, the exports and the open-data page over the portal in six languages
(``tests/content.py``): what a client reads per language, the filters, pagination, the
translations and licence of each item, CORS, and a 400 for every bad parameter."""

import csv
import io
import json

from django.urls import reverse

import pytest

from tests.helpers import MARKERS, html, text_of

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "bg", "el", "it", "pt", "es"]
PUBLIC_TITLES = [
    "Giving feedback to a trainee who barely speaks the language",
    "A buddy for every trainee",
    "A Greek trainee in a Portuguese bakery",
]
HIDDEN_TITLES = ["Unfinished feedback guide", "Partners-only feedback guide", "Confidential case"]


def resources_url():
    return reverse("api:resources:listing")


def in_language(title, language):
    return title if language == "en" else f"{MARKERS[language]} {title}"


def get_json(client, url, data=None):
    response = client.get(url, data)
    return response, json.loads(response.content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_resources_of_each_language_and_nothing_hidden(client, portal, language):
    response, body = get_json(client, resources_url(), {"locale": language})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    titles = sorted(item["title"] for item in body["items"])
    assert titles == sorted(in_language(title, language) for title in PUBLIC_TITLES)
    assert body["meta"]["total_count"] == 3
    assert {item["locale"] for item in body["items"]} == {language}
    assert {item["type"] for item in body["items"]} == {"guide", "good-practice", "case-study"}
    text = response.content.decode()
    for hidden in HIDDEN_TITLES:
        assert hidden not in text


def test_an_item_shows_its_taxonomy_translations_and_licence(client, portal):
    _response, body = get_json(client, resources_url(), {"locale": "bg", "type": "guide"})
    [guide] = body["items"]
    bg_guide = portal.pages["guide"]["bg"]
    assert guide["id"] == bg_guide.pk
    assert guide["url"] == f"http://testserver{bg_guide.url}"
    assert [skill["name"] for skill in guide["skills"]] == ["БГ Giving feedback", "БГ Empathy"]
    assert [tag["slug"] for tag in guide["tags"]] == ["feedback", "first-week"]
    assert guide["audience"] == ["mentor", "manager"]
    assert (guide["country"], guide["sector"]) == ("BG", "hospitality")
    assert [p["name"] for p in guide["partners"]] == ["БГ Vocational Training Centre Plovdiv"]
    assert guide["licence"] == {
        "code": "cc-by-sa-4.0",
        "name": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    }
    others = {other["locale"]: other for other in guide["translations"]}
    assert sorted(others) == ["el", "en", "es", "it", "pt"]
    assert others["en"]["id"] == portal.pages["guide"]["en"].pk
    assert others["el"]["url"] == f"http://testserver{portal.pages['guide']['el'].url}"


def test_a_resources_own_licence_overrides_the_default(client, portal):
    page = portal.pages["guide"]["pt"]
    type(page).objects.filter(pk=page.pk).update(licence="cc-by-4.0")
    _response, body = get_json(client, resources_url(), {"locale": "pt", "type": "guide"})
    assert body["items"][0]["licence"]["name"] == "CC BY 4.0"


def test_the_detail_of_a_resource_and_of_a_hidden_one(client, portal):
    guide = portal.pages["guide"]["el"]
    response, body = get_json(client, reverse("api:resources:detail", args=[guide.pk]))
    assert response.status_code == 200 and body["title"] == in_language(PUBLIC_TITLES[0], "el")
    for versions in portal.hidden.values():
        for page in versions.values():
            response = client.get(reverse("api:resources:detail", args=[page.pk]))
            assert response.status_code == 404, (response.status_code, response.content[:300])
            assert json.loads(response.content)["message"]
    response, _body = get_json(client, reverse("api:resources:detail", args=[10**20]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "guide"}, [PUBLIC_TITLES[0]]),
        ({"type": "case-study"}, [PUBLIC_TITLES[2]]),
        ({"skill": "empathy"}, [PUBLIC_TITLES[0]]),
        ({"skill": "giving-feedback"}, PUBLIC_TITLES),
        ({"tag": "first-week"}, [PUBLIC_TITLES[0]]),
        ({"country": "it"}, [PUBLIC_TITLES[1]]),
        ({"sector": "retail"}, [PUBLIC_TITLES[2]]),
        ({"skill": "giving-feedback", "country": "PT"}, [PUBLIC_TITLES[2]]),
        ({"country": "FR"}, []),
    ],
)
def test_filters(client, portal, params, expected):
    _response, body = get_json(client, resources_url(), {"locale": "es", **params})
    assert sorted(item["title"] for item in body["items"]) == sorted(
        in_language(title, "es") for title in expected
    )


def test_pagination(client, portal):
    _response, first = get_json(client, resources_url(), {"locale": "it", "limit": 2})
    _response, rest = get_json(client, resources_url(), {"locale": "it", "limit": 2, "offset": 2})
    assert first["meta"]["total_count"] == rest["meta"]["total_count"] == 3
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    ids = [item["id"] for item in first["items"] + rest["items"]]
    assert len(set(ids)) == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": "abc"}, "limit must be a positive integer"),
        ({"limit": "-1"}, "limit must be a positive integer"),
        ({"offset": "-1"}, "offset must be a positive integer"),
        ({"offset": "x"}, "offset must be a positive integer"),
        ({"limit": "100000"}, "limit cannot be higher than 100"),
        ({"locale": "fr"}, "unknown locale"),
        ({"locale": "\x00"}, "unknown locale"),
        ({"type": "page"}, "unknown type"),
        ({"skill": "no-such-skill"}, "unknown skill"),
        ({"skill": "x" * 500}, "skill is too long"),
        ({"tag": "a b\x00"}, "tag must be a slug"),
        ({"country": "XX"}, "unknown country"),
        ({"sector": "space"}, "unknown sector"),
        ({"fields": "*"}, "not an operation or a recognised filter: fields"),
        ({"search": "feedback"}, "not an operation or a recognised filter: search"),
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, portal, params, message):
    response, body = get_json(client, resources_url(), params)
    assert response.status_code == 400
    assert message in body["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("language", LANGUAGES)
def test_soft_skills_and_partners_per_language(client, portal, language):
    _response, skills = get_json(client, reverse("api:skills:listing"), {"locale": language})
    names = sorted(skill["name"] for skill in skills["items"])
    assert names == sorted(in_language(name, language) for name in ["Giving feedback", "Empathy"])
    feedback = next(s for s in skills["items"] if s["slug"] == "giving-feedback")
    assert feedback["url"] == f"http://testserver/{language}/skills/giving-feedback/"
    assert len(feedback["translations"]) == 5
    response, partners = get_json(client, reverse("api:partners:listing"), {"locale": language})
    [partner] = partners["items"]
    assert partner["name"] == in_language("Vocational Training Centre Plovdiv", language)
    assert partner["country"] == "BG"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_partners_by_country(client, portal):
    url = reverse("api:partners:listing")
    assert get_json(client, url, {"country": "bg"})[1]["meta"]["total_count"] == 1
    assert get_json(client, url, {"country": "IT"})[1]["meta"]["total_count"] == 0
    assert client.get(url, {"country": "nowhere"}).status_code == 400


def streamed(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_json_export(client, portal, language):
    response = client.get(f"/{language}/open-data/resources.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    items = json.loads(streamed(response))
    assert sorted(item["title"] for item in items) == sorted(
        in_language(title, language) for title in PUBLIC_TITLES
    )
    assert all(item["licence"]["name"] == "CC BY-SA 4.0" for item in items)
    assert all(len(item["translations"]) == 5 for item in items)


@pytest.mark.parametrize("language", LANGUAGES)
def test_csv_export(client, portal, language):
    response = client.get(f"/{language}/open-data/resources.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(streamed(response).lstrip("\ufeff"))))
    assert sorted(row["title"] for row in rows) == sorted(
        in_language(title, language) for title in PUBLIC_TITLES
    )
    guide = next(row for row in rows if row["type"] == "guide")
    assert guide["skills"] == "; ".join(
        in_language(name, language) for name in ["Giving feedback", "Empathy"]
    )
    assert guide["tags"] == "feedback; first week"
    assert guide["licence"] == "CC BY-SA 4.0"
    assert len(guide["translations"].split("; ")) == 5
    text = streamed(client.get(f"/{language}/open-data/resources.csv"))
    for hidden in HIDDEN_TITLES:
        assert hidden not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_page_links_the_api_feeds_and_exports(client, portal, language):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == language
    links = {a["href"] for a in page.select("main a")}
    assert f"/{language}/open-data/resources.json" in links
    assert f"/{language}/open-data/resources.csv" in links
    assert f"/{language}/feeds/resources/" in links
    assert f"http://testserver/api/v2/resources/?locale={language}" in links
    assert text_of(page.select_one("main h1"))
