"""Whatever a visitor (or a robot) sends, the search page and the suggestions answer with a
page, an empty result or a clear 4xx — never a 500."""

from django.core.management import call_command

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.setup import ensure_site
from search.query import clean_query
from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import LANGUAGE_CODES, rolled_back
from tests.search.conftest import clean_slate, search_url

pytestmark = pytest.mark.django_db

TRICKY = [
    "",
    " ",
    "x" * 10_000,
    "\x00",
    "feed\x00back",
    "\x01\x1f\x7f",
    '"',
    '"unbalanced',
    "*",
    "feed*",
    "NEAR(feedback conflict)",
    "NEAR(",
    "feedback AND OR NOT",
    "NOT",
    "((feedback)",
    ")(",
    "title:feedback",
    "feedback^4 ~2",
    "конфликт conflitto σύγκρουση",
    "😀 \u202e \ufeff",
    "%00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\\",
]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
VALUE = st.one_of(st.sampled_from(TRICKY), TEXT)
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "q": VALUE,
        "scope": st.one_of(st.sampled_from(["all", "ALL", ""]), VALUE),
        "sort": st.one_of(st.sampled_from(["newest", "relevance"]), VALUE),
        "page": st.one_of(st.sampled_from(["1", "2", "0", "-1", "1.5", "1e9", "9" * 50]), VALUE),
        "type": st.one_of(st.sampled_from(["guide", "case-study"]), VALUE),
        "skill": st.one_of(st.just("giving-feedback"), VALUE),
        "tag": st.one_of(st.just("feedback"), VALUE),
        "audience": st.one_of(st.just("mentor"), VALUE),
        "country": st.one_of(st.just("BG"), VALUE),
        "sector": st.one_of(st.just("hospitality"), VALUE),
        "language": st.one_of(st.sampled_from(LANGUAGE_CODES), VALUE),
    },
)
CHECKS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def little_portal(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        clean_slate()
        home = ensure_site()
        resources = ResourceIndexPageFactory(parent=home)
        skill = SoftSkillFactory(name="Giving feedback", slug="giving-feedback")
        for n in range(12):
            GuidePageFactory(
                parent=resources,
                title=f"Feedback guide {n}",
                skills=[skill],
                tags=["feedback"],
                audience=["mentor"],
                country="BG",
                sector="hospitality",
            )
        call_command("update_index", verbosity=0)
        yield
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)


@pytest.mark.parametrize("lang", ["en", "el"])
@CHECKS
@given(params=PARAMS)
def test_the_search_page_never_fails(little_portal, client, lang, params):
    response = client.get(search_url(lang), params)
    if response.status_code == 302:  # empty parameters: to the clean address, which answers
        assert response.url.startswith(search_url(lang)), params
        response = client.get(response.url)
    assert response.status_code in (200, 400, 404), params
    if response.status_code == 200 and clean_query(params.get("q", "")):
        assert b'role="status"' in response.content


@CHECKS
@given(q=VALUE, lang=st.sampled_from(LANGUAGE_CODES))
def test_the_suggestions_never_fail(little_portal, client, q, lang):
    response = client.get(search_url(lang, "search_suggest"), {"q": q})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "suggestions"}
    assert len(data["suggestions"]) <= 8


@pytest.mark.parametrize("q", TRICKY)
def test_tricky_queries_give_a_results_page(little_portal, client, q):
    response = client.get(search_url("en"), {"q": q, "scope": "all"}, follow=True)
    assert response.status_code == 200
