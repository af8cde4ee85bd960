"""Demo content: the project's real guides, good practices and case studies in six languages.

English pages are created as the source; every other language is made the way an editor would,
as a wagtail-localize translation of the English page or snippet, with each segment filled in
from the translated text kept in ``home/demo_content/``. A string with no translation stops the
load with a clear message rather than passing English off as another language.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext

from taggit.models import Tag
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from case_studies.models import CaseStudyIndexPage
from core.references import deferred_reference_index
from home.demo_media import checklist_document
from home.models import StandardPage
from home.setup import ensure_site
from resources import factory
from resources.factory import paragraph_blocks
from resources.factory import split_paragraphs as paragraphs
from resources.models import (
    GuidePage,
    KnowledgePage,
    PartnerOrganisation,
    ResourceIndexPage,
    SoftSkill,
    TagLabel,
)
from resources.tag_labels import ensure_labels
from search.indexing import deferred_index_writes

DATA_DIR = Path(__file__).resolve().parent / "demo_content"
MENU_PAGES = ("about", "objectives", "partners")


class DemoContentError(Exception):
    """Raised with a message meant for the person running the command."""


@dataclass
class Phrasebook:
    """English text → its translation, per language, gathered from the demo data."""

    entries: dict = field(default_factory=dict)

    def add(self, en, lang, text):
        en, text = (en or "").strip(), (text or "").strip()
        if en and text:
            self.entries.setdefault(lang, {})[en] = text

    def add_all(self, values: dict):
        for lang, text in values.items():
            self.add(values.get("en"), lang, text)

    def lookup(self, en, lang):
        try:
            return self.entries[lang][en.strip()]
        except KeyError as exc:
            raise DemoContentError(
                f"No {lang} translation in the demo data for the English text {en[:80]!r}."
            ) from exc


def refresh_statistics():
    """On PostgreSQL, ANALYZE the tables the load just filled. Inside one long transaction (a
    first load, or a test) autovacuum cannot see the new rows: the planner would go on planning
    for the tables as they were, nearly empty, and pick nested loops whose cost grows with every
    page added (a second load in one test process took ten times the first). ANALYZE in the
    transaction counts its own rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def read_data(data_dir=DATA_DIR):
    try:
        data = {
            name: json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("skills", "partners", "pages", "activities", "tags", "tag_labels")
        }
        corpus = {}
        for path in sorted((data_dir / "corpus").glob("*.jsonl")):
            with path.open(encoding="utf-8") as handle:
                corpus[path.stem] = [json.loads(line) for line in handle if line.strip()]
    except (OSError, ValueError) as exc:
        raise DemoContentError(f"Cannot read the demo data in {data_dir}: {exc}") from exc
    data["corpus"] = corpus
    return data


class DemoLoader:
    def __init__(self, data=None, log=print, languages=None):
        self.data = data or read_data()
        self.log = log
        self.languages = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        if languages is not None:
            self.languages = [code for code in self.languages if code in languages]
        self.phrases = Phrasebook()
        self.source_locale = None
        self.images = {}

    def is_loaded(self):
        """True when every demo resource, skill and tag exists, translated, in every
        language."""
        expected_pages = len(self.data["corpus"]["en"])
        expected_skills = len(self.data["skills"])
        expected_labels = len(self.data["tag_labels"])
        for code in ["en", *self.languages]:
            pages = KnowledgePage.objects.filter(
                locale__language_code=code, alias_of__isnull=True, live=True
            ).count()
            skills = SoftSkill.objects.filter(locale__language_code=code).count()
            labels = TagLabel.objects.filter(locale__language_code=code, live=True).count()
            if pages < expected_pages or skills < expected_skills or labels < expected_labels:
                return False
        return True

    def run(self, refresh=False):
        if not refresh and self.is_loaded():
            self.log("  already loaded in every language (use --refresh to rewrite it)")
            return ensure_site()
        # Each object is saved many times (created, published, translated into five languages):
        # its search index entry and its references ("where is this used?") are written once,
        # at the end.
        with deferred_index_writes(), deferred_reference_index():
            return self.load(ensure_site())

    def load(self, home):
        self.source_locale = home.locale
        if self.source_locale.language_code != "en":
            raise DemoContentError(
                "The demo content is written in English: the source language must be 'en'."
            )
        with translation.override("en"):
            self.collect_phrases()
            skills = self.load_skills()
            partners = self.load_partners()
            home = self.load_home(home)
            pages = self.load_pages(home, skills, partners)
            labels = self.tag_labels()
        refresh_statistics()
        for lang in self.languages:
            snippets = [*skills.values(), *partners.values(), *labels]
            self.translate_all(lang, snippets, [home, *pages])
            refresh_statistics()
        return home

    def collect_phrases(self):
        add_all = self.phrases.add_all
        for en, names in self.data["tag_labels"].items():
            add_all({"en": en, **names})
        for skill in self.data["skills"]:
            add_all(skill["name"])
            add_all(skill["description"])
        for partner in self.data["partners"]:
            add_all(partner["name"])
            add_all(partner["description"])
        pages = self.data["pages"]
        add_all(pages["home"]["title"])
        add_all(pages["home"]["intro"])
        self._add_paragraphs(pages["home"]["body"])
        for page in pages["standard"]:
            add_all(page["title"])
            add_all(page["intro"])
            self._add_paragraphs(page["body"])
        for listing in pages["listing"].values():
            add_all(listing["title"])
            add_all(listing["intro"])
        for activity in self.data["activities"].values():
            for key in ("title", "group_size", "materials"):
                add_all(activity[key])
            for lang, steps in activity["steps"].items():
                for en, text in zip(activity["steps"]["en"], steps, strict=True):
                    self.phrases.add(en, lang, text)
        corpus = {lang: {d["id"]: d for d in docs} for lang, docs in self.data["corpus"].items()}
        for doc_id, doc in corpus["en"].items():
            for lang, docs in corpus.items():
                other = docs[doc_id]
                self.phrases.add(doc["title"], lang, other["title"])
                self.phrases.add(doc["summary"], lang, other["summary"])
                for en, text in zip(
                    paragraphs(doc["body"]), paragraphs(other["body"]), strict=True
                ):
                    self.phrases.add(en.removeprefix("## "), lang, text.removeprefix("## "))
        for lang in [*self.languages, "en"]:
            with translation.override(lang):
                self.phrases.add(self.download_title("en"), lang, self.download_title(lang))
                self.phrases.add(
                    self.download_description("en"), lang, self.download_description(lang)
                )

    def _add_paragraphs(self, body):
        for lang, text in body.items():
            for en, other in zip(paragraphs(body["en"]), paragraphs(text), strict=True):
                self.phrases.add(en.removeprefix("## "), lang, other.removeprefix("## "))

    @staticmethod
    def download_title(lang):
        with translation.override(lang):
            return gettext(
                "Printable activity sheet: a mentor's first-week checklist (PDF, English)"
            )

    @staticmethod
    def download_description(lang):
        with translation.override(lang):
            return gettext("One page to print and fill in with your trainee during the first week.")

    def load_skills(self):
        skills = {
            item["slug"]: factory.snippet(
                SoftSkill,
                slug=item["slug"],
                locale=self.source_locale,
                name=item["name"]["en"],
                description=item["description"]["en"],
            )
            for item in self.data["skills"]
        }
        self.log(f"  soft skills: {len(skills)}")
        return skills

    def load_partners(self):
        partners = {
            item["country"]: factory.snippet(
                PartnerOrganisation,
                slug=item["slug"],
                locale=self.source_locale,
                name=item["name"]["en"],
                description=item["description"]["en"],
                role=item["role"],
                country=item["country"],
                website=item["website"],
            )
            for item in self.data["partners"]
        }
        self.log(f"  partner organisations: {len(partners)}")
        return partners

    def tag_labels(self):
        """The English label of every demo tag (created with the tags), to translate."""
        names = {name for tags in self.data["tags"].values() for name in tags}
        tags = Tag.objects.filter(name__in=names)
        ensure_labels(tags)
        labels = TagLabel.objects.filter(
            locale=self.source_locale, slug__in=[tag.slug for tag in tags]
        ).order_by("slug")
        self.log(f"  tags: {len(labels)}")
        return list(labels)

    def load_home(self, home):
        data = self.data["pages"]["home"]
        home.title = data["title"]["en"]
        home.intro = data["intro"]["en"]
        home.body = paragraph_blocks(paragraphs(data["body"]["en"]))
        home.save_revision().publish()
        return home

    def load_pages(self, home, skills, partners):
        pages_data = self.data["pages"]
        listing = pages_data["listing"]
        indexes = factory.index_pages(
            home,
            publish=True,
            fields={
                model: {
                    "title": listing[key]["title"]["en"],
                    "intro": listing[key]["intro"]["en"],
                    "show_in_menus": True,
                }
                for model, key in (
                    (ResourceIndexPage, "resources"),
                    (CaseStudyIndexPage, "case_studies"),
                )
            },
        )
        created = list(indexes.values())
        for item in pages_data["standard"]:
            body = []
            for para in paragraphs(item["body"]["en"]):
                if para.startswith("## "):
                    body.append(("heading", {"text": para[3:], "level": "h2"}))
                else:
                    body.extend(paragraph_blocks([para]))
            created.append(
                factory.child_page(
                    home,
                    StandardPage,
                    item["slug"],
                    publish=True,
                    title=item["title"]["en"],
                    intro=item["intro"]["en"],
                    body=body,
                    show_in_menus=item["slug"] in MENU_PAGES,
                )
            )
        self.log(f"  standard and index pages: {len(created)}")

        docs = self.data["corpus"]["en"]
        for number, doc in enumerate(docs):
            created.append(self._resource(indexes, doc, number, skills, partners))
        self.log(f"  guides, good practices and case studies: {len(docs)}")
        return created

    def _resource(self, indexes, doc, number, skills, partners):
        """The English page of corpus document ``doc``, with what the search corpus lacks: a
        level, a review date, an authoring partner, tags, an activity. No picture: the demo has
        none that would mean something, and a placeholder's alt text would describe nothing."""
        body = factory.body_blocks(paragraphs(doc["body"]))
        extra = {}
        if issubclass(factory.resource_model(doc["type"]), GuidePage):
            activity = self.data["activities"].get(doc["id"])
            if activity:
                extra["activities"] = [
                    (
                        "activity",
                        {
                            "title": activity["title"]["en"],
                            "duration_minutes": activity["duration_minutes"],
                            "group_size": activity["group_size"]["en"],
                            "materials": activity["materials"]["en"],
                            "steps": activity["steps"]["en"],
                        },
                    )
                ]
            if number == 0:
                body.append(
                    (
                        "document",
                        {
                            "document": checklist_document(),
                            "title": self.download_title("en"),
                            "description": self.download_description("en"),
                        },
                    )
                )
        partner = (
            partners.get(doc["country"] or "") or list(partners.values())[number % len(partners)]
        )
        return factory.document_resource(
            indexes,
            doc,
            skills,
            body=body,
            level=("introductory", "intermediate", "advanced")[number % 3],
            last_reviewed=datetime.date(2026, 1 + number % 10, 1 + number),
            partners=[partner],
            tags=self.data["tags"].get(doc["id"], []),
            publish=True,
            update=True,
            **extra,
        )

    def translate_all(self, lang, snippets, pages):
        locale = Locale.objects.get(language_code=lang)
        for obj in [*snippets, *pages]:
            self.translate(obj, locale)
        self.log(f"  {lang}: {len(snippets)} snippets and {len(pages)} pages translated")

    @transaction.atomic
    def translate(self, obj, locale):
        # Every language is translated from one version of the English item, recorded once per
        # run. Recording it again for each language (its serialised content differs by then:
        # ``updated_at`` moved on the object in memory) dated the source after the languages
        # translated before, and the status page showed those as "Outdated".
        sources = self.__dict__.setdefault("_sources", {})
        key = (obj._meta.label, obj.pk)
        if key not in sources:
            fresh = type(obj)._default_manager.get(pk=obj.pk)
            sources[key], _ = TranslationSource.update_or_create_from_instance(fresh)
        source = sources[key]
        target, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        lang = locale.language_code
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            english = StringValue(segment.string.data).render_text()
            translated = self.phrases.lookup(english, lang)
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                defaults={
                    "data": StringValue.from_plaintext(translated).data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        target.save_target(publish=True)
