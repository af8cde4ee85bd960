"""Where every English page and snippet stands in every language.

``TranslationStatus`` answers, for each source item × language, one of five states, with the
progress of a translation in work and the action that moves it on. It costs a fixed number of
queries whatever the number of pages (a handful, plus two per snippet model): everything is
fetched in bulk and joined in Python.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from translations.access import can_work_in

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
MACHINE = "machine_translated"
AWAITING_REVIEW = "awaiting_review"
PUBLISHED = "published"
# Published, but some of the text nobody has reviewed: a machine draft, or English left in place
# of untranslated segments. Never "Published and current".
PUBLISHED_MACHINE = "published_machine"
PUBLISHED_ENGLISH = "published_english"
OUTDATED = "outdated"
STATES = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    MACHINE: _("Machine-translated, not yet reviewed"),
    AWAITING_REVIEW: _("Awaiting review"),
    PUBLISHED: _("Published and current"),
    PUBLISHED_MACHINE: _("Published, machine translation not reviewed"),
    PUBLISHED_ENGLISH: _("Published, with English text not translated"),
    OUTDATED: _("Outdated"),
}


@dataclass
class Cell:
    """One source item in one language."""

    language: str
    state: str
    progress: int | None = None  # % of segments translated, when a translation exists
    url: str = ""  # where to act: start, continue, review or sync the translation
    action: str = ""
    changed_at: datetime | None = None  # outdated: when the English source changed

    @property
    def label(self):
        return STATES[self.state]


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
        return self.content_type.model_class()._meta.verbose_name


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


def translatable_snippet_models():
    from wagtail.models import TranslatableMixin

    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


class TranslationStatus:
    def __init__(self, languages=None, content_type=None, state=None, user=None):
        self.filter_languages = languages
        self.user = user  # when given: English drafts and private pages only if they may edit them
        self.filter_content_type = content_type  # "app_label.model"
        self.filter_state = state

    # --- what is compared -----------------------------------------------------------------
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

    # --- the rows ---------------------------------------------------------------------------
    @cached_property
    def rows(self):
        rows = self._page_rows() + self._snippet_rows()
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

    def _page_rows(self):
        sources = self._source_pages()
        keys = sources.values("translation_key")
        page_rows = list(
            sources.values(
                "id", "title", "translation_key", "content_type_id", "depth", "last_published_at"
            )
        )
        if not page_rows:
            return []
        targets = {}
        for target in Page.objects.filter(
            translation_key__in=keys, locale__in=self.target_locales
        ).values(
            "id", "translation_key", "locale_id", "alias_of_id", "live", "has_unpublished_changes"
        ):
            targets[(target["translation_key"], target["locale_id"])] = target
        page_ct = ContentType.objects.get_for_model(Page)
        in_review, needs_changes = set(), set()
        for object_id, status in (
            WorkflowState.objects.active()
            .filter(base_content_type=page_ct)
            .values_list("object_id", "status")
        ):
            (in_review if status == WorkflowState.STATUS_IN_PROGRESS else needs_changes).add(
                int(object_id)
            )
        localize = self._localize_data(keys)
        rows = []
        for page in page_rows:
            row = Row(
                kind="page",
                source_id=page["id"],
                title=page["title"],
                content_type=ContentType.objects.get_for_id(page["content_type_id"]),
                edit_url=reverse("wagtailadmin_pages:edit", args=[page["id"]]),
                depth=page["depth"],
            )
            source = localize.sources.get(page["translation_key"])
            for locale in self.target_locales:
                target = targets.get((page["translation_key"], locale.pk))
                row.cells[locale.language_code] = self._page_cell(
                    page, target, source, locale, localize, in_review, needs_changes
                )
            rows.append(row)
        return rows

    def _page_cell(self, page, target, source, locale, localize, in_review, needs_changes):
        code = locale.language_code
        progress = localize.progress(source, locale) if source else None
        if target is None or target["alias_of_id"] is not None:
            if source and localize.has_translation(source, locale):
                state = IN_PROGRESS
            else:
                state = NOT_STARTED
            url = reverse("wagtail_localize:submit_page_translation", args=[page["id"]])
            query = {"select_locale": code}
            if self.user is None or not can_work_in(self.user, locale.pk):
                # Editors start translations they do not edit: back here afterwards.
                query["next"] = reverse("translations:status")
            return Cell(code, state, progress, f"{url}?{urlencode(query)}", "translate")
        edit_url = reverse("wagtailadmin_pages:edit", args=[target["id"]])
        if target["id"] in in_review:
            return Cell(code, AWAITING_REVIEW, progress, edit_url, "review")
        unpublished = not target["live"] or target["has_unpublished_changes"]
        if unpublished and source and localize.machine_translated(source, locale):
            return Cell(code, MACHINE, progress, edit_url, "edit")
        if not target["live"] or target["id"] in needs_changes:
            return Cell(code, IN_PROGRESS, progress, edit_url, "edit")
        if source is not None:
            source_changed = (
                page["last_published_at"] is not None
                and page["last_published_at"] > source["last_updated_at"]
            )
            if source_changed:
                # Editors sync every language; a language's team updates their own.
                sync_url = reverse("translations:sync_language", args=[source["id"], code])
                return Cell(code, OUTDATED, progress, sync_url, "sync", page["last_published_at"])
            if localize.synced_before_source(source, locale):
                return Cell(code, OUTDATED, progress, edit_url, "update", source["last_updated_at"])
        if target["has_unpublished_changes"]:
            return Cell(code, IN_PROGRESS, progress, edit_url, "edit")
        state = _published(source, locale, localize, progress)
        return Cell(code, state, progress, edit_url, "edit")

    def _snippet_rows(self):
        rows = []
        for model in translatable_snippet_models():
            if not self._wants(model):
                continue
            sources = model.objects.filter(locale=self.source_locale)
            keys = sources.values("translation_key")
            objects = list(sources)
            if not objects:
                continue
            targets = {
                (key, locale_id): (pk, unpublished)
                for pk, key, locale_id, unpublished in model.objects.filter(
                    translation_key__in=keys, locale__in=self.target_locales
                ).values_list("pk", "translation_key", "locale_id", "has_unpublished_changes")
            }
            localize = self._localize_data(keys)
            ct = ContentType.objects.get_for_model(model)
            in_review, needs_changes = _active_workflows(model)
            app_label, model_name = model._meta.app_label, model._meta.model_name
            for obj in objects:
                row = Row(
                    kind="snippet",
                    source_id=obj.pk,
                    title=str(obj),
                    content_type=ct,
                    edit_url=reverse(
                        f"wagtailsnippets_{app_label}_{model_name}:edit", args=[obj.pk]
                    ),
                )
                source = localize.sources.get(obj.translation_key)
                for locale in self.target_locales:
                    code = locale.language_code
                    progress = localize.progress(source, locale) if source else None
                    target_pk, unpublished = targets.get(
                        (obj.translation_key, locale.pk), (None, 0)
                    )
                    if target_pk is None:
                        url = reverse(
                            "wagtail_localize:submit_snippet_translation",
                            args=[app_label, model_name, obj.pk],
                        )
                        url = f"{url}?{urlencode({'select_locale': code})}"
                        row.cells[code] = Cell(code, NOT_STARTED, progress, url, "translate")
                        continue
                    edit_url = reverse(
                        f"wagtailsnippets_{app_label}_{model_name}:edit", args=[target_pk]
                    )
                    if target_pk in in_review:
                        row.cells[code] = Cell(code, AWAITING_REVIEW, progress, edit_url, "review")
                        continue
                    changed = (
                        source is not None
                        and obj.updated_at is not None
                        and obj.updated_at > source["last_updated_at"]
                    )
                    if changed:
                        # Changed in English since the last sync: offer the sync.
                        # Editors sync every language; a language's team updates their own.
                        sync_url = reverse("translations:sync_language", args=[source["id"], code])
                        row.cells[code] = Cell(
                            code, OUTDATED, progress, sync_url, "sync", obj.updated_at
                        )
                        continue
                    changed_at = None
                    if source and localize.synced_before_source(source, locale):
                        state, changed_at = OUTDATED, source["last_updated_at"]
                    elif progress is not None and progress < 100:
                        state = IN_PROGRESS
                    elif unpublished or target_pk in needs_changes:
                        # A draft waiting to be submitted, or sent back by the reviewer.
                        state = IN_PROGRESS
                    else:
                        state = _published(source, locale, localize, progress)
                    row.cells[code] = Cell(code, state, progress, edit_url, "edit", changed_at)
                rows.append(row)
        return rows

    def _localize_data(self, keys):
        return LocalizeData(self.source_locale, keys, self.target_locales)

    # --- per-language summary ---------------------------------------------------------------
    def summaries(self):
        from django.utils.translation import get_language_info

        result = []
        for locale in self.target_locales:
            code = locale.language_code
            summary = Summary(code, get_language_info(code)["name_translated"])
            for row in self.rows:
                cell = row.cells[code]
                summary.total += 1
                if cell.state in (PUBLISHED, PUBLISHED_MACHINE, PUBLISHED_ENGLISH, OUTDATED):
                    summary.published += 1
                if cell.state == OUTDATED:
                    summary.outdated += 1
                elif cell.state == AWAITING_REVIEW:
                    summary.awaiting_review += 1
                elif cell.state in (IN_PROGRESS, MACHINE):
                    summary.in_progress += 1
                elif cell.state == NOT_STARTED:
                    summary.not_started += 1
            result.append(summary)
        return result


def _published(source, locale, localize, progress):
    """A published translation: current only if a person wrote or reviewed all of its text."""
    if source is not None and localize.machine_translated(source, locale):
        return PUBLISHED_MACHINE
    if progress is not None and progress < 100:
        return PUBLISHED_ENGLISH
    return PUBLISHED


class LocalizeData:
    """wagtail-localize's bookkeeping for a set of source objects, fetched in six queries."""

    def __init__(self, source_locale, keys, target_locales):
        sources = TranslationSource.objects.filter(locale=source_locale, object_id__in=keys)
        self.sources = {
            row["object_id"]: row
            for row in sources.values("id", "object_id", "last_updated_at").order_by()
        }
        source_ids = sources.values("id")
        locale_ids = [locale.pk for locale in target_locales]
        self.translations = set(
            Translation.objects.filter(
                source__in=source_ids, target_locale__in=locale_ids, enabled=True
            ).values_list("source_id", "target_locale_id")
        )
        self.totals = dict(
            StringSegment.objects.filter(source__in=source_ids)
            .values_list("source_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        self.translated = {
            (source_id, locale_id): n
            for source_id, locale_id, n in StringSegment.objects.filter(
                source__in=source_ids,
                string__translations__context_id=F("context_id"),
                string__translations__locale_id__in=locale_ids,
                string__translations__has_error=False,
            )
            .values_list("source_id", "string__translations__locale_id")
            .annotate(n=Count("id", distinct=True))
            .order_by()
        }
        self.machine = {
            (source_id, locale_id)
            for source_id, locale_id in StringSegment.objects.filter(
                source__in=source_ids,
                string__translations__context_id=F("context_id"),
                string__translations__locale_id__in=locale_ids,
                string__translations__translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            )
            .values_list("source_id", "string__translations__locale_id")
            .distinct()
            .order_by()
        }
        self.last_synced = {
            (source_id, locale_id): last
            for source_id, locale_id, last in TranslationLog.objects.filter(
                source__in=source_ids, locale__in=locale_ids
            )
            .values_list("source_id", "locale_id")
            .annotate(last=Max("created_at"))
            .order_by()
        }

    def has_translation(self, source, locale):
        return (source["id"], locale.pk) in self.translations

    def machine_translated(self, source, locale):
        """Some of the translation's text is a machine draft nobody has edited yet."""
        return (source["id"], locale.pk) in self.machine

    def progress(self, source, locale):
        if not self.has_translation(source, locale):
            return None
        total = self.totals.get(source["id"], 0)
        if not total:
            return 100
        return round(100 * self.translated.get((source["id"], locale.pk), 0) / total)

    def synced_before_source(self, source, locale):
        """The source was updated (synced) after this language's last translation was written."""
        last = self.last_synced.get((source["id"], locale.pk))
        return last is not None and last < source["last_updated_at"]


def _active_workflows(model):
    """Primary keys of ``model``'s objects in review, and of those sent back for changes."""
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    in_review, needs_changes = set(), set()
    for object_id, status in (
        WorkflowState.objects.active()
        .filter(base_content_type=ct)
        .values_list("object_id", "status")
    ):
        target = in_review if status == WorkflowState.STATUS_IN_PROGRESS else needs_changes
        if str(object_id).isdigit():
            target.add(int(object_id))
    return in_review, needs_changes
