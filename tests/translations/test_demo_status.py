"""Right after ``load_demo_content`` the Translation status page shows nothing as "Outdated":
every translation was made from the English text it is compared with."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from tests.helpers import html, text_of
from tests.home.test_demo_loader import loaded_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with loaded_demo(django_db_blocker, tmp_path_factory):
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
