"""Exactly one ``<meta name="description">`` on every public page type in every language: the
open-data head tags write it (from the page's search description, summary or introduction, a
soft skill's description, else the portal's), base.html writes none."""

import pytest

from tests.content import PAGE_KINDS
from tests.helpers import LANGUAGE_CODES, html

pytestmark = pytest.mark.django_db


def descriptions(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    found = html(response).find_all("meta", attrs={"name": "description"})
    return [meta["content"] for meta in found]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_page_type_has_one_description(client, portal, code):
    home = portal.homes[code]
    skill = portal.skills["giving-feedback"][code]
    urls = [portal.pages[kind][code].url for kind in PAGE_KINDS]
    urls += [
        home.url + home.reverse_subpage("skills"),
        home.url + home.reverse_subpage("skill", args=[skill.slug]),
        home.url + home.reverse_subpage("tag", args=["feedback"]),
        f"/{code}/search/?q=feedback",
        f"/{code}/search/",
        f"/{code}/site-map/",
        f"/{code}/open-data/",
        f"/{code}/pack/",
        f"/{code}/self-check/",
        f"/{code}/self-check/?a1=2",
    ]
    for url in urls:
        found = descriptions(client, url)
        assert len(found) == 1 and found[0].strip(), (url, found)
    [description] = descriptions(client, f"/{code}/no-such-page/", status=404)
    assert description.strip()
