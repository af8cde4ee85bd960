"""An API list page costs a fixed number of SQL queries, however many resources it lists."""

import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tests.helpers import same_queries_message
from tests.home.test_query_counts import add_resources, site_tree  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # cold caches, as the portal's pages (issue 11)


def api_queries(client, url):
    """The queries of an API request with cold caches (the first request after a publish)."""
    client.get(url)  # the process's own first-time lookups (content types)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], json.loads(response.content)


def test_list_queries_do_not_grow_with_the_number_of_resources(client, site_tree):  # noqa: F811
    url = reverse("api:resources:listing") + "?limit=100"
    add_resources(site_tree, 6)
    few, body = api_queries(client, url)
    assert body["meta"]["total_count"] == 6
    add_resources(site_tree, 54)
    many, body = api_queries(client, url)
    assert len(body["items"]) == 60
    assert len(many) == len(few), same_queries_message(few, many)
    assert len(few) <= MAX_QUERIES, "\n".join(few)
