"""The project's identity on every page, in every language: the footer's links to the contact,
privacy and accessibility pages and to the site map, the EU emblem with the 2021–2027
"Co-funded by the European Union" statement and disclaimer, the wordmark and the favicon; and
the partners page listing the partner organisations with their role, country and website."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Locale

import pytest

from home.setup import ensure_site
from resources.models import PartnerOrganisation
from tests.factories import PartnerOrganisationFactory, StandardPageFactory
from tests.helpers import (
    LANGUAGE_CODES,
    MARKERS,
    TARGET_LANGUAGES,
    Rendered,
    html,
    marked,
    rolled_back,
    text_of,
    translate,
    without_search_indexing,
)

pytestmark = pytest.mark.django_db

FOOTER_SLUGS = ("contact", "privacy", "accessibility")
STATEMENT = "Co-funded by the European Union"
DISCLAIMER = (
    "Funded by the European Union. Views and opinions expressed are however those of the "
    "author(s) only and do not necessarily reflect those of the European Union or the European "
    "Education and Culture Executive Agency (EACEA). Neither the European Union nor EACEA can be "
    "held responsible for them."
)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The home page, the standard pages the footer links and the partners page in every
    language; a coordinator and a partner translated into every language, a partner whose
    Bulgarian translation awaits review, and a partner never translated."""
    with rolled_back(django_db_blocker), without_search_indexing():
        home = ensure_site()
        homes = translate(home)
        titles = {"contact": "Contact", "privacy": "Privacy notice"}
        titles |= {"accessibility": "Accessibility statement", "partners": "Partners"}
        pages = {
            slug: translate(StandardPageFactory(parent=home, title=title, slug=slug))
            for slug, title in titles.items()
        }
        coordinator = PartnerOrganisationFactory(
            name="Trakia Training Centre",
            role=PartnerOrganisation.Role.COORDINATOR,
            country="BG",
            website="https://trakia.example.org/",
        )
        partner = PartnerOrganisationFactory(
            name="Aula Abierta", country="ES", website="https://aula.example.org/"
        )
        in_review = PartnerOrganisationFactory(name="Limassol Chamber", country="CY")
        untranslated = PartnerOrganisationFactory(name="Porto Training", country="PT")
        partners = {
            "coordinator": translate(coordinator),
            "partner": translate(partner),
            "in_review": translate(in_review),
            "untranslated": {"en": untranslated},
        }
        PartnerOrganisation.objects.filter(pk=partners["in_review"]["bg"].pk).update(live=False)
        yield {"homes": homes, "pages": pages, "partners": partners}


@pytest.fixture(scope="module")
def rendered():
    return Rendered()


def named(name, code):
    """A snippet's name as its ``code`` translation shows it (``tests.helpers.marked``)."""
    return name if code == "en" else marked(name, code)


def in_language(code, message):
    with translation.override(code):
        return gettext(message)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_footer_links_the_standard_pages_and_the_site_map_in_the_visitors_language(
    site, rendered, client, code
):
    doc = rendered(client, site["homes"][code].url)
    links = doc.select("footer.site-footer nav a")
    expected = [site["pages"][slug][code] for slug in FOOTER_SLUGS]
    assert [a["href"] for a in links[:3]] == [page.url for page in expected]
    assert [text_of(a) for a in links[:3]] == [page.title for page in expected]
    if code in MARKERS:
        assert all(text_of(a).startswith(MARKERS[code]) for a in links[:3])
    with translation.override(code):
        site_map_url = reverse("site_map")
    assert links[3]["href"] == site_map_url == f"/{code}/site-map/"
    assert text_of(links[3]) == in_language(code, "Sitemap")
    nav = doc.select_one("footer.site-footer nav")
    assert nav["aria-label"] == in_language(code, "About this site")


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_footer_links_the_english_page_where_a_language_has_none(site, client, code):
    contact = site["pages"]["contact"][code]
    contact.unpublish()
    response = client.get(site["homes"][code].url)
    link = html(response).select("footer.site-footer nav a")[0]
    english = site["pages"]["contact"]["en"]
    assert (link["href"], link["lang"], text_of(link)) == (english.url, "en", english.title)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_footer_shows_the_eu_emblem_statement_and_disclaimer_in_the_visitors_language(
    site, rendered, client, code
):
    doc = rendered(client, site["homes"][code].url)
    funding = doc.select_one("footer.site-footer .eu-funding")
    flag = funding.select_one("img.eu-funding__flag")
    assert flag["src"] == static("img/eu-flag.svg")
    assert flag["alt"] == ""  # the statement beside it says what it means
    statement = text_of(funding.select_one(".eu-funding__statement"))
    disclaimer = text_of(funding.select_one(".eu-funding__disclaimer"))
    assert statement == in_language(code, STATEMENT)
    assert disclaimer == in_language(code, DISCLAIMER)
    if code != "en":
        assert statement != STATEMENT
        assert disclaimer != DISCLAIMER
        assert "EACEA" in disclaimer
    assert "2014" not in text_of(funding)  # the 2014–2020 disclaimer is gone


def test_eu_flag_follows_the_published_geometry():
    """A 3:2 blue rectangle and twelve gold stars on a circle, upright, as the EU draws it."""
    svg = Path(finders.find("img/eu-flag.svg")).read_text(encoding="utf-8")
    assert 'viewBox="0 0 270 180"' in svg
    assert 'fill="#003399"' in svg
    assert 'fill="#FFCC00"' in svg
    assert svg.count('<use href="#s"') == 12


def test_favicon_is_linked_and_served(site, rendered, client):
    doc = rendered(client, site["homes"]["en"].url)
    icon = doc.select_one('link[rel="icon"]')
    assert icon["type"] == "image/svg+xml"
    assert icon["href"] == static("img/favicon.svg")
    assert Path(finders.find("img/favicon.svg")).read_text(encoding="utf-8").startswith("<svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_wordmark_links_home_with_the_name_as_text(site, rendered, client, code):
    doc = rendered(client, site["homes"][code].url)
    logo = doc.select_one("a.site-logo")
    assert logo["href"] == site["homes"][code].url
    assert logo.select_one("img")["src"] == static("img/logo.svg")
    assert logo.select_one("img")["alt"] == ""  # the link's text names it
    assert text_of(logo.select_one(".site-logo__name")) == "SoftComInVET"


def partner_cards(doc):
    return [
        {
            "name": text_of(card.select_one(".partner__name")),
            "role": text_of(card.select_one(".partner__role")),
            "country": text_of(card.select_one(".partner__country")),
            "website": card.select_one(".partner__website a")["href"],
        }
        for card in doc.select(".partners .partner")
    ]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_partners_page_lists_the_partners_in_the_pages_language(site, rendered, client, code):
    doc = rendered(client, site["pages"]["partners"][code].url)
    with translation.override(code):
        countries = {
            "BG": str(PartnerOrganisation(country="BG").country.name),
            "ES": str(PartnerOrganisation(country="ES").country.name),
            "CY": str(PartnerOrganisation(country="CY").country.name),
        }
    coordinator = {
        "name": marked("Trakia Training Centre", code)
        if code != "en"
        else "Trakia Training Centre",
        "role": in_language(code, "Coordinator"),
        "country": countries["BG"],
        "website": "https://trakia.example.org/",
    }
    partner = {
        "name": named("Aula Abierta", code),
        "role": in_language(code, "Partner"),
        "country": countries["ES"],
        "website": "https://aula.example.org/",
    }
    in_review = named("Limassol Chamber", code)
    cards = partner_cards(doc)
    assert cards[:2] == [coordinator, partner]  # the coordinator first
    names = [card["name"] for card in cards]
    assert "Porto Training" not in names or code == "en"  # never translated: English only
    if code == "bg":
        assert names == [coordinator["name"], partner["name"]]  # one awaits review
    else:
        assert in_review in names
    heading = text_of(doc.select_one("#partners-heading"))
    assert heading == in_language(code, "Partner organisations")
    if code != "en":
        assert heading != "Partner organisations"
        assert coordinator["role"] != "Coordinator"


def test_only_the_partners_page_lists_partners(site, rendered, client):
    doc = rendered(client, site["pages"]["contact"]["en"].url)
    assert doc.select(".partners") == []


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_partners_page_leaves_out_partners_of_a_language_with_none_live(site, client, code):
    locale = Locale.objects.get(language_code=code)
    PartnerOrganisation.objects.filter(locale=locale).update(live=False)
    try:
        response = client.get(site["pages"]["partners"][code].url)
        assert html(response).select(".partners") == []
    finally:
        keep_in_review = site["partners"]["in_review"]["bg"].pk
        PartnerOrganisation.objects.filter(locale=locale).exclude(pk=keep_in_review).update(
            live=True
        )
