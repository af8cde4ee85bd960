"""The anonymous page cache is always right (issue 11, item 2).

For each change an editor can make, an anonymous visitor's first request fills the cache, the
change happens, and the next request shows it. Logged-in editors, previews, restricted pages,
responses that set cookies and searches are never kept. Kept pages say ``public`` with an
``ETag``; ``If-None-Match`` answers 304.
"""

from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views.decorators.cache import never_cache

from wagtail.models import Locale, PageViewRestriction

import pytest

from core.cache import content_version
from core.page_cache import PageCacheMiddleware
from search.models import SearchQueryLog
from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import marked, publish, title_of, translate
from tests.portal.test_production_settings import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 60


@pytest.fixture
def guide(index):
    page = GuidePageFactory(parent=index, title="Listening first")
    page.save_revision().publish()
    return page


def served_from_cache(client, url, django_assert_num_queries, **extra):
    """The response, asserting it came from the cache: no SQL at all."""
    with django_assert_num_queries(0):
        return client.get(url, **extra)


# Kept, served, revalidated


def test_a_second_anonymous_visit_is_served_from_the_cache_with_public_headers(
    client, guide, django_assert_num_queries
):
    first = client.get(guide.url)
    assert first.status_code == 200
    second = served_from_cache(client, guide.url, django_assert_num_queries)
    assert second.content == first.content
    assert title_of(second) == "Listening first"
    assert second["Cache-Control"] == "public, max-age=60"
    assert second["ETag"] == first["ETag"]


def test_a_hit_carries_the_same_headers_as_a_fresh_response(
    client, guide, django_assert_num_queries
):
    fresh = client.get(guide.url)
    hit = served_from_cache(client, guide.url, django_assert_num_queries)
    assert dict(hit.items()) == dict(fresh.items())
    for header in ("X-Frame-Options", "X-Content-Type-Options", "Content-Language"):
        assert hit.has_header(header), header


def test_if_none_match_answers_304_from_the_cache(client, guide, django_assert_num_queries):
    etag = client.get(guide.url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(guide.url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(guide.url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_head_request_is_answered_from_the_cache(client, guide, django_assert_num_queries):
    client.get(guide.url)
    with django_assert_num_queries(0):
        response = client.head(guide.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"


def test_each_full_address_and_language_is_kept_apart(client, guide, index):
    listing = client.get(index.url)
    filtered = client.get(index.url, {"tag": "no-such-tag"})
    assert "Listening first" in listing.content.decode()
    assert "Listening first" not in filtered.content.decode()
    assert client.get(index.url).content == listing.content
    assert client.get(index.url, {"tag": "no-such-tag"}).content == filtered.content


# Each change is seen by the next anonymous visitor


def test_publishing_a_new_title_shows_it(client, guide):
    assert title_of(client.get(guide.url)) == "Listening first"
    publish(guide, title="Listening, then speaking")
    assert title_of(client.get(guide.url)) == "Listening, then speaking"


def test_a_saved_draft_changes_nothing_and_keeps_the_cache(
    client, guide, django_assert_num_queries
):
    client.get(guide.url)
    version = content_version()
    page = guide.specific
    page.title = "A draft title"
    page.save_revision()
    assert content_version() == version
    assert title_of(served_from_cache(client, guide.url, django_assert_num_queries)) == (
        "Listening first"
    )


def test_unpublishing_makes_the_page_404(client, guide):
    assert client.get(guide.url).status_code == 200
    guide.unpublish()
    assert client.get(guide.url).status_code == 404


def test_deleting_makes_the_page_404(client, guide):
    url = guide.url
    assert client.get(url).status_code == 200
    guide.delete()
    assert client.get(url).status_code == 404


def test_moving_serves_the_page_at_its_new_address(client, guide, home_page):
    old_url = guide.url
    other = ResourceIndexPageFactory(parent=home_page, title="Elsewhere", slug="elsewhere")
    assert client.get(old_url).status_code == 200
    guide.move(other, pos="last-child")
    guide.refresh_from_db()
    assert guide.url != old_url
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the kept page
    assert moved.status_code == 301
    assert moved["Location"] == guide.url
    assert title_of(client.get(guide.url)) == "Listening first"


def test_a_restriction_hides_a_cached_page_and_its_children(client, index, guide):
    assert "Listening first" in client.get(guide.url).content.decode()
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="secret-password"
    )
    for url in (index.url, guide.url):
        response = client.get(url)
        assert "Listening first" not in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_removing_a_restriction_shows_the_page_again(client, guide):
    restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(guide.url).status_code == 302
    restriction.delete()
    assert title_of(client.get(guide.url)) == "Listening first"


def test_a_renamed_skill_shows_on_the_guide_page(client, index):
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    guide = GuidePageFactory(parent=index, title="Listening first", skills=[skill])
    assert "Active listening" in client.get(guide.url).content.decode()
    skill.name = "Attentive listening"
    skill.save_revision().publish()
    page = client.get(guide.url).content.decode()
    assert "Attentive listening" in page
    assert "Active listening" not in page


def test_a_published_bulgarian_translation_shows_in_the_bulgarian_listing(client, home_pages):
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    bg_index = translate(index, languages=["bg"])["bg"]
    guide = GuidePageFactory(parent=index, title="Listening first")
    bg_title = marked("Listening first", "bg")
    assert bg_title not in client.get(bg_index.url).content.decode()
    translate(guide, languages=["bg"])
    assert bg_title in client.get(bg_index.url).content.decode()


# Never kept


def test_a_logged_in_editor_gets_no_cached_copy(client, editor, guide):
    anonymous = client.get(guide.url)
    assert anonymous["Cache-Control"] == "public, max-age=60"
    client.force_login(editor)
    response = client.get(guide.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private"
    assert not response.has_header("ETag")


def test_an_editors_visit_stores_nothing_for_anonymous_visitors(editor_client, guide):
    before = set(_page_keys())
    assert editor_client.get(guide.url).status_code == 200
    assert set(_page_keys()) == before


def _page_keys():
    # locmem keeps its keys in a dict: enough to see whether anything was stored
    return [key for key in cache._cache if "portal:page:" in key]


def test_a_preview_is_never_kept_nor_shown_to_visitors(admin_client, client, guide):
    page = guide.specific
    page.title = "A draft in preview"
    page.save_revision()
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert "A draft in preview" in preview.content.decode()
    assert "public" not in preview.get("Cache-Control", "")
    assert title_of(client.get(guide.url)) == "Listening first"


def test_a_response_setting_a_cookie_is_not_kept():
    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("flavour", "chocolate")
        return response

    middleware = PageCacheMiddleware(view)
    request = RequestFactory().get("/en/cookie/")
    response = middleware(request)
    assert response["Cache-Control"] == "private"
    assert _page_keys() == []


def test_a_view_opting_out_is_not_kept():
    middleware = PageCacheMiddleware(never_cache(lambda request: HttpResponse("fresh")))
    response = middleware(RequestFactory().get("/en/fresh/"))
    assert "public" not in response["Cache-Control"]
    assert _page_keys() == []


def test_a_response_varying_on_the_language_header_is_not_kept():
    def view(request):
        response = HttpResponse("depends")
        response["Vary"] = "Accept-Language"
        return response

    PageCacheMiddleware(view)(RequestFactory().get("/sitemap-like.xml"))
    assert _page_keys() == []


def test_every_search_reaches_the_view_and_is_logged(client, guide, home_page):
    url = reverse("search")
    version = content_version()
    for _ in range(2):
        response = client.get(url, {"q": "listening"})
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", "")
    assert SearchQueryLog.objects.count() == 2
    assert content_version() == version  # a log row is not content: the cache stays


def test_a_visitor_with_a_session_cookie_is_not_served_the_cached_copy(client, guide):
    client.get(guide.url)
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "not-a-session"
    response = client.get(guide.url)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_page_cache_off_keeps_nothing(client, guide, settings):
    settings.PAGE_CACHE = False
    response = client.get(guide.url)
    assert not response.has_header("ETag")
    assert _page_keys() == []


# The version is one for every server process


def test_two_processes_share_one_content_version_with_the_production_cache(tmp_path):
    env = {
        "SECRET_KEY": "x" * 50,
        "CACHE_DIR": str(tmp_path / "cache"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def run(function):
        code = f"from core import cache; print(cache.{function}())"
        result = run_manage("shell", "--no-imports", "-c", code, **env)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    bumped = run("bump_content_version")
    assert run("content_version") == bumped
    assert (tmp_path / "cache").is_dir()


def test_bulgarian_pages_are_kept_apart_from_english_ones(client, home_pages):
    en = client.get(home_pages["en"].url)
    bg = client.get(home_pages["bg"].url)
    assert en.content != bg.content
    assert client.get(home_pages["bg"].url).content == bg.content
    assert Locale.objects.filter(language_code="bg").exists()
