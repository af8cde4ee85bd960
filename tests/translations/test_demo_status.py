"""Right after ``load_demo_content`` the Translation status page shows nothing as "Outdated":
every translation was made from the English text it is compared with."""

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

import pytest

from tests.helpers import html, rolled_back, text_of, without_search_indexing
from tests.home.test_demo_loader import load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with (
        rolled_back(django_db_blocker),
        override_settings(MEDIA_ROOT=media),
        without_search_indexing(),
    ):
        load()
        yield


def test_a_fresh_demo_has_no_outdated_translation(demo, client):
    admin = get_user_model().objects.create_superuser("admin-demo", "a@example.org", "pw")
    client.force_login(admin)
    page = html(client.get(reverse("translations:status")))
    rows = page.select("table.translation-status tbody tr")
    assert len(rows) > 20
    outdated = [
        (text_of(row.th), cell["data-language"])
        for row in rows
        for cell in row.select("td[data-state]")
        if cell["data-state"] == "outdated"
    ]
    assert outdated == []
    assert "Outdated" not in " ".join(text_of(cell) for cell in page.select("td[data-state]"))
    summary = text_of(page.select_one(".translation-status-summary"))
    assert " 0 outdated" in summary and "1 outdated" not in summary
