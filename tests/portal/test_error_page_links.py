"""Error pages link only to this host: a 404 for ``//evil.example/en/x`` (or ``/\\evil.example``)
must not offer language links to ``//evil.example/<lang>/…``."""

from urllib.parse import urljoin, urlsplit

from django.test import RequestFactory

import pytest

from home.views import server_error
from tests.helpers import html

pytestmark = pytest.mark.django_db

OFF_HOST_PATHS = [
    "//evil.example/en/x",
    "//evil.example/en/resources/",
    "///evil.example/bg/",
    "/\\evil.example",
    "/\\/evil.example/en/",
    "//evil.example",
]


def links_of(response):
    doc = html(response)
    return [tag.get("href") or tag.get("src") for tag in doc.select("[href], [src]")]


def assert_on_host(links):
    assert links, "the page should have links"
    for link in links:
        assert not link.startswith(("//", "/\\", "\\")), link
        # What a browser makes of it (it reads a backslash as a slash).
        absolute = urljoin("https://portal.example.org/en/x", link.replace("\\", "/"))
        assert urlsplit(absolute).hostname == "portal.example.org", link


@pytest.mark.parametrize("path", OFF_HOST_PATHS)
def test_a_404_for_a_scheme_relative_path_links_only_to_this_host(portal, client, path):
    # The test client would read "//evil.example" as a host: PATH_INFO is set as a server would.
    response = client.get("/", PATH_INFO=path, HTTP_HOST="portal.example.org")
    assert response.status_code == 404
    links = links_of(response)
    assert_on_host(links)
    switcher = [link for link in links if "evil.example" in link]
    # The language switcher keeps the visitor's path, on this host.
    assert all(link.startswith("/") and not link.startswith("//") for link in switcher)


def test_the_language_switcher_on_a_404_still_points_to_each_language(portal, client):
    response = client.get("/en/no-such-page/", HTTP_HOST="portal.example.org")
    assert response.status_code == 404
    links = links_of(response)
    assert_on_host(links)
    assert "/bg/no-such-page/" in links


def test_the_500_page_has_no_off_host_link(db):
    request = RequestFactory().get("/", PATH_INFO="//evil.example/en/x")
    response = server_error(request)
    assert response.status_code == 500
    doc = html(response)
    assert not [tag for tag in doc.select("[href], [src]") if "evil" in str(tag)]
