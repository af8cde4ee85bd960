"""``load_demo_content``: English source pages and snippets, translated into every language with
wagtail-localize; safe to run twice; a clear message, not a traceback, when the database is
unusable.

The loader is slow (it builds the whole demo site), so its first run is shared with
tests/translations/test_demo_status.py (``loaded_demo``) and everything is rolled back at the end.
"""

import os
from collections import defaultdict
from contextlib import contextmanager
from io import StringIO
from types import SimpleNamespace

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, ReferenceIndex
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.demo import DemoLoader, read_data
from home.models import HomePage
from resources.factory import split_paragraphs
from resources.models import (
    GuidePage,
    KnowledgePage,
    KnowledgePageAudience,
    KnowledgePagePartner,
    KnowledgePageSkill,
    PartnerOrganisation,
    SoftSkill,
)
from tests.helpers import (
    LANGUAGE_CODES,
    PAGE_MODELS,
    TARGET_LANGUAGES,
    built_once,
    html,
    manage_py,
    text_of,
    without_search_indexing,
)

pytestmark = pytest.mark.django_db

SNIPPET_MODELS = [SoftSkill, PartnerOrganisation]


def inventory():
    """How many of everything the loader makes, per model and language."""
    per_language = {
        model.__name__: {
            code: model.objects.filter(locale__language_code=code).count()
            for code in LANGUAGE_CODES
        }
        for model in [*PAGE_MODELS, *SNIPPET_MODELS]
    }
    return {
        "per_language": per_language,
        "pages": Page.objects.count(),
        "translation_sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "skill_links": KnowledgePageSkill.objects.count(),
        "partner_links": KnowledgePagePartner.objects.count(),
        "audiences": KnowledgePageAudience.objects.count(),
        "tags": Tag.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
    }


def load(*args):
    """Run the command as ``make demo`` does, but inside this module's transaction.

    wagtail-localize publishes a translated page when the transaction that saved it commits.
    Outside tests every ``DemoLoader.translate`` call is its own transaction; here the commit
    at the end of each call is emulated by running its on-commit callbacks right then (running
    them all at the end instead would publish stale copies of the translated home pages).
    """
    translate = DemoLoader.translate

    def translate_and_commit(self, obj, locale):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return translate(self, obj, locale)

    out = StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DemoLoader, "translate", translate_and_commit)
        call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def load_once(media):
    """The first run of the loader: what ``loaded_demo`` restores."""
    # nothing searches the demo here; its references ("Usage"), written once, are checked
    with override_settings(MEDIA_ROOT=media), without_search_indexing(keep_references=True):
        output = load()
        return SimpleNamespace(output=output, inventory=inventory())


@contextmanager
def loaded_demo(django_db_blocker, tmp_path_factory):
    """The database right after a first ``load_demo_content``, for one module (rolled back when
    it ends). The loader is slow: it runs once per test process for this module and
    tests/translations/test_demo_status.py (``tests.helpers.built_once``)."""
    media = tmp_path_factory.getbasetemp() / "demo-media"  # one per test process
    with (
        built_once(django_db_blocker, "demo", lambda: load_once(media)) as first,
        override_settings(MEDIA_ROOT=media),
        without_search_indexing(),  # nothing here searches; indexing would double the time
    ):
        yield first


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with loaded_demo(django_db_blocker, tmp_path_factory) as loaded:
        first_output = loaded.output
        first = loaded.inventory
        second_output = load()
        second = inventory()
        yield SimpleNamespace(
            first=first, first_output=first_output, second=second, second_output=second_output
        )


def test_first_run_creates_every_page_type_in_every_language(demo):
    assert "Demo content is ready." in demo.first_output
    for model_name, counts in demo.first["per_language"].items():
        english = counts[settings.LANGUAGE_CODE]
        assert english >= 1, f"no English {model_name}"
        assert counts == dict.fromkeys(LANGUAGE_CODES, english), (
            f"{model_name} is not in every language: {counts}"
        )


def test_second_run_duplicates_nothing(demo):
    assert "Demo content is ready." in demo.second_output
    assert "already loaded in every language" in demo.second_output
    assert demo.second == demo.first


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m.__name__)
def test_every_page_is_a_published_translation_of_the_english_source(demo, model):
    english_pages = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    assert english_pages.exists()
    for source_page in english_pages:
        source = TranslationSource.objects.get(
            object_id=source_page.translation_key, locale=source_page.locale
        )
        translated_into = set(
            Translation.objects.filter(source=source, enabled=True).values_list(
                "target_locale__language_code", flat=True
            )
        )
        assert translated_into == set(TARGET_LANGUAGES)
        for code in TARGET_LANGUAGES:
            page = model.objects.get(
                translation_key=source_page.translation_key, locale__language_code=code
            )
            assert page.alias_of_id is None, f"{page.url} is an untranslated alias"
            assert page.live
            # the same address in every language, only the language prefix differs
            assert page.url.removeprefix(f"/{code}/") == source_page.url.removeprefix(
                f"/{settings.LANGUAGE_CODE}/"
            )
            assert page.title.strip() and page.title != source_page.title, (
                f"{model.__name__} {source_page.slug!r} has an English title in {code}"
            )


@pytest.mark.parametrize("model", SNIPPET_MODELS, ids=lambda m: m.__name__)
def test_every_snippet_is_a_translation_of_the_english_source(demo, model):
    english = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    assert english.exists()
    for snippet in english:
        source = TranslationSource.objects.get(
            object_id=snippet.translation_key, locale=snippet.locale
        )
        assert set(
            Translation.objects.filter(source=source).values_list(
                "target_locale__language_code", flat=True
            )
        ) == set(TARGET_LANGUAGES)
        translations = model.objects.filter(translation_key=snippet.translation_key)
        assert sorted(t.locale.language_code for t in translations) == sorted(LANGUAGE_CODES)


def test_skill_names_come_from_the_translated_demo_data(demo):
    """Each language shows the skill names the translators wrote, not the English ones."""
    for item in read_data()["skills"]:
        names = {
            skill.locale.language_code: skill.name
            for skill in SoftSkill.objects.filter(slug=item["slug"]).select_related("locale")
        }
        assert names == {code: item["name"][code] for code in LANGUAGE_CODES}


def test_each_skill_knows_every_page_that_uses_it(demo):
    """The references ("Usage" in the admin) are written once, when the load ends
    (core/references.py): each skill's are exactly the pages, in every language, linking it."""
    linked = defaultdict(set)
    for skill_id, page_id in KnowledgePageSkill.objects.values_list("skill_id", "page_id"):
        linked[skill_id].add(str(page_id))
    skills = SoftSkill.objects.all()
    assert len(linked) == len(skills) > 6
    for skill in skills:
        references = ReferenceIndex.get_references_to(skill).filter(
            model_path="skill_links.item.skill"
        )
        assert set(references.values_list("object_id", flat=True)) == linked[skill.pk], skill


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_demo_guides_are_shown_in_each_language(demo, client, code):
    guide = GuidePage.objects.filter(locale__language_code=code).order_by("path").first()
    response = client.get(guide.url)
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == code
    assert text_of(page.find("h1")) == guide.title
    home = HomePage.objects.get(locale__language_code=code)
    response = client.get(home.url)
    assert response.status_code == 200
    assert text_of(html(response).find("h1")) == home.title


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_demo_sections_are_headings_in_each_language(demo, client, code):
    """The sections of good practices and case studies ("## " lines in the demo content) are
    heading blocks, shown as headings, in the page's language."""
    docs = [d for d in read_data()["corpus"][code] if d["type"] != "guide"]
    assert docs
    for doc in docs:
        expected = [p[3:] for p in split_paragraphs(doc["body"]) if p.startswith("## ")]
        assert expected, doc["id"]
        page = KnowledgePage.objects.get(locale__language_code=code, slug=slugify(doc["id"]))
        headings = [b.value["text"] for b in page.specific.body if b.block_type == "heading"]
        assert headings == expected, doc["id"]
        prose = html(client.get(page.url)).select_one(".prose")
        assert [text_of(h) for h in prose.find_all("h2")] == expected, doc["id"]
        assert not any(text_of(p).startswith(f"{expected[-1]}:") for p in prose.find_all("p"))


def test_unusable_database_gives_a_clear_error(tmp_path):
    """A database that was never migrated: a CommandError that says what to do."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = manage_py("load_demo_content", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "CommandError: The database is not usable" in result.stderr
    assert "python manage.py migrate" in result.stderr
