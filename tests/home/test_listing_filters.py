"""The filters that listings and search results share (resources/filters.py): what a visitor's
query string chooses, and what a value that does not validate does (it matches nothing)."""

from django.http import QueryDict

import pytest

from resources.filters import ResourceFilters, querystring
from resources.models import KnowledgePage

pytestmark = pytest.mark.django_db

INDEX_KINDS = ("guide", "good-practice")


def chosen(query, **kwargs):
    return ResourceFilters(QueryDict(query), KnowledgePage, **kwargs)


@pytest.mark.parametrize(
    ("query", "selected"),
    [
        ("", {}),
        ("type=guide", {"type": "guide"}),
        ("type=+guide+&sector=+hospitality", {"type": "guide", "sector": "hospitality"}),
        ("audience=x&audience=mentor", {"audience": "mentor"}),  # the last one counts
        ("country=it", {"country": "it"}),  # kept as typed; matched in upper case
        ("skill=empathy&tag=first-week", {"skill": "empathy", "tag": "first-week"}),
        ("utm_source=newsletter&page=2", {}),
        ("tag=feedback%01", {"tag": "feedback\x01"}),  # a listing looks it up: no such tag
    ],
)
def test_valid_filters_are_chosen(query, selected):
    filters = chosen(query, kinds=INDEX_KINDS)
    assert filters.valid
    assert filters.selected == selected
    assert filters.active == selected


@pytest.mark.parametrize(
    ("query", "value"),
    [
        # readable, but naming nothing here: still shown as chosen
        ("type=podcast", "podcast"),
        ("type=case-study", "case-study"),  # not a kind this index lists
        ("type=null", "null"),
        ("audience=aliens", "aliens"),
        ("sector=+null+", "null"),
        # unreadable: ignored
        ("skill=" + "x" * 101, None),
        ("type=" + "g" * 101, None),
        ("country=%00", None),
        ("sector=a%00", None),
    ],
)
def test_a_value_that_does_not_validate_matches_nothing(query, value):
    filters = chosen(query, kinds=INDEX_KINDS)
    name = query.split("=")[0]
    assert not filters.valid
    assert filters.selected == {name: value}
    assert filters.active == ({name: value} if value else {})
    assert filters.apply(KnowledgePage.objects.all()).query.is_empty()


@pytest.mark.parametrize("query", ["tag=feedback%01", "type=%01guide", "skill=a%1fb"])
def test_search_ignores_control_characters(query):
    filters = chosen(query, printable_only=True)
    assert not filters.valid
    assert filters.selected == {query.split("=")[0]: None}
    assert filters.apply(KnowledgePage.objects.all()).query.is_empty()


def test_a_fixed_filter_is_not_read_from_the_query_string():
    filters = chosen("tag=other&skill=empathy", fixed={"tag": "feedback"})
    assert "tag" not in filters.filterset.filters
    assert filters.selected == {"tag": "feedback", "skill": "empathy"}
    assert filters.active == {"skill": "empathy"}


def test_query_strings_keep_the_filters_in_facet_order():
    filters = chosen("sector=retail&type=guide")
    assert querystring(filters.active, page=2) == "?type=guide&sector=retail&page=2"
    assert querystring(filters.active, type="", page=None) == "?sector=retail"
    assert querystring({}) == "?"
