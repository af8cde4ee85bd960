"""The mentor pack (issue 13, item 2): collected without JavaScript in the visitor's session,
shown on the pack page, and downloaded as one PDF in the visitor's language, with the source URL
and licence on each page and an English stand-in marked as such; only live public content; bad
input gets a 4xx.
"""

import io
import re
import uuid

from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, Site

import pytest
from pypdf import PdfReader

from core import sites
from home.templatetags.dates import long_date
from pack.items import MAX_ITEMS, SESSION_KEY
from tests.factories import GuidePageFactory, HomePageFactory, ResourceIndexPageFactory
from tests.helpers import html, queries_for, same_queries_message, text_of

pytestmark = pytest.mark.django_db

SESSION_COOKIE = django_settings.SESSION_COOKIE_NAME


def url(name, language="en"):
    with translation.override(language):
        return reverse(f"pack:{name}")


def pdf_text(response):
    """The text of every page of a PDF response, whitespace collapsed, and the pages' texts."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages]
    return " ".join(" ".join(pages).split()), pages


def squeezed(text):
    return " ".join(text.split())


@pytest.fixture
def guide(portal):
    return portal.pages["guide"]


@pytest.fixture
def untranslated(portal):
    """An English guide with no reviewed translation: the other languages show it in English."""
    return GuidePageFactory(
        parent=portal.pages["resource_index"]["en"],
        title="Reading body language across cultures",
        summary="How gestures differ between countries.",
    )


def add(client, page, language="en", **data):
    return client.post(url("add", language), {"page": page.pk, **data})


# Adding, viewing and removing, without JavaScript


def test_a_resource_page_offers_the_pack_and_sets_no_cookie(client, guide, settings):
    settings.PAGE_CACHE = True
    first = client.get(guide["bg"].url)
    assert first.status_code == 200
    assert not first.cookies, "a visitor who never used the pack gets no cookie"
    form = html(first).find("form", action=url("add", "bg"))
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "page"})["value"] == str(guide["bg"].pk)
    assert "csrfmiddlewaretoken" not in first.content.decode(), "the kept page is the same for all"
    assert text_of(form.find("button")) == "Добави в моя пакет"
    activity = html(first).find("select", attrs={"name": "activity"})
    assert text_of(activity.find("option")).startswith("БГ Practice for")
    pdf_link = html(first).find("a", href=f"{url('pdf', 'bg')}?ids={guide['bg'].pk}")
    assert pdf_link is not None
    again = client.get(guide["bg"].url)
    assert again["Cache-Control"].startswith("public")
    assert not again.cookies


def test_the_session_cookie_comes_only_with_the_first_item(client, guide):
    empty = client.get(url("page", "el"))
    assert empty.status_code == 200
    assert not empty.cookies
    assert "Το πακέτο σας είναι άδειο" in text_of(html(empty).find("main") or html(empty))

    added = add(client, guide["el"], "el")
    assert added.status_code == 303
    assert added["Location"].startswith(url("page", "el"))
    assert SESSION_COOKIE in added.cookies

    page = client.get(added["Location"])
    items = html(page).select("ol.pack__items li")
    assert [text_of(item.find(class_="pack__title")) for item in items] == [guide["el"].title]
    assert "ΕΛ Giving feedback" in text_of(html(page).find(role="status"))


def test_an_item_added_in_one_language_is_shown_in_the_visitor_s(client, guide, portal):
    add(client, guide["en"])
    add(client, portal.pages["good_practice"]["en"], activity="")
    page = client.get(url("page", "bg"))
    titles = [text_of(t) for t in html(page).select(".pack__title")]
    assert titles == [guide["bg"].title, portal.pages["good_practice"]["bg"].title]
    assert not html(page).select(".pack__note")


def test_an_activity_is_added_on_its_own_and_removed(client, guide):
    activity_id = guide["bg"].activities[0].id
    add(client, guide["bg"], "bg", activity=activity_id)
    add(client, guide["bg"], "bg", activity=activity_id)  # once only
    page = html(client.get(url("page", "bg")))
    items = page.select("ol.pack__items li")
    assert len(items) == 1
    assert text_of(items[0].find(class_="pack__title")).startswith("БГ Practice for")
    assert "Дейност" in text_of(items[0].find(class_="pack__kind"))

    item = items[0].find("input", attrs={"name": "item"})["value"]
    removed = client.post(url("remove", "bg"), {"item": item})
    assert removed.status_code == 303
    assert not html(client.get(url("page", "bg"))).select("ol.pack__items li")


def test_removing_needs_the_csrf_token(guide):
    client = Client(enforce_csrf_checks=True)
    assert add(client, guide["en"]).status_code == 303, "adding is exempt: it only adds"
    assert client.post(url("remove"), {"item": str(guide["en"].translation_key)}).status_code == 403


def test_an_untranslated_item_is_listed_in_english_with_a_note(client, untranslated):
    add(client, untranslated, "bg")
    page = html(client.get(url("page", "bg")))
    assert text_of(page.find(class_="pack__title")) == "Reading body language across cultures"
    assert page.find(class_="pack__title").find("a")["lang"] == "en"
    assert text_of(page.find(class_="pack__note")) == (
        "Все още не е налично на български: показано на английски."
    )


# Only live public content; bad input is a 4xx


@pytest.mark.parametrize("hidden", ["draft", "password", "password_case"])
def test_hidden_pages_cannot_be_added(client, portal, hidden):
    page = portal.hidden[hidden]["en"]
    response = add(client, page)
    assert response.status_code == 404
    assert SESSION_COOKIE not in response.cookies


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"page": "abc"}, 400),
        ({"page": ""}, 400),
        ({"page": "-1"}, 400),
        ({"page": "9" * 40}, 400),
        ({"page": "²"}, 400),
        ({"page": "1 "}, 400),
        ({"page": "987654"}, 404),
    ],
)
def test_malformed_or_unknown_ids_are_refused(client, portal, data, status):
    response = client.post(url("add"), data)
    assert response.status_code == status
    assert not client.session.get(SESSION_KEY)


def test_an_activity_not_in_the_guide_is_refused(client, guide, portal):
    assert add(client, guide["en"], activity="not-an-activity").status_code == 400
    assert add(client, guide["en"], activity="a:b").status_code == 400
    assert add(client, portal.pages["standard"]["en"]).status_code == 404, "not a resource"


def test_adding_is_a_post(client, guide):
    assert client.get(url("add"), {"page": guide["en"].pk}).status_code == 405


def test_the_pack_holds_at_most_max_items(client, guide):
    session = client.session
    session[SESSION_KEY] = [str(uuid.uuid4()) for _ in range(MAX_ITEMS)]
    session.save()
    client.cookies[SESSION_COOKIE] = session.session_key
    response = add(client, guide["it"], "it")
    assert response.status_code == 400
    alert = text_of(html(response).find(role="alert"))
    assert str(MAX_ITEMS) in alert
    assert len(client.session[SESSION_KEY]) == MAX_ITEMS


def test_a_page_gone_private_leaves_the_pack(client, portal, untranslated):
    add(client, untranslated)
    untranslated.unpublish()
    page = html(client.get(url("page")))
    assert not page.select("ol.pack__items li")
    assert "no longer available" in text_of(page.find(role="status"))


# The PDF


@pytest.mark.parametrize(
    ("language", "note", "licence"),
    [
        ("bg", "Все още не е налично на български: показано на английски.", "Лиценз"),
        ("el", "Δεν είναι ακόμη διαθέσιμο στα Ελληνικά: εμφανίζεται στα αγγλικά.", "Άδεια"),
    ],
    ids=["bg", "el"],
)
def test_the_pack_pdf_is_in_the_visitor_s_language(
    client, guide, portal, untranslated, language, note, licence
):
    add(client, guide["en"])
    add(client, portal.pages["case_study"]["en"])
    add(client, untranslated)
    response = client.get(url("pdf", language), {"title": "Πακέτο / Пакет за Мария"})
    text, pages = pdf_text(response)
    assert "Πακέτο / Пакет за Мария" in text  # the cover
    with translation.override(language):
        assert squeezed(long_date(timezone.localdate())) in text  # as the language writes it
    assert squeezed(guide[language].title) in text
    assert squeezed(guide[language].summary) in text  # a body sentence
    assert squeezed(portal.pages["case_study"][language].title) in text
    assert "Reading body language across cultures" in text
    assert note in text
    assert f"{licence}: CC BY-SA 4.0" in text
    source = guide[language].get_full_url()
    assert re.sub(r"\s", "", source) in re.sub(r"\s", "", text)
    # every page after the cover carries the licence in its margin box
    assert all("CC BY-SA 4.0" in page for page in pages)
    assert response["Cache-Control"].startswith("private")


def test_a_guide_has_its_own_pdf(client, guide):
    response = client.get(url("pdf", "el"), {"ids": guide["en"].pk})
    text, _pages = pdf_text(response)
    assert squeezed(guide["el"].title) in text
    assert "ΕΛ Practice for" in text  # its activity, in Greek
    assert "ΕΛ Listen for two minutes." in text
    assert not client.cookies.get(SESSION_COOKIE)


@pytest.mark.parametrize(
    ("ids", "status"),
    [("1,x", 400), ("", 400), ("²", 400), (",".join(str(n) for n in range(1, MAX_ITEMS + 2)), 400)],
)
def test_bad_pdf_ids_are_a_400(client, portal, ids, status):
    assert client.get(url("pdf"), {"ids": ids}).status_code == status


@pytest.mark.parametrize("hidden", ["draft", "password", "below_login_section"])
def test_hidden_pages_have_no_pdf(client, portal, guide, hidden):
    ids = f"{guide['en'].pk},{portal.hidden[hidden]['en'].pk}"
    assert client.get(url("pdf"), {"ids": ids}).status_code == 404


def test_an_empty_pack_has_no_pdf(client, portal):
    response = client.get(url("pdf", "pt"))
    assert response.status_code == 400
    assert not response.cookies


def test_other_sites_pages_are_not_this_site_s(client, portal):
    root = Page.get_first_root_node()
    other_home = HomePageFactory(parent=root, title="Other portal", slug="other-portal")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    other_index = ResourceIndexPageFactory(parent=other_home, slug="other-resources")
    other_guide = GuidePageFactory(parent=other_index, title="Another project's guide")
    sites.forget()
    assert add(client, other_guide).status_code == 404
    assert client.get(url("pdf"), {"ids": other_guide.pk}).status_code == 404


def test_the_pack_page_makes_the_same_queries_for_three_items_or_five(
    client, guide, portal, untranslated
):
    add(client, guide["en"])
    add(client, portal.pages["good_practice"]["en"])
    add(client, portal.pages["case_study"]["en"])
    few, _response = queries_for(client, url("page", "bg"))
    add(client, guide["en"], activity=guide["en"].activities[0].id)
    add(client, untranslated)
    many, response = queries_for(client, url("page", "bg"))
    assert len(html(response).select("ol.pack__items li")) == 5
    assert len(many) == len(few), same_queries_message(few, many)
