"""Where every English page and snippet stands in every language.

``TranslationStatus`` answers, for each source item × language, a state (``states.state_of``,
one function for pages and snippets), with the progress of a translation in work and the action
that moves it on. It costs a fixed number of queries whatever the number of pages (a handful,
plus a few per snippet model): everything is fetched in bulk and joined in Python.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from translations.access import can_work_in
from translations.status.data import LocalizeData, active_workflows, translatable_snippet_models
from translations.status.states import (
    AWAITING_REVIEW,
    IN_PROGRESS,
    LIVE_STATES,
    MACHINE,
    NOT_STARTED,
    OUTDATED,
    SYNC,
    TRANSLATE,
    Cell,
    Facts,
    state_of,
)


@dataclass
class Row:
    kind: str  # "page" or "snippet"
    source_id: int
    title: str
    content_type: ContentType
    edit_url: str
    depth: int = 0
    cells: dict = field(default_factory=dict)  # language code -> Cell

    @property
    def type_label(self):
        return capfirst(self.content_type.model_class()._meta.verbose_name)

    @property
    def kind_label(self):
        return _("Page") if self.kind == "page" else _("Snippet")


@dataclass
class Summary:
    language: str
    name: str
    total: int = 0
    published: int = 0  # live in the language: current or outdated
    outdated: int = 0
    awaiting_review: int = 0
    in_progress: int = 0
    not_started: int = 0


@dataclass
class Source:
    """An English page or snippet."""

    pk: int
    title: str
    translation_key: object
    content_type: ContentType
    changed_at: datetime | None  # when its English text last changed (published, or saved)
    depth: int = 0


@dataclass
class Target:
    """Its translation in one language."""

    pk: int
    live: bool
    draft: bool


class PageKind:
    """How pages are read: bulk queries for the English pages and their translations."""

    name = "page"

    def __init__(self, status):
        self.status = status

    @cached_property
    def workflows(self):
        """The translations in review, and those sent back for changes."""
        return active_workflows(Page)

    def sources(self, pages):
        return [
            Source(
                page["id"],
                page["title"],
                page["translation_key"],
                ContentType.objects.get_for_id(page["content_type_id"]),
                page["last_published_at"],
                page["depth"],
            )
            for page in pages.values(
                "id", "title", "translation_key", "content_type_id", "depth", "last_published_at"
            )
        ]

    def targets(self, keys):
        return {
            (page["translation_key"], page["locale_id"]): Target(
                page["id"], page["live"], page["has_unpublished_changes"]
            )
            for page in Page.objects.filter(
                translation_key__in=keys,
                locale__in=self.status.target_locales,
                alias_of__isnull=True,  # an alias stands for a page not translated yet
            ).values("id", "translation_key", "locale_id", "live", "has_unpublished_changes")
        }

    def unfinished(self, target, progress):
        return not target.live

    def edit_url(self, pk):
        return reverse("wagtailadmin_pages:edit", args=[pk])

    def translate_url(self, source, locale):
        url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
        query = {"select_locale": locale.language_code}
        user = self.status.user
        if user is None or not can_work_in(user, locale.pk):
            # Editors start translations they do not edit: back here afterwards.
            query["next"] = reverse("translations:status")
        return f"{url}?{urlencode(query)}"


class SnippetKind:
    """How the objects of one translatable snippet model are read."""

    name = "snippet"

    def __init__(self, status, model):
        self.status = status
        self.model = model
        self.opts = model._meta

    @cached_property
    def workflows(self):
        return active_workflows(self.model)

    def sources(self, objects):
        ct = ContentType.objects.get_for_model(self.model)
        return [
            Source(obj.pk, str(obj), obj.translation_key, ct, obj.updated_at) for obj in objects
        ]

    def targets(self, keys):
        return {
            (key, locale_id): Target(pk, live, draft)
            for pk, key, locale_id, live, draft in self.model.objects.filter(
                translation_key__in=keys, locale__in=self.status.target_locales
            ).values_list("pk", "translation_key", "locale_id", "live", "has_unpublished_changes")
        }

    def unfinished(self, target, progress):
        # A snippet translation is live from the start, with the English text in place.
        return not target.live or (progress is not None and progress < 100)

    def edit_url(self, pk):
        return reverse(
            f"wagtailsnippets_{self.opts.app_label}_{self.opts.model_name}:edit", args=[pk]
        )

    def translate_url(self, source, locale):
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[self.opts.app_label, self.opts.model_name, source.pk],
        )
        return f"{url}?{urlencode({'select_locale': locale.language_code})}"


class TranslationStatus:
    model = None  # what django-filter asks of what it filters (the filters narrow this table)

    def __init__(self, languages=None, content_type=None, state=None, user=None):
        self.filter_languages = languages
        self.user = user  # when given: English drafts and private pages only if they may edit them
        self.filter_content_type = content_type  # "app_label.model"
        self.filter_state = state

    def filtered(self, **filters):
        """The same table, narrowed: ``languages``, ``content_type``, ``state``."""
        current = {
            "languages": self.filter_languages,
            "content_type": self.filter_content_type,
            "state": self.filter_state,
            "user": self.user,
        }
        return TranslationStatus(**{**current, **filters})

    def none(self):
        """Nothing (what invalid filters match)."""
        return self.filtered(content_type="-", state="-")

    # What is compared.
    @cached_property
    def source_locale(self):
        return Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    @cached_property
    def target_locales(self):
        codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        if self.filter_languages:
            codes = [code for code in codes if code in self.filter_languages]
        by_code = {loc.language_code: loc for loc in Locale.objects.filter(language_code__in=codes)}
        return [by_code[code] for code in codes if code in by_code]

    @property
    def languages(self):
        return [locale.language_code for locale in self.target_locales]

    def content_type_choices(self):
        models = [
            ct.model_class()
            for ct in ContentType.objects.filter(
                pk__in=Page.objects.filter(locale=self.source_locale, depth__gt=1)
                .order_by()
                .values("content_type")
            )
        ]
        models += translatable_snippet_models()
        return sorted(
            ((m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in models),
            key=lambda choice: choice[1],
        )

    # The rows.
    @cached_property
    def rows(self):
        rows = self._rows(PageKind(self), self._source_pages())
        for model in translatable_snippet_models():
            if self._wants(model):
                objects = model.objects.filter(locale=self.source_locale)
                rows += self._rows(SnippetKind(self, model), objects)
        if self.filter_state:
            rows = [
                row
                for row in rows
                if any(cell.state == self.filter_state for cell in row.cells.values())
            ]
        return rows

    def _wants(self, model):
        return not self.filter_content_type or model._meta.label_lower == self.filter_content_type

    def _source_pages(self):
        pages = Page.objects.filter(
            locale=self.source_locale, alias_of__isnull=True, depth__gt=1
        ).order_by("path")
        if self.filter_content_type:
            app_label, _dot, model = self.filter_content_type.partition(".")
            ct = ContentType.objects.filter(app_label=app_label, model=model).first()
            if ct is None or not issubclass(ct.model_class() or object, Page):
                return pages.none()
            pages = pages.filter(content_type=ct)
        return self._visible(pages)

    def _visible(self, pages):
        """An English draft's or private page's title is shown only to those who may open it in
        the admin (editors, administrators); everyone else sees the live, public pages."""
        if self.user is None:
            return pages
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(
            self.user, ["add", "change", "publish"]
        )
        hidden = Q(live=False) | pages.private_q()
        return pages.exclude(hidden & ~Q(pk__in=editable.values("pk")))

    def _rows(self, kind, queryset):
        """One row per English item of ``queryset`` (pages, or one snippet model's objects)."""
        sources = kind.sources(queryset)
        if not sources:
            return []
        keys = queryset.values("translation_key")
        targets = kind.targets(keys)
        localize = LocalizeData(self.source_locale, keys, self.target_locales)
        rows = []
        for source in sources:
            row = Row(
                kind=kind.name,
                source_id=source.pk,
                title=source.title,
                content_type=source.content_type,
                edit_url=kind.edit_url(source.pk),
                depth=source.depth,
            )
            for locale in self.target_locales:
                target = targets.get((source.translation_key, locale.pk))
                row.cells[locale.language_code] = self._cell(kind, source, target, locale, localize)
            rows.append(row)
        return rows

    def _cell(self, kind, source, target, locale, localize):
        code = locale.language_code
        english = localize.sources.get(source.translation_key)
        progress = localize.progress(english, locale) if english else None
        facts = Facts(translated=False)
        if english is not None:
            changed = (
                source.changed_at is not None and source.changed_at > english["last_updated_at"]
            )
            stale = localize.synced_before_source(english, locale)
            facts = Facts(
                translated=False,
                started=localize.has_translation(english, locale),
                progress=progress,
                machine=localize.machine_translated(english, locale),
                english_changed_at=source.changed_at if changed else None,
                synced_at=english["last_updated_at"] if stale else None,
            )
        if target is not None:
            in_review, sent_back = kind.workflows
            facts = replace(
                facts,
                translated=True,
                unfinished=kind.unfinished(target, progress),
                draft=target.draft,
                in_review=target.pk in in_review,
                sent_back=target.pk in sent_back,
            )
        verdict = state_of(facts)
        if verdict.action == TRANSLATE:
            url = kind.translate_url(source, locale)
        elif verdict.action == SYNC:
            # Editors sync every language; a language's team updates their own.
            url = reverse("translations:sync_language", args=[english["id"], code])
        else:
            url = kind.edit_url(target.pk)
        return Cell(code, verdict.state, progress, url, verdict.action, verdict.changed_at)

    # Per-language summary.
    def summaries(self):
        result = []
        for locale in self.target_locales:
            code = locale.language_code
            summary = Summary(code, get_language_info(code)["name_translated"])
            for row in self.rows:
                state = row.cells[code].state
                summary.total += 1
                summary.published += state in LIVE_STATES
                summary.outdated += state == OUTDATED
                summary.awaiting_review += state == AWAITING_REVIEW
                summary.in_progress += state in (IN_PROGRESS, MACHINE)
                summary.not_started += state == NOT_STARTED
            result.append(summary)
        return result
