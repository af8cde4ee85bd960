"""The project metadata rides on the sites' kept query (``core.sites.annotate_sites_with``): an
edit in the admin still reaches the footer of a page an anonymous visitor got from the page
cache, and the footer costs no query of its own on a cold cache."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from opendata.models import ProjectSettings
from tests.helpers import html, text_of
from tests.opendata.test_project_settings import footer_line, settings_form

pytestmark = pytest.mark.django_db

OLD_NUMBER = "2020-1-PT01-KA202-078592"
NEW_NUMBER = "2021-1-IT01-KA220-VET-000012345"
RECORD = "https://erasmus-plus.ec.europa.eu/projects/search/details/" + OLD_NUMBER


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 60


def footer_number(response):
    """The project number the footer links to its Results Platform record."""
    return text_of(footer_line(html(response)).find("a"))


def test_an_edit_in_the_admin_reaches_a_page_cached_footer(
    client, portal, django_assert_num_queries
):
    ProjectSettings.objects.create(project_number=OLD_NUMBER, results_platform_url=RECORD)
    url = portal.pages["guide"]["bg"].url
    assert footer_number(client.get(url)) == OLD_NUMBER
    with django_assert_num_queries(0):  # served from the page cache
        assert footer_number(client.get(url)) == OLD_NUMBER

    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    form = {
        "project_number": NEW_NUMBER,
        "results_platform_url": "https://erasmus-plus.ec.europa.eu/projects/search/details/x",
        "programme": "erasmus-plus-2021-2027",
        "action_type": "KA220-VET",
        "start_date": "2021-11-01",
        "end_date": "2023-10-31",
        "licence": "cc-by-4.0",
        "about_page": "",
    }
    response = client.post(settings_form(client), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    doc = html(client.get(url))
    assert text_of(footer_line(doc).find("a")) == NEW_NUMBER
    assert footer_line(doc).find("a")["href"].endswith("/details/x")
    with django_assert_num_queries(0):  # kept again, with the new footer
        assert footer_number(client.get(url)) == NEW_NUMBER


def test_the_footer_reads_no_settings_table_on_a_cold_cache(client, portal):
    ProjectSettings.objects.create(project_number=NEW_NUMBER, results_platform_url=RECORD)
    url = portal.homes["pt"].url
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert footer_number(response) == NEW_NUMBER
    statements = [query["sql"] for query in queries.captured_queries]
    with_sites = [sql for sql in statements if '"wagtailcore_site"' in sql]
    assert len(with_sites) == 1, with_sites  # the sites' query, which carries the settings row
    assert "opendata_projectsettings" in with_sites[0]
    alone = [sql for sql in statements if "opendata_projectsettings" in sql]
    assert alone == with_sites  # no query of its own
