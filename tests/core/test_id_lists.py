"""``core.id_lists.among``: a long list of ids goes into a query as one parameter and matches
exactly the rows ``pk__in`` matches, on SQLite and PostgreSQL."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from core.id_lists import among

pytestmark = pytest.mark.django_db


def test_the_same_pages_as_pk_in_with_one_parameter_whatever_the_number_of_ids(home_page):
    pages = list(Page.objects.values_list("pk", flat=True))
    # ids that name no page, beyond SQLite's default limit of 32,766 variables in a statement
    ids = [*pages, *range(10**6, 10**6 + 40_000)]
    found = Page.objects.filter(pk__in=among(ids)).order_by("pk")
    _sql, params = found.query.sql_with_params()
    assert len(params) == 1
    assert list(found.values_list("pk", flat=True)) == sorted(pages)
    some = pages[:1]
    assert list(Page.objects.filter(pk__in=among(some)).values_list("pk", flat=True)) == some


def test_no_ids_match_nothing_without_a_query(home_page):
    with CaptureQueriesContext(connection) as queries:
        assert list(Page.objects.filter(pk__in=among([]))) == []
    assert len(queries) == 0


def test_only_integers_are_accepted():
    with pytest.raises(ValueError):
        among(["1 OR 1=1"])
