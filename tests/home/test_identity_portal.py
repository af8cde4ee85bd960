"""The licence on every resource page and the human-readable site map, on the portal built
once for the module (``tests.content``: public pages in every language, and a draft, a
password-protected page and a login-protected section that must never be listed)."""

from django.urls import reverse
from django.utils import translation

import pytest

from tests.helpers import LANGUAGE_CODES, html, text_of

pytestmark = pytest.mark.django_db

RESOURCE_KINDS = ("guide", "good_practice", "case_study")


def site_map_url(code):
    with translation.override(code):
        return reverse("site_map")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
@pytest.mark.parametrize("kind", RESOURCE_KINDS)
def test_every_resource_page_shows_its_licence(portal, client, kind, code):
    response = client.get(portal.pages[kind][code].url)
    assert response.status_code == 200
    licence = html(response).select_one("main .licence")
    link = licence.select_one('a[rel="license"]')
    assert link["href"] == f"https://creativecommons.org/licenses/by-sa/4.0/deed.{code}"
    assert "CC BY-SA 4.0" in text_of(link)
    if code != "en":
        assert not text_of(licence).startswith("Licence:")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_site_map_lists_the_public_pages_of_the_language(portal, client, code):
    response = client.get(site_map_url(code))
    assert response.status_code == 200
    doc = html(response)
    hrefs = [a["href"] for a in doc.select("main a")]
    for page in portal.all_public_pages():
        if page.locale.language_code == code:
            assert page.url in hrefs, page.title
        else:
            assert page.url not in hrefs, page.title
    for page in portal.all_hidden_pages():
        assert page.url not in hrefs, page.title
    titles = [text_of(a) for a in doc.select("main a")]
    assert portal.pages["guide"][code].title in titles
    # grouped: the resource index is a section heading with its resources below it
    index = portal.pages["resource_index"][code]
    section = doc.find("main").find("a", href=index.url).find_parent("section")
    assert section.find("h2") is not None
    assert section.find("a", href=portal.pages["guide"][code].url) is not None
    assert doc.html["lang"] == code


def test_site_map_answers_only_get_and_head(portal, client):
    assert client.head(site_map_url("bg")).status_code == 200
    assert client.post(site_map_url("bg")).status_code == 405
