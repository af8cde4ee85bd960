"""Issue 12's small leftovers, as a visitor (or a robot) meets them: clean addresses on the tag,
skill and search pages too; the mentor pack linked from the footer and kept out of search
engines; dates in each language's long form wherever the home page, search results and the pack
show one. (An untranslated tag's chip marked as English: tests/resources/test_tag_chips.py.)"""

import datetime
import re

from django.urls import reverse
from django.utils import translation

import pytest

from home.templatetags.dates import long_date
from tests.helpers import LANGUAGE_CODES, html, text_of

pytestmark = pytest.mark.django_db


def in_language(code, name, *args):
    with translation.override(code):
        return reverse(name, args=args)


# 1. Clean addresses: empty parameters are redirected away, the others kept (the tag and skill
# pages: tests/home/test_listing_controls.py)


@pytest.mark.parametrize("code", ["en", "el"])
def test_search_redirects_empty_parameters_keeping_the_query(portal, client, code):
    url = in_language(code, "search")
    # what the search form submits with "This language" and the default order
    response = client.get(url, {"q": "feedback", "scope": "", "sort": ""})
    assert response.status_code == 302
    assert response.url == url + "?q=feedback"
    response = client.get(url, {"q": "feedback", "scope": "all", "sort": "", "type": ""})
    assert response.status_code == 302
    assert response.url == url + "?q=feedback&scope=all"
    response = client.get(url, {"q": " ", "scope": ""})
    assert (response.status_code, response.url) == (302, url)
    assert client.get(url, {"q": "feedback", "scope": "all"}).status_code == 200
    assert client.get(url).status_code == 200


def test_a_redirected_search_keeps_the_query_and_the_scope(portal, client):
    url = in_language("bg", "search")
    response = client.get(url, {"q": "обратна връзка", "scope": "all", "sort": ""}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [
        (
            url + "?q=%D0%BE%D0%B1%D1%80%D0%B0%D1%82%D0%BD%D0%B0+"
            "%D0%B2%D1%80%D1%8A%D0%B7%D0%BA%D0%B0&scope=all",
            302,
        )
    ]
    doc = html(response)
    assert doc.select_one("input#search-q")["value"] == "обратна връзка"
    assert doc.select_one("input[name=scope][value=all]").has_attr("checked")


# 4. The mentor pack: in the footer, out of search engines


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_footer_links_the_visitor_s_pack(portal, client, code):
    doc = html(client.get(portal.homes[code].url))
    pack_url = in_language(code, "pack:page")
    (link,) = doc.select(f"footer.site-footer a[href='{pack_url}']")
    with translation.override(code):
        assert text_of(link) == translation.gettext("My pack")
    assert link["rel"] == ["nofollow"]  # a page of each visitor's own
    assert client.get(pack_url).status_code == 200


@pytest.mark.parametrize("code", ["en", "bg", "el"])
@pytest.mark.parametrize(
    ("name", "msgid"), [("selfcheck:page", "Mentor self-check"), ("open_data", "Open data")]
)
def test_the_footer_links_the_self_check_and_open_data(portal, client, code, name, msgid):
    doc = html(client.get(portal.homes[code].url))
    url = in_language(code, name)
    (link,) = doc.select(f"footer.site-footer a[href='{url}']")
    with translation.override(code):
        assert text_of(link) == translation.gettext(msgid)
    assert client.get(url).status_code == 200


def test_robots_txt_keeps_per_visitor_pages_out(client, db):
    lines = client.get(reverse("robots_txt")).content.decode().splitlines()
    assert "Disallow: /*/pack/" in lines
    assert "Disallow: /*/self-check/?" in lines
    assert "Disallow: /*/search/" in lines


# 5. Dates in each language's long form

SHORT_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.")


def assert_long_dates(doc, code):
    """Every date shown is in a ``<time datetime>`` in ``code``'s long form; returns them."""
    times = doc.select("main time[datetime]")
    for time in times:
        day = datetime.date.fromisoformat(time["datetime"][:10])
        assert text_of(time) == " ".join(long_date(day, code).split()), time
    assert not SHORT_MONTH.search(text_of(doc.find("main"))), code
    return times


@pytest.mark.parametrize("code", ["en", "bg", "el", "pt"])
def test_dates_on_home_search_pack_and_resource_pages_are_long(portal, client, code):
    guide = portal.pages["guide"][code]
    assert_long_dates(html(client.get(portal.homes[code].url)), code)
    search = client.get(in_language(code, "search"), {"q": guide.title})
    assert search.status_code == 200
    assert_long_dates(html(search), code)
    added = client.post(in_language(code, "pack:add"), {"page": guide.pk})
    assert added.status_code == 303
    assert_long_dates(html(client.get(added["Location"])), code)
    # a resource page shows its dates: the check above is not vacuous
    assert assert_long_dates(html(client.get(guide.url)), code)
