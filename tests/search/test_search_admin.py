"""Editors' side of search: the analytics view and the promoted results admin."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

import pytest

from search.models import SearchQueryLog
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def logs(db):
    def log(query, lang, results, times=1, days_ago=0):
        for _ in range(times):
            row = SearchQueryLog.objects.create(query=query, language=lang, result_count=results)
            if days_ago:
                row.created = timezone.now() - timedelta(days=days_ago)
                row.save(update_fields=["created"])

    log("feedback", "en", 4, times=3)
    log("empathy", "en", 2, times=1)
    log("onboarding checklist", "en", 0, times=2)
    log("обратна връзка", "bg", 3, times=2)
    log("наставник стажант", "bg", 0, times=1)
    log("old query", "en", 0, times=5, days_ago=40)


def table_rows(page, heading_id):
    table = page.select_one(f"table[aria-labelledby={heading_id}]")
    if table is None:
        return []
    return [[text_of(td) for td in tr.select("td")] for tr in table.select("tbody tr")]


def test_analytics_show_top_and_zero_result_queries_per_language(admin_client, logs):
    url = reverse("search_analytics")
    page = html(admin_client.get(url, {"days": "30", "language": "en"}))
    assert table_rows(page, "top-queries") == [
        ["feedback", "en", "3", "4"],
        ["onboarding checklist", "en", "2", "0"],
        ["empathy", "en", "1", "2"],
    ]
    assert table_rows(page, "zero-result-queries") == [["onboarding checklist", "en", "2"]]

    page = html(admin_client.get(url, {"days": "7", "language": "bg"}))
    assert table_rows(page, "zero-result-queries") == [["наставник стажант", "bg", "1"]]
    assert [row[0] for row in table_rows(page, "top-queries")] == [
        "обратна връзка",
        "наставник стажант",
    ]

    page = html(admin_client.get(url, {"days": "90"}))
    zero = table_rows(page, "zero-result-queries")
    assert zero[0] == ["old query", "en", "5"]
    assert ["наставник стажант", "bg", "1"] in zero
    form = page.select_one("form.search-analytics__filters")
    assert form["method"] == "get"
    assert form.select_one("label[for=analytics-days]")


def test_analytics_accept_any_parameters(admin_client, logs):
    response = admin_client.get(reverse("search_analytics"), {"days": "x\x00", "language": "zz"})
    assert response.status_code == 200
    assert [row[0] for row in table_rows(html(response), "top-queries")][:1] == ["feedback"]


def test_analytics_menu_item_and_promotions_admin_are_reachable(admin_client):
    home = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("search_analytics") in home.content.decode()
    response = admin_client.get(reverse("wagtailsearchpromotions:index"))
    assert response.status_code == 200
    assert admin_client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


def test_editors_without_the_permission_are_denied(editor_client, logs):
    response = editor_client.get(reverse("search_analytics"))
    assert response.status_code == 403
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    home = editor_client.get(reverse("wagtailadmin_home"))
    assert reverse("search_analytics") not in home.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, logs):
    response = client.get(reverse("search_analytics"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
