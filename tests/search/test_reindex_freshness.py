"""A search remembered under the content version is not served after ``update_index``.

Search results are kept per content version (``search.results``). A change that bypasses the
signals (a bulk SQL update, a restore) reaches the index only through ``update_index``, which
moves the version on: the next search shows what the rebuilt index holds.
"""

import pytest

from resources.models import GuidePage
from tests.helpers import html, text_of
from tests.search.conftest import index, search_url

pytestmark = pytest.mark.django_db


def result_titles(client, lang, query):
    page = html(client.get(search_url(lang), {"q": query}))
    return [text_of(title) for title in page.select("main h3")]


def test_update_index_makes_remembered_results_stale(content, client):
    guide = content.portal.pages["guide"]["en"]
    assert not any("Zanzibar" in title for title in result_titles(client, "en", "zanzibar"))

    # A bulk update: no signal, so neither the index nor the content version moves.
    GuidePage.objects.filter(pk=guide.pk).update(title="Zanzibar feedback routine")
    index()  # update_index

    assert "Zanzibar feedback routine" in result_titles(client, "en", "zanzibar")
