"""The public search page understands each language: inflection, case, accents, labels.

The search-bench corpus (in home/demo_content/corpus, the same texts as the demo content) is
loaded as real pages; every query goes through /<lang>/search/ like a visitor's.
"""

from django.urls import reverse
from django.utils import translation

import pytest

from resources.models import KnowledgePage

# (language, query, a document that must be among the first three results)
CASES = [
    ("en", "conflicts in the team", "guide-conflict-resolution"),
    ("en", "BUDDY SYSTEMS", "practice-buddy-system"),
    ("bg", "конфликтите", "guide-conflict-resolution"),
    ("bg", "езикови бариери", "case-plovdiv-car-workshop"),
    ("el", "συγκρουσεις", "guide-conflict-resolution"),
    ("el", "ΓΛΩΣΣΙΚΟ ΧΑΣΜΑ", "case-plovdiv-car-workshop"),
    ("it", "conflitti", "guide-conflict-resolution"),
    ("it", "barriere linguistiche", "case-plovdiv-car-workshop"),
    ("pt", "conflitos", "guide-conflict-resolution"),
    ("pt", "barreiras da lingua", "case-plovdiv-car-workshop"),
    ("es", "conflictos", "guide-conflict-resolution"),
    ("es", "gestion de conflicto", "guide-conflict-resolution"),
]


def result_slugs(client, lang, query):
    with translation.override(lang):
        url = reverse("search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return [page.slug for page in response.context["results"]], response


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "query", "expected"), CASES)
def test_inflected_and_folded_queries_find_the_page(corpus_pages, client, lang, query, expected):
    slugs, response = result_slugs(client, lang, query)
    assert expected in slugs[:3], f"{query!r} ({lang}) gave {slugs[:5]}"
    assert f'lang="{lang}"' in response.content.decode()


@pytest.mark.django_db
def test_search_stays_in_the_visitors_language(corpus_pages, client):
    slugs, response = result_slugs(client, "it", "Plovdiv")
    assert "case-plovdiv-car-workshop" in slugs
    titles = [page.title for page in response.context["results"]]
    assert all(page.locale.language_code == "it" for page in response.context["results"])
    assert "Superare la barriera linguistica in un'officina meccanica di Plovdiv" in titles


@pytest.mark.django_db
def test_unpublished_and_private_pages_never_appear(corpus_pages, client):
    from wagtail.models import PageViewRestriction

    page = KnowledgePage.objects.get(
        slug="guide-conflict-resolution", locale__language_code="en"
    ).specific
    page.unpublish()
    private = KnowledgePage.objects.get(slug="practice-buddy-system", locale__language_code="en")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    try:
        slugs, response = result_slugs(client, "en", "conflict buddy")
        assert "guide-conflict-resolution" not in slugs
        assert "practice-buddy-system" not in slugs
        assert "Handling Conflict Between a Trainee and the Team" not in response.content.decode()
    finally:
        page.specific.save_revision().publish()
        PageViewRestriction.objects.filter(page=private).delete()
