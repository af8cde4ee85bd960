"""The resource model moved from ``home`` to ``resources`` (issue 10) without losing anything.

The database is taken back to the old layout by the migrations themselves (tables
``home_knowledgepage``, ``home_softskill``, …; content types labelled ``home``), as a database
filled by the old code is, then migrated forward. Afterwards the public site, the revisions,
the translations and search see the same content as before.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Revision
from wagtail_localize.models import TranslationSource

import pytest

from resources.models import GuidePage, SoftSkill
from tests.factories.pages import GuidePageFactory, ResourceIndexPageFactory, paragraphs
from tests.factories.snippets import PartnerOrganisationFactory, SoftSkillFactory
from tests.helpers import html, text_of, translate

OLD_LAYOUT = [
    ("home", "0003_snippet_review"),
    ("resources", "0001_initial"),
    ("case_studies", "0002_initial"),
]
MOVED_TABLES = ["knowledgepage", "knowledgepagetag", "knowledgepageskill", "softskill"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in dict(OLD_LAYOUT)]


def tables():
    return set(connection.introspection.table_names())


def content_type_apps():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT model, app_label FROM django_content_type WHERE model IN (%s, %s)",
            ["knowledgepage", "softskill"],
        )
        return dict(cursor.fetchall())


def search_titles(client, lang, query):
    with translation.override(lang):
        url = reverse("search")
    response = client.get(url, {"q": query})
    return [text_of(title) for title in html(response).select(".search-result .card__title")]


@pytest.fixture
def content(transactional_db, restored_after_flush, home_pages):
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    skill.save_revision().publish()
    partner = PartnerOrganisationFactory(name="Mentoring Lab")
    translate(skill, ["bg"])
    translate(partner, ["bg"])
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    translate(index, ["bg"])
    guide = GuidePageFactory(
        parent=index,
        title="Listening to a homesick trainee",
        summary="How a mentor listens when a trainee misses home.",
        body=paragraphs("Sit down with the trainee and listen without judging."),
        skills=[skill],
        partners=[partner],
        tags=["homesickness"],
        live=False,
    )
    guide.save_revision().publish()
    with TestCase.captureOnCommitCallbacks(execute=True):
        bulgarian = translate(guide, ["bg"])["bg"]
    return {"guide": guide, "bg": bulgarian, "skill": skill}


# Transactional through ``content`` (``transactional_db``); no ``django_db`` mark, which would
# override the serialized database ``restored_after_flush`` needs (the test failed when run alone).
def test_old_layout_migrates_forward_with_pages_revisions_translations_and_search(client, content):
    guide, bulgarian = content["guide"], content["bg"]
    revisions = Revision.objects.count()
    versions = GuidePage.objects.filter(translation_key=guide.translation_key).count()
    before = {
        "en": html(client.get(guide.url)).select_one("h1").get_text(strip=True),
        "bg": html(client.get(bulgarian.url)).select_one("h1").get_text(strip=True),
    }
    try:
        migrate(OLD_LAYOUT)
        old_tables = tables()
        assert {f"home_{name}" for name in MOVED_TABLES} <= old_tables
        assert not {f"resources_{name}" for name in MOVED_TABLES} & old_tables
        assert content_type_apps() == {"knowledgepage": "home", "softskill": "home"}
    finally:
        migrate(latest())

    new_tables = tables()
    assert {f"resources_{name}" for name in MOVED_TABLES} <= new_tables
    assert not {f"home_{name}" for name in MOVED_TABLES} & new_tables
    assert content_type_apps() == {"knowledgepage": "resources", "softskill": "resources"}

    # Pages: the same rows, served as before in both languages, with their links.
    assert GuidePage.objects.filter(translation_key=guide.translation_key).count() == versions
    for lang, page in (("en", guide), ("bg", bulgarian)):
        document = html(client.get(Page.objects.get(pk=page.pk).url))
        assert document.select_one("h1").get_text(strip=True) == before[lang]
    bg_page = html(client.get(bulgarian.url)).get_text(" ", strip=True)
    assert SoftSkill.objects.get(locale__language_code="bg").name in bg_page
    assert "homesickness" in html(client.get(guide.url)).get_text(" ", strip=True)

    # Revisions: still there, still pointing at the right model.
    assert Revision.objects.count() == revisions
    latest_revision = GuidePage.objects.get(pk=guide.pk).latest_revision
    assert latest_revision.as_object().title == guide.title
    skill_revision = SoftSkill.objects.get(pk=content["skill"].pk).latest_revision
    assert skill_revision is not None and skill_revision.as_object().name == "Active listening"

    # Translations: wagtail-localize's sources still find the English page and the skill.
    source = TranslationSource.objects.get_for_instance(GuidePage.objects.get(pk=guide.pk))
    assert source.get_source_instance().pk == guide.pk
    skill_source = TranslationSource.objects.get_for_instance(content["skill"])
    assert isinstance(skill_source.get_source_instance(), SoftSkill)

    # Search: the public search page finds the page in each language.
    assert guide.title in search_titles(client, "en", "homesick trainee")
    assert bulgarian.title in search_titles(client, "bg", bulgarian.title.split()[-1])
