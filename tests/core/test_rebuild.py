"""An editor's change recomputes the costliest kept values before its response leaves (issue 11,
item 1: listing time as the content grows).

A publish makes every kept value stale (``core.fragments``). The request that made the change
then computes each live, public index page's listing (ids and facets, as a visitor first sees
it) and each home page's latest resources at the new version (``RebuildMiddleware``), so the
next visitor computes neither. Each test makes the change through a route the admin offers,
then checks what a visitor sees (the change, in every language) and that the visitor's request
computed nothing: what it was served was computed after the change, never before it.
"""

import logging

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from core import fragments
from home.models import HomePage
from resources.listing import Listing
from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.helpers import html, publish, text_of, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(monkeypatch):
    """The listings (their index page's id and language) and home pages (id) computed, in
    order, by whichever request or function computes them."""
    calls = {"listing": [], "home": []}
    compute_summary = Listing.compute_summary
    home_content = HomePage.home_content

    def listing(self):
        calls["listing"].append(self.key[1])
        return compute_summary(self)

    def home(self):
        calls["home"].append(self.pk)
        return home_content(self)

    monkeypatch.setattr(Listing, "compute_summary", listing)
    monkeypatch.setattr(HomePage, "home_content", home)
    return calls


@pytest.fixture
def site_pages(home_pages):
    """An English and a Bulgarian index with two guides each, and the two home pages."""
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    bg_index = translate(index, languages=["bg"])["bg"]
    guides = [
        GuidePageFactory(parent=index, title="Listening first", tags=["listening"]),
        GuidePageFactory(parent=index, title="Planning the week", tags=["planning"]),
    ]
    bg_guides = [translate(guide, languages=["bg"])["bg"] for guide in guides]
    return {
        "en": home_pages["en"],
        "bg": home_pages["bg"],
        "index": index,
        "bg_index": bg_index,
        "guides": guides,
        "bg_guides": bg_guides,
    }


def card_titles(response):
    assert response.status_code == 200
    return sorted(text_of(h) for h in html(response).select(".card__title"))


def tag_options(response):
    return sorted(o["value"] for o in html(response).select("select[name=tag] option[value]"))


def visit_everything(client, pages):
    """What a visitor sees of both listings and both home pages, each read once."""
    return {
        "index": card_titles(client.get(pages["index"].url)),
        "bg_index": card_titles(client.get(pages["bg_index"].url)),
        "en": client.get(pages["en"].url).status_code,
        "bg": client.get(pages["bg"].url).status_code,
    }


def test_after_an_unpublish_in_the_admin_visitors_see_it_and_compute_nothing(
    admin_client, client, site_pages, computed
):
    before = visit_everything(client, site_pages)
    assert before["index"] == ["Listening first", "Planning the week"]
    assert len(before["bg_index"]) == 2
    guide = site_pages["guides"][1]

    computed["listing"].clear(), computed["home"].clear()
    # unpublishing the English guide unpublishes its translations (translations.signals)
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[guide.pk]))
    assert response.status_code == 302
    # the editor's request computed both listings and every language's home page, once each
    index, bg_index = site_pages["index"].pk, site_pages["bg_index"].pk
    assert sorted(computed["listing"]) == sorted([index, bg_index])
    homes = HomePage.objects.live()
    assert len(homes) == 6
    assert sorted(computed["home"]) == sorted(home.pk for home in homes)

    computed["listing"].clear(), computed["home"].clear()
    after = visit_everything(client, site_pages)
    assert after["index"] == ["Listening first"]
    assert after["bg_index"] == [site_pages["bg_guides"][0].title]
    assert tag_options(client.get(site_pages["index"].url)) == []  # one tag left: no choice
    assert computed == {"listing": [], "home": []}  # the visitor computed nothing


def test_a_restriction_set_in_the_admin_hides_the_page_from_the_rebuilt_listing(
    admin_client, client, site_pages, computed
):
    visit_everything(client, site_pages)
    guide = site_pages["guides"][0]
    response = admin_client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[guide.pk]), {"restriction_type": "login"}
    )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=guide).exists()
    computed["listing"].clear()
    assert card_titles(client.get(site_pages["index"].url)) == ["Planning the week"]
    assert client.get(guide.url).status_code == 302  # to the login page
    assert computed["listing"] == []


def test_a_publish_in_the_admin_shows_the_new_guide_in_the_rebuilt_listing(
    admin_client, client, site_pages, computed
):
    visit_everything(client, site_pages)
    draft = GuidePageFactory(parent=site_pages["index"], title="Welcoming a learner", live=False)
    assert "Welcoming a learner" not in card_titles(client.get(site_pages["index"].url))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = admin_client.post(f"{url}?id={draft.pk}", {})
    assert response.status_code == 302
    computed["listing"].clear()
    assert "Welcoming a learner" in card_titles(client.get(site_pages["index"].url))
    assert computed["listing"] == []


def test_requests_that_change_nothing_rebuild_nothing(admin_client, client, site_pages, computed):
    """Nor does anything a visitor can do: a rebuild costs about a second at 60,000 pages."""
    visit_everything(client, site_pages)
    computed["listing"].clear(), computed["home"].clear()
    visit_everything(client, site_pages)
    assert client.get("/en/search/", {"q": "listening"}).status_code == 200  # logged
    assert client.get("/en/no-such-page/").status_code == 404
    login = {"username": "nobody", "password": "wrong"}
    assert client.post(reverse("wagtailadmin_login"), login).status_code == 200  # counted
    admin_client.get(reverse("wagtailadmin_pages:edit", args=[site_pages["guides"][0].pk]))
    admin_client.get(reverse("wagtailadmin_explore", args=[site_pages["index"].pk]))
    assert computed == {"listing": [], "home": []}


def test_a_change_outside_a_request_leaves_the_computing_to_the_first_visitor(
    client, site_pages, computed
):
    visit_everything(client, site_pages)
    computed["listing"].clear()
    publish(site_pages["guides"][0], title="Listening well")
    assert computed["listing"] == []
    assert card_titles(client.get(site_pages["index"].url)) == [
        "Listening well",
        "Planning the week",
    ]
    assert computed["listing"] == [site_pages["index"].pk]


def test_a_rebuild_that_fails_is_logged_and_the_change_is_made(
    admin_client, client, site_pages, monkeypatch, caplog
):
    def broken():
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(fragments, "_rebuilders", [broken, *fragments._rebuilders])
    guide = site_pages["guides"][1]
    with caplog.at_level(logging.ERROR, logger="core.fragments"):
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[guide.pk]))
    assert response.status_code == 302
    assert "the disk is full" in caplog.text
    assert card_titles(client.get(site_pages["index"].url)) == ["Listening first"]
