"""The request's site and the site root paths, kept per process per content version
(core/sites.py): the right site for each host and port with several sites, no query once
kept, and a change to a site seen at once."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

import pytest

from core import sites
from core.cache import bump_content_version, content_version
from core.sites import SiteMiddleware
from home.models import HomePage
from tests.helpers import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_tables():
    sites.forget()
    yield
    sites.forget()


@pytest.fixture
def other_site(site):
    root = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    return Site.objects.create(hostname="other.example", port=80, root_page=root)


def served(host, port=None):
    """The site and root paths ``SiteMiddleware`` gives a request for ``host``, and the
    number of queries it took."""
    port = port or 80
    extra = {"HTTP_HOST": f"{host}:{port}", "SERVER_PORT": str(port)}  # Wagtail reads the latter
    request = RequestFactory().get("/", **extra)
    seen = {}

    def view(request):
        seen["site"] = Site.find_for_request(request)
        seen["root_paths"] = Page._get_site_root_paths(Page(), request)
        return None

    with CaptureQueriesContext(connection) as queries:
        SiteMiddleware(view)(request)
    return seen["site"], seen["root_paths"], len(queries)


def test_each_host_gets_its_own_site_and_a_second_request_no_query(site, other_site):
    content_version()  # the version exists before the first request, as in production
    first, _paths, first_queries = served("other.example")
    assert first == other_site
    assert first_queries > 0
    again, paths, queries = served("other.example")
    assert again == other_site
    assert queries == 0
    assert {path.site_id for path in paths} == {site.pk, other_site.pk}
    default, _paths, _queries = served(site.hostname, site.port)
    assert default == site


def test_a_host_no_site_names_gets_the_default_site(site, other_site):
    assert served("unknown.example")[0] == site
    assert served("unknown.example")[0] == site


def test_the_same_host_on_two_ports_keeps_two_sites(site, other_site):
    root = Page.get_first_root_node().add_child(instance=Page(title="Port", slug="port"))
    on_8080 = Site.objects.create(hostname="other.example", port=8080, root_page=root)
    for _ in range(2):
        assert served("other.example", 8080)[0] == on_8080
        assert served("other.example")[0] == other_site


def test_each_request_gets_its_own_copy_of_the_site(site, other_site):
    kept, _paths, _queries = served("other.example")
    kept.site_name = "changed by a view"
    kept.root_page.title = "changed by a view"
    again, _paths, _queries = served("other.example")
    assert again.site_name == other_site.site_name
    assert again.root_page.title == "Other"


def test_a_changed_site_is_seen_at_once(site, other_site):
    assert served("other.example")[0] == other_site
    other_site.hostname = "renamed.example"
    other_site.save()  # bumps the content version (core/invalidation.py)
    assert served("other.example")[0] == site
    assert served("renamed.example")[0] == other_site


def test_a_new_version_reads_the_site_again(site, other_site):
    served("other.example")
    bump_content_version()
    _site, _paths, queries = served("other.example")
    assert queries > 0


def test_a_flood_of_host_names_keeps_the_table_small(site):
    for number in range(sites.MAX_HOSTS * 2):
        served(f"host{number}.example")
    assert len(sites._sites) <= sites.MAX_HOSTS


def wagtail_site(host, port):
    """The site Wagtail's own lookup finds (one query)."""
    extra = {"HTTP_HOST": f"{host}:{port}", "SERVER_PORT": str(port)}
    return Site._find_for_request(RequestFactory().get("/", **extra))


def test_the_site_is_the_one_wagtail_finds(site, other_site):
    root = Page.get_first_root_node().add_child(instance=Page(title="Port", slug="port"))
    Site.objects.create(hostname="other.example", port=8080, root_page=root)
    Site.objects.create(hostname="third.example", port=8080, root_page=root)
    Site.objects.create(hostname="third.example", port=8081, root_page=root)
    bump_content_version()
    for host in ("other.example", "third.example", "unknown.example", site.hostname):
        for port in (80, 8080, 8081, 443):
            assert served(host, port)[0] == wagtail_site(host, port), (host, port)


def test_the_root_paths_are_wagtails_and_cost_no_query_beside_the_sites(home_pages, other_site):
    bump_content_version()
    Site.clear_site_root_paths_cache()
    expected = Site.get_site_root_paths()
    assert {path.language_code for path in expected} >= {"en", "bg", "pt"}
    HomePage.every_home()  # kept by the home app, and read by every page anyway
    _site, paths, queries = served("other.example")
    assert list(paths) == expected
    assert queries == 2  # every site; the other site's root (not a home page): its translations
    sites.forget()
    Site.objects.filter(pk=other_site.pk).delete()
    bump_content_version()
    HomePage.every_home()
    _site, paths, queries = served("localhost")
    assert list(paths) == Site.get_site_root_paths()
    assert queries == 1  # every site, nothing else


def test_a_new_translation_of_the_home_page_is_in_the_root_paths(home_page, site):
    _site, paths, _queries = served(site.hostname, site.port)
    assert [path.language_code for path in paths] == ["en"]
    home_pages = translate(home_page)  # publishing bumps the content version
    _site, paths, _queries = served(site.hostname, site.port)
    assert {path.language_code for path in paths} == set(home_pages)
