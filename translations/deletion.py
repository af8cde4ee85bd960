"""Deleting an English page: its translations go with it, unless the editor keeps them.

Whatever route deletes an English page (the admin's delete view, the bulk "Delete" action,
``page.delete()`` in code: all go through Wagtail's ``DeletePageAction``, then Django's
deletion), ``pre_delete`` of the page runs here while nothing is deleted yet:

* what was translated into each language (every saved segment, as JSON and as the PO file the
  translation editor would give) is written into the page's history, one log entry per
  language (``DELETED`` or ``KEPT``), with the deleted page's and the English page's titles;
  wagtail-localize deletes the segments once the English page is gone;
* its untranslated copies (aliases) are deleted: they would otherwise turn into ordinary pages
  showing the English text;
* its translations (published or draft) are deleted too, unless the editor chose to keep them
  (the checkbox on the confirmation, or ``keeping_translations()`` in code): a kept
  translation stays as it is, as an independent page without an English source, which an
  administrator or the language's reviewers may delete later (see ``may_delete``).

``python manage.py deleted_translations`` lists the saved translations and prints one as a PO
file (docs/translation.md, "Deleting a page").
"""

import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.signals import request_started
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import Translation

DELETED = "translations.delete_with_source"
KEPT = "translations.keep_without_source"
KEEP_FIELD = "keep_translations"

PUBLISHED, DRAFT, ALIAS = "published", "draft", "alias"
STATE_LABELS = {
    PUBLISHED: _("translated and published"),
    DRAFT: _("translation in progress, not published"),
    ALIAS: _("not translated, shows the English page"),
}

# Translation keys of the English pages whose translations are kept when they are deleted.
_keep_keys = ContextVar("keep_translations_of", default=frozenset())
# One record per Django deletion (its ``origin``): which pages are already handled.
_deletions = weakref.WeakKeyDictionary()


def _keys_of(pages):
    keys = set()
    for page in pages:
        keys.add(page.translation_key)
        keys.update(page.get_descendants().values_list("translation_key", flat=True))
    return keys


@contextmanager
def keeping_translations(*pages):
    """Delete ``pages`` (and the pages below them) keeping their translations, in code."""
    token = _keep_keys.set(_keep_keys.get() | _keys_of(pages))
    try:
        yield
    finally:
        _keep_keys.reset(token)


def keeps_translations_of(page):
    """The English ``page`` is being deleted with its translations kept as independent pages."""
    return page.translation_key in _keep_keys.get()


def choose_from_request(request, pages):
    """The admin's delete forms: keep the translations only if the editor ticked the box."""
    keep = request.method == "POST" and bool(request.POST.get(KEEP_FIELD))
    _keep_keys.set(frozenset(_keys_of(pages)) if keep else frozenset())


@receiver(request_started, dispatch_uid="forget_kept_translations")
def _forget_choice(**kwargs):
    _keep_keys.set(frozenset())


def is_source_page(page):
    return (
        page.alias_of_id is None
        and page.depth > 1
        and page.locale.language_code == settings.LANGUAGE_CODE
    )


def state_of(page):
    if page.alias_of_id is not None:
        return ALIAS
    return PUBLISHED if page.live else DRAFT


def translations_of(page):
    """The page's versions in the other languages (translations, drafts and aliases)."""
    return (
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("locale__language_code")
    )


@dataclass
class LanguageCounts:
    language: str
    counts: dict = field(default_factory=dict)

    @property
    def summary(self):
        parts = []
        for state, label in STATE_LABELS.items():
            if self.counts.get(state):
                parts.append(f"{label} ({self.counts[state]})")
        return "; ".join(parts)


def deletion_plan(page):
    """What the confirmation shows: the page's own translations, and per language how many
    translations of the pages below it go too. ``None`` for a page that is not English."""
    if not is_source_page(page):
        return None
    own = [
        {
            "language": t.locale.get_display_name(),
            "title": t.draft_title or t.title,
            "state": state_of(t),
            "state_label": STATE_LABELS[state_of(t)],
        }
        for t in translations_of(page)
    ]
    below_keys = page.get_descendants().filter(alias_of__isnull=True, locale_id=page.locale_id)
    below = {}
    for t in (
        Page.objects.filter(translation_key__in=below_keys.values("translation_key"))
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("locale__language_code")
    ):
        entry = below.setdefault(t.locale_id, LanguageCounts(t.locale.get_display_name()))
        entry.counts[state_of(t)] = entry.counts.get(state_of(t), 0) + 1
    return {
        "own": own,
        "below": list(below.values()),
        "has_translations": any(row["state"] != ALIAS for row in own)
        or any(c.counts.get(PUBLISHED) or c.counts.get(DRAFT) for c in below.values()),
        "has_any": bool(own or below),
        "keep_field": KEEP_FIELD,
    }


def translated_text(source_page, translated_page):
    """The segments of ``translated_page`` (JSON-ready) and its PO file, from wagtail-localize."""

    translation = (
        Translation.objects.filter(
            source__object_id=source_page.translation_key,
            source__locale_id=source_page.locale_id,
            target_locale_id=translated_page.locale_id,
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return [], ""
    po = translation.export_po()
    segments = [
        {"context": entry.msgctxt, "source": entry.msgid, "translation": entry.msgstr}
        for entry in po
        if entry.msgstr
    ]
    return segments, str(po)


def _record(source_page, translated_page, user, kept):
    segments, po = translated_text(source_page, translated_page)
    log(
        translated_page.specific,
        KEPT if kept else DELETED,
        user=user,
        data={
            "language": translated_page.locale.language_code,
            "title": translated_page.draft_title or translated_page.title,
            "url_path": translated_page.url_path,
            "was_live": translated_page.live,
            "source": {
                "id": source_page.pk,
                "title": source_page.title,
                "url_path": source_page.url_path,
                "translation_key": str(source_page.translation_key),
            },
            "segments": segments,
            "po": po,
        },
    )


def _deleting_user(page):
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.delete")
        .select_related("user")
        .order_by("-pk")
        .first()
    )
    return entry.user if entry else None


@receiver(pre_delete, dispatch_uid="translations_follow_deleted_source")
def follow_deleted_source(sender, instance, origin=None, **kwargs):
    """Before an English page is deleted: keep its translators' text, then delete its aliases
    and (unless kept) its translations. Runs once per page, for the page and those below it."""
    if not isinstance(instance, Page) or not is_source_page(instance):
        return
    if origin is not None:
        try:
            done = _deletions.setdefault(origin, {"recorded": set(), "disposed": set()})
        except TypeError:  # not weak-referenceable
            done = {"recorded": set(), "disposed": set()}
    else:
        done = {"recorded": set(), "disposed": set()}
    if instance.pk in done["disposed"]:
        return
    done["disposed"].add(instance.pk)
    user = _deleting_user(instance)
    keep = instance.translation_key in _keep_keys.get()

    # Nothing is deleted yet: record the text for this page and every English page below it
    # before deleting a translation takes its translated children (and their text) with it.
    english = [
        instance,
        *Page.objects.descendant_of(instance).filter(
            alias_of__isnull=True, locale_id=instance.locale_id
        ),
    ]
    for source in english:
        if source.pk in done["recorded"]:
            continue
        done["recorded"].add(source.pk)
        kept = source.translation_key in _keep_keys.get()
        for translated in translations_of(source).filter(alias_of__isnull=True):
            _record(source, translated, user, kept)

    for translated in translations_of(instance):
        if keep and translated.alias_of_id is None:
            continue
        # Skip a page already deleted with a translated ancestor.
        if Page.objects.filter(pk=translated.pk).exists():
            DeletePageAction(translated.specific, user=user).execute(skip_permission_checks=True)


def is_independent(page):
    """A page of another language kept when its English page was deleted."""
    return (
        page.locale.language_code != settings.LANGUAGE_CODE
        and page.alias_of_id is None
        and page.depth > 2
        and not Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).exists()
    )


def may_delete(user, page):
    """An independent page may be deleted by the language's reviewers (who may publish in its
    tree), not by its translators; the rest of a partner tree follows the English tree."""
    return is_independent(page) and page.permissions_for_user(user).can_publish()


class _TranslationFormatter(LogFormatter):
    def values(self, log_entry):
        data = log_entry.data or {}
        source = data.get("source") or {}
        count = len(data.get("segments") or [])
        return count, {
            "source": Truncator(source.get("title", "")).chars(80),
            "count": count,
        }


class DeletedFormatter(_TranslationFormatter):
    label = _("Delete a translation with its English page")

    def format_message(self, log_entry):
        count, values = self.values(log_entry)
        return (
            ngettext(
                "Deleted with its English page “%(source)s”. The %(count)s translated segment "
                "is kept in this entry.",
                "Deleted with its English page “%(source)s”. The %(count)s translated segments "
                "are kept in this entry.",
                count,
            )
            % values
        )


class KeptFormatter(_TranslationFormatter):
    label = _("Keep a translation as an independent page")

    def format_message(self, log_entry):
        count, values = self.values(log_entry)
        return (
            ngettext(
                "Kept as an independent page when its English page “%(source)s” was deleted. "
                "The %(count)s translated segment is kept in this entry.",
                "Kept as an independent page when its English page “%(source)s” was deleted. "
                "The %(count)s translated segments are kept in this entry.",
                count,
            )
            % values
        )


def register_log_actions(actions):
    actions.register_action(DELETED)(DeletedFormatter)
    actions.register_action(KEPT)(KeptFormatter)
