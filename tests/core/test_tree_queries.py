"""Tree queries that must not read the whole page tree: a page's children by the (depth, path)
index (``core.pages.children_of``, home/migrations/0005), its descendants by a range of paths
(``core.pages.descendants_of``) and an address's pages by their slugs
(``CachedChildRouteMixin``'s routing). Read on the first request after every publish, they
walked every page of the tree on SQLite before (12 and 7 ms at 60,000 pages)."""

from django.db import connection

from wagtail.models import Page

import pytest

from core.pages import children_of, descendants_of
from tests.factories import GuidePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    section = StandardPageFactory(parent=home_page, title="Section", slug="section")
    other = StandardPageFactory(parent=home_page, title="Other", slug="other")
    below = StandardPageFactory(parent=section, title="Below", slug="below")
    deepest = StandardPageFactory(parent=below, title="Deepest", slug="section")  # a slug again
    return home_page, section, other, below, deepest


def ids(pages):
    return sorted(page.pk for page in pages)


def test_children_are_the_pages_one_level_below_and_nothing_deeper(tree):
    home, section, other, below, _deepest = tree
    assert ids(Page.objects.filter(children_of([home]))) == ids([section, other])
    assert ids(Page.objects.filter(children_of([home, section]))) == ids([section, other, below])
    assert ids(Page.objects.filter(children_of([]))) == []


def test_descendants_are_every_page_below_and_nothing_else(tree):
    home, section, other, below, deepest = tree
    assert ids(Page.objects.filter(descendants_of(section))) == ids([below, deepest])
    assert ids(Page.objects.filter(descendants_of(below))) == ids([deepest])
    assert ids(Page.objects.filter(descendants_of(deepest))) == []
    assert ids(Page.objects.filter(descendants_of(home))) == ids([section, other, below, deepest])
    # the same pages as treebeard's prefix, from the root down
    root = Page.get_first_root_node()
    assert ids(Page.objects.filter(descendants_of(root))) == ids(root.get_descendants())


def plan(queryset):
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_answers_both_from_an_index(tree):
    home, section = tree[0], tree[1]
    children = plan(Page.objects.filter(children_of([home])))
    assert "home_page_depth_path" in children, children
    descendants = plan(Page.objects.filter(descendants_of(section)))
    assert "USING INDEX" in descendants and "path>? AND path<?" in descendants, descendants


def test_an_address_routes_to_its_page_when_a_slug_repeats_at_another_level(client, tree):
    _home, _section, _other, below, deepest = tree
    response = client.get(deepest.url)
    assert response.status_code == 200
    assert response.context["page"].pk == deepest.pk
    assert client.get(below.url).context["page"].pk == below.pk
    assert client.get(below.url + "missing/").status_code == 404


def test_a_guide_address_routes_to_the_guide(client, home_page):
    guide = GuidePageFactory(parent=StandardPageFactory(parent=home_page, slug="guides"))
    response = client.get(guide.url)
    assert response.status_code == 200
    assert response.context["page"].pk == guide.pk
