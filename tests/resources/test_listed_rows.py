"""A filtered listing chosen and counted from its index's kept rows (resources/listed_rows.py)
gives exactly what its queries give: the same ids in the same order and the same facets, for
every option of every facet, pairs of them, values that name nothing, and a skill that is not
live, in English and in Bulgarian (with a translation still in draft, shown from its English
page) (issue 11, item 1: listing time as the content grows)."""

from django.db import connection
from django.http import HttpRequest, QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from core.cache import bump_content_version
from resources.listing import Listing, rebuild_listings
from resources.models import SoftSkill
from tests.factories import (
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
)
from tests.helpers import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(home_pages):
    """An English index and its Bulgarian translation, with resources of two kinds and varied
    skills, tags, audiences, levels, countries and sectors; one skill is not live, and one
    Bulgarian translation is a draft."""
    skills = [SoftSkillFactory(name=name) for name in ("Listening", "Empathy", "Asking")]
    for skill in skills:
        translate(skill, languages=["bg"])
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    bg_index = translate(index, languages=["bg"])["bg"]
    specs = [
        (
            GuidePageFactory,
            [0, 1],
            ["feedback", "first week"],
            ["mentor", "manager"],
            "BG",
            "retail",
        ),
        (GuidePageFactory, [1], ["feedback"], ["manager"], "IT", "hospitality"),
        (GuidePageFactory, [2], ["planning"], ["mentor"], "", ""),
        (GoodPracticePageFactory, [0, 2], ["first week", "buddy"], ["learner"], "PT", "retail"),
        (GoodPracticePageFactory, [], [], [], "BG", ""),
        (GuidePageFactory, [0], ["buddy"], ["mentor", "vet-provider"], "ES", "manufacturing"),
    ]
    levels = ["introductory", "intermediate", "advanced"]
    translated = []
    for n, (factory, chosen, tags, audience, country, sector) in enumerate(specs):
        page = factory(
            parent=index,
            title=f"Resource {n}",
            skills=[skills[i] for i in chosen],
            tags=tags,
            audience=audience,
            country=country,
            sector=sector,
            level=levels[n % 3],
        )
        translated.append(translate(page, languages=["bg"])["bg"])
    translated[2].unpublish()  # a draft translation: the English page stands in for it
    SoftSkill.objects.filter(slug=skills[2].slug).update(live=False)
    return {"en": index, "bg": bg_index}


def request(query):
    request = HttpRequest()
    request.GET = QueryDict(query)
    return request


def queries_of(index, lang):
    """Every option of every facet of the unfiltered listing, a pair of options of different
    facets, and values that name nothing or are typed otherwise."""
    with translation.override(lang):
        facets = index.resources(request("")).facets
    options = [(facet.name, option.value) for facet in facets for option in facet.options]
    assert len(options) > 15
    queries = [f"{name}={value}" for name, value in options]
    queries += [
        f"{a}={x}&{b}={y}" for (a, x), (b, y) in zip(options, options[3:], strict=False) if a != b
    ]
    queries += ["", "country=bg", "skill=asking", "tag=no-such-tag", "skill=no-such-skill"]
    queries += ["type=guide&audience=mentor&country=BG", "audience=mentor&tag=buddy&level=advanced"]
    return queries


@pytest.mark.parametrize("lang", ["en", "bg"])
def test_every_filter_gives_the_same_ids_and_facets_from_the_kept_rows(indexes, lang):
    index = indexes[lang]
    bump_content_version()
    with translation.override(lang):
        rebuild_listings()
    queries = queries_of(index, lang)
    for query in queries:
        with translation.override(lang):
            from_rows = index.resources(request(query))
            assert from_rows.rows_kept() is not None, query
            with CaptureQueriesContext(connection) as counted:
                by_rows = from_rows.compute_summary()
            by_queries = index.resources(request(query))
            by_queries.rows_kept = lambda: None
            expected = by_queries.compute_summary()
        assert by_rows == expected, query
        assert not [q for q in counted.captured_queries if "knowledgepage" in q["sql"]], query
    assert any(
        len(Listing(request(q), None, model=index.listing_model).filters.selected) > 1
        for q in queries
    )


def test_without_kept_rows_a_filtered_listing_runs_its_queries(indexes):
    bump_content_version()  # nothing kept at this version: no editor's change rebuilt it
    listing = indexes["en"].resources(request("tag=feedback"))
    assert listing.rows_kept() is None
    with CaptureQueriesContext(connection) as counted:
        summary = listing.compute_summary()
    assert len(summary["ids"]) == 2
    assert any("knowledgepagetag" in q["sql"] for q in counted.captured_queries)


def test_a_sorted_or_invalid_listing_does_not_use_the_rows(indexes):
    bump_content_version()
    rebuild_listings()
    index = indexes["en"]
    assert index.resources(request("tag=feedback")).rows_kept() is not None
    assert index.resources(request("tag=feedback&sort=title")).rows_kept() is None
    assert index.resources(request("type=podcast")).rows_kept() is None  # matches nothing
    assert index.resources(request("")).rows_kept() is not None
