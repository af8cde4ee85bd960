"""Demo content: the project's real guides, good practices and case studies in six languages.

English pages are created as the source; every other language is made the way an editor would,
as a wagtail-localize translation of the English page or snippet, with each segment filled in
from the translated text kept in ``home/demo_content/``. A string with no translation stops the
load with a clear message rather than passing English off as another language.
"""

import datetime
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from PIL import Image as PILImage
from PIL import ImageDraw

from resources.models import KnowledgePage

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


def read_data(data_dir=DATA_DIR):
    try:
        data = {
            name: json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("skills", "partners", "pages", "activities", "tags")
        }
        corpus = {}
        for path in sorted((data_dir / "corpus").glob("*.jsonl")):
            with path.open(encoding="utf-8") as handle:
                corpus[path.stem] = [json.loads(line) for line in handle if line.strip()]
    except (OSError, ValueError) as exc:
        raise DemoContentError(f"Cannot read the demo data in {data_dir}: {exc}") from exc
    data["corpus"] = corpus
    return data


def paragraphs(text):
    return [p.strip() for p in text.split("\n\n") if p.strip()]


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

    # --- public entry point -----------------------------------------------------------------
    def is_loaded(self):
        """True when every demo resource and skill exists, translated, in every language."""
        from resources.models import KnowledgePage, SoftSkill

        expected_pages = len(self.data["corpus"]["en"])
        expected_skills = len(self.data["skills"])
        for code in ["en", *self.languages]:
            pages = KnowledgePage.objects.filter(
                locale__language_code=code, alias_of__isnull=True, live=True
            ).count()
            skills = SoftSkill.objects.filter(locale__language_code=code).count()
            if pages < expected_pages or skills < expected_skills:
                return False
        return True

    def run(self, refresh=False):
        from home.setup import ensure_site

        if not refresh and self.is_loaded():
            self.log("  already loaded in every language (use --refresh to rewrite it)")
            return ensure_site()
        home = ensure_site()
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
        for lang in self.languages:
            self.translate_all(lang, [*skills.values(), *partners.values()], [home, *pages])
        return home

    # --- phrases ------------------------------------------------------------------------------
    def collect_phrases(self):
        add_all = self.phrases.add_all
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
                    self.phrases.add(en, lang, text)
        for lang in [*self.languages, "en"]:
            with translation.override(lang):
                for doc in corpus["en"].values():
                    self.phrases.add(
                        self.alt_text(doc["title"], "en"),
                        lang,
                        self.alt_text(corpus[lang][doc["id"]]["title"], lang),
                    )
                self.phrases.add(self.download_title("en"), lang, self.download_title(lang))
                self.phrases.add(
                    self.download_description("en"), lang, self.download_description(lang)
                )

    def _add_paragraphs(self, body):
        for lang, text in body.items():
            for en, other in zip(paragraphs(body["en"]), paragraphs(text), strict=True):
                self.phrases.add(en.removeprefix("## "), lang, other.removeprefix("## "))

    @staticmethod
    def alt_text(title, lang):
        with translation.override(lang):
            return gettext("Illustration for “%(title)s”") % {"title": title}

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

    # --- English source content -------------------------------------------------------------
    def load_skills(self):
        from resources.models import SoftSkill

        skills = {}
        for item in self.data["skills"]:
            skill, _ = SoftSkill.objects.update_or_create(
                slug=item["slug"],
                locale=self.source_locale,
                defaults={"name": item["name"]["en"], "description": item["description"]["en"]},
            )
            skills[item["slug"]] = skill
        self.log(f"  soft skills: {len(skills)}")
        return skills

    def load_partners(self):
        from resources.models import PartnerOrganisation

        partners = {}
        for item in self.data["partners"]:
            partner, _ = PartnerOrganisation.objects.update_or_create(
                slug=item["slug"],
                locale=self.source_locale,
                defaults={
                    "name": item["name"]["en"],
                    "description": item["description"]["en"],
                    "country": item["country"],
                    "website": item["website"],
                },
            )
            partners[item["country"]] = partner
        self.log(f"  partner organisations: {len(partners)}")
        return partners

    def load_home(self, home):
        data = self.data["pages"]["home"]
        home.title = data["title"]["en"]
        home.intro = data["intro"]["en"]
        home.body = [("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs(data["body"]["en"])]
        home.save_revision().publish()
        return home

    def _child(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save_revision().publish()
            return existing
        page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **fields))
        page.save_revision().publish()
        return page

    def load_pages(self, home, skills, partners):
        from case_studies.models import CaseStudyIndexPage
        from home.models import StandardPage
        from resources.models import ResourceIndexPage

        pages_data = self.data["pages"]
        created = []
        listing = pages_data["listing"]
        resources = self._child(
            home,
            ResourceIndexPage,
            "resources",
            title=listing["resources"]["title"]["en"],
            intro=listing["resources"]["intro"]["en"],
            show_in_menus=True,
        )
        cases = self._child(
            home,
            CaseStudyIndexPage,
            "case-studies",
            title=listing["case_studies"]["title"]["en"],
            intro=listing["case_studies"]["intro"]["en"],
            show_in_menus=True,
        )
        created += [resources, cases]
        for item in pages_data["standard"]:
            body = []
            for para in paragraphs(item["body"]["en"]):
                if para.startswith("## "):
                    body.append(("heading", {"text": para[3:], "level": "h2"}))
                else:
                    body.append(("paragraph", RichText(f"<p>{para}</p>")))
            created.append(
                self._child(
                    home,
                    StandardPage,
                    item["slug"],
                    title=item["title"]["en"],
                    intro=item["intro"]["en"],
                    body=body,
                    show_in_menus=item["slug"] in MENU_PAGES,
                )
            )
        self.log(f"  standard and index pages: {len(created)}")

        docs = self.data["corpus"]["en"]
        for number, doc in enumerate(docs):
            model = KnowledgePage.kinds()[doc["type"].replace("_", "-")]
            parent = cases if doc["type"] == "case_study" else resources
            page = self._resource(parent, model, doc, number, skills, partners)
            created.append(page)
        self.log(f"  guides, good practices and case studies: {len(docs)}")
        return created

    def _resource(self, parent, model, doc, number, skills, partners):
        from resources.models import KnowledgePageAudience, KnowledgePagePartner, KnowledgePageSkill

        body = [("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs(doc["body"])]
        body.insert(
            1,
            (
                "image",
                {
                    "image": self.image_for(doc),
                    "alt_text": self.alt_text(doc["title"], "en"),
                    "caption": "",
                },
            ),
        )
        fields = {
            "title": doc["title"],
            "summary": doc["summary"],
            "body": body,
            "country": doc["country"] or "",
            "sector": doc["sector"] or "",
            "level": ("introductory", "intermediate", "advanced")[number % 3],
            "last_reviewed": datetime.date(2026, 1 + number % 10, 1 + number),
        }
        if model._meta.model_name == "guidepage":
            activity = self.data["activities"].get(doc["id"])
            if activity:
                fields["activities"] = [
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
                fields["body"].append(
                    (
                        "document",
                        {
                            "document": self.checklist_document(),
                            "title": self.download_title("en"),
                            "description": self.download_description("en"),
                        },
                    )
                )
        slug = doc["id"]
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, locale=parent.locale, **fields)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        page.skill_links = [
            KnowledgePageSkill(skill=skills[s], locale=parent.locale) for s in doc["skills"]
        ]
        page.audiences = [KnowledgePageAudience(audience=a) for a in doc["audience"]]
        partner = (
            partners.get(doc["country"] or "") or list(partners.values())[number % len(partners)]
        )
        page.partner_links = [KnowledgePagePartner(partner=partner, locale=parent.locale)]
        page.tags.set(self.data["tags"].get(doc["id"], []))
        if page.pk is None:
            parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    # --- generated media ----------------------------------------------------------------------
    def image_for(self, doc):
        title = f"demo-{doc['id']}"
        image = Image.objects.filter(title=title).first()
        if image is not None:
            return image
        digest = hashlib.sha256(doc["id"].encode()).digest()
        colours = [tuple(digest[i : i + 3]) for i in range(0, 12, 3)]
        canvas = PILImage.new("RGB", (960, 480), colours[0])
        draw = ImageDraw.Draw(canvas)
        for i, colour in enumerate(colours[1:]):
            x = 120 + i * 260 + digest[12 + i] % 60
            draw.ellipse(
                (x, 90 + digest[16 + i] % 120, x + 240, 330 + digest[16 + i] % 120), fill=colour
            )
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{doc['id']}.png"))

    def checklist_document(self):
        title = "Mentor's first-week checklist"
        document = Document.objects.filter(title=title).first()
        if document is not None:
            return document
        from django.core.files.base import ContentFile

        canvas = PILImage.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(canvas)
        lines = [
            "SoftComInVET - Mentor's first-week checklist",
            "",
            "[ ] Welcome the trainee in person and introduce the team",
            "[ ] Show the workplace, safety rules and who to ask for help",
            "[ ] Agree working hours, breaks and how to report sick",
            "[ ] Set up a 15-minute weekly feedback talk",
            "[ ] Agree two learning goals for the placement",
            "[ ] Check the trainee understands the key work words",
            "[ ] End of week: ask what went well and what was hard",
        ]
        for i, line in enumerate(lines):
            draw.text((100, 120 + i * 60), line, fill="black", font_size=32 if i else 40)
        buffer = io.BytesIO()
        canvas.save(buffer, format="PDF")
        return Document.objects.create(
            title=title, file=ContentFile(buffer.getvalue(), name="first-week-checklist.pdf")
        )

    # --- translations -------------------------------------------------------------------------
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
