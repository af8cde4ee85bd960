"""Site-wide addresses: the language redirect at ``/``, unknown addresses, sitemap.xml and
robots.txt — for the portal in every language."""

from xml.etree import ElementTree

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from tests.helpers import LANGUAGE_CODES, html, text_of

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def assert_not_found(response, code="en"):
    assert response.status_code == 404
    with translation.override(code):
        assert text_of(html(response).find("h1")) == gettext("Page not found")


# The language redirect


@pytest.mark.parametrize(
    ("accept_language", "code"),
    [
        (None, "en"),
        ("bg", "bg"),
        ("bg-BG,bg;q=0.9,en;q=0.5", "bg"),
        ("el-GR", "el"),
        ("pt-BR,pt;q=0.9", "pt"),
        ("es", "es"),
        ("it,en;q=0.5", "it"),
        ("de-DE,de;q=0.9", "en"),  # not a portal language: the source language
    ],
)
def test_root_redirects_to_the_visitors_language(portal, client, accept_language, code):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == portal.homes[code].url
    response = client.get("/", follow=True, **headers)
    doc = html(response)
    assert doc.html["lang"] == code
    assert text_of(doc.find("h1")) == portal.homes[code].title


@pytest.mark.parametrize(
    "path",
    ["/xx/", "/xx/resources/", "/EN/", "/en-gb/", "/en/no-such-page/", "/bg/resources/nope/"],
)
def test_unknown_addresses_end_in_a_404(portal, client, path):
    response = client.get(path, follow=True)
    assert_not_found(response, path[1:3] if path[1:3] in LANGUAGE_CODES else "en")


@pytest.mark.parametrize(
    "path", ["/en/%00/", "/en/resources/%00/", "/%00/", "/en/" + "a" * 5000 + "/"]
)
def test_odd_paths_end_in_a_404(portal, client, path):
    assert_not_found(client.get(path, follow=True))


# Sitemap.xml


@pytest.fixture
def sitemap(portal, client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 -- our own sitemap
    return {
        url.find("sm:loc", NS).text: {
            "lastmod": url.find("sm:lastmod", NS),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
            },
        }
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_every_language_version_of_every_page(portal, sitemap):
    expected = {page.full_url for page in portal.all_public_pages()}
    assert set(sitemap) == expected
    assert len(expected) == len(portal.pages) * len(LANGUAGE_CODES)


def test_sitemap_entries_link_all_their_language_versions(portal, sitemap):
    for versions in portal.pages.values():
        alternates = {code: page.full_url for code, page in versions.items()}
        for page in versions.values():
            entry = sitemap[page.full_url]
            assert entry["alternates"] == alternates
            assert entry["lastmod"] is not None


def test_sitemap_never_lists_drafts_or_private_pages(portal, client, sitemap):
    content = client.get(reverse("sitemap")).content.decode()
    for page in portal.all_hidden_pages():
        assert page.full_url not in sitemap
        assert page.full_url not in content


def test_sitemap_does_not_list_a_page_made_private_later(portal, client):
    from tests.content import restrict

    about = portal.pages["standard"]["el"]
    restrict(about)
    content = client.get(reverse("sitemap")).content.decode()
    assert about.full_url not in content
    assert portal.pages["standard"]["en"].full_url in content


# Robots.txt


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: http://testserver{reverse('sitemap')}" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
