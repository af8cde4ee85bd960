"""Where one English page or snippet stands in one language: the one state function.

``state_of`` reads the facts gathered for an item in a language (``Facts``) and answers its
state, the action that moves it on and, for outdated translations, when the English changed.
Pages and snippets share it; only the facts are gathered per kind (see ``table.py``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

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
LIVE_STATES = (PUBLISHED, PUBLISHED_MACHINE, PUBLISHED_ENGLISH, OUTDATED)
# States whose label carries the share of segments translated.
SHOWS_PROGRESS = (IN_PROGRESS, MACHINE)

TRANSLATE = "translate"  # start the translation (wagtail-localize's "Translate")
REVIEW = "review"
EDIT = "edit"
SYNC = "sync"  # the English changed since the last sync: sync it
UPDATE = "update"  # synced, but the translation was written before: update it
ACTIONS = {
    TRANSLATE: _("Translate"),
    REVIEW: _("Review"),
    EDIT: _("Open"),
    SYNC: _("Sync from English"),
    UPDATE: _("Update translation"),
}


@dataclass(frozen=True)
class Facts:
    """What is known of one English item in one language."""

    translated: bool  # a translation exists (for pages: a real page, not an alias)
    started: bool = False  # wagtail-localize holds a translation of the item
    # Still being written: a page translation that is not live yet; a snippet translation (live
    # from the start, with the English text in place) until all of its text is translated.
    unfinished: bool = False
    draft: bool = False  # changes not yet published
    in_review: bool = False
    sent_back: bool = False  # the reviewer asked for changes
    machine: bool = False  # some of its text is a machine draft nobody has edited
    progress: int | None = None  # % of segments translated
    english_changed_at: datetime | None = None  # the English changed since the last sync
    synced_at: datetime | None = None  # last sync, when this language's text predates it


@dataclass(frozen=True)
class Verdict:
    state: str
    action: str
    changed_at: datetime | None = None  # outdated: when the English changed


def state_of(facts):
    """The state of an item in a language, and what to do next."""
    if not facts.translated:
        return Verdict(IN_PROGRESS if facts.started else NOT_STARTED, TRANSLATE)
    if facts.in_review:
        return Verdict(AWAITING_REVIEW, REVIEW)
    if (facts.unfinished or facts.draft) and facts.machine:
        return Verdict(MACHINE, EDIT)
    if facts.unfinished or facts.sent_back:
        return Verdict(IN_PROGRESS, EDIT)
    if facts.english_changed_at is not None:
        # Editors sync every language; a language's team updates their own.
        return Verdict(OUTDATED, SYNC, facts.english_changed_at)
    if facts.synced_at is not None:
        return Verdict(OUTDATED, UPDATE, facts.synced_at)
    if facts.draft:
        return Verdict(IN_PROGRESS, EDIT)
    # Published: current only if a person wrote or reviewed all of its text.
    if facts.machine:
        return Verdict(PUBLISHED_MACHINE, EDIT)
    if facts.progress is not None and facts.progress < 100:
        return Verdict(PUBLISHED_ENGLISH, EDIT)
    return Verdict(PUBLISHED, EDIT)


@dataclass
class Cell:
    """One source item in one language, as the table and the exports show it."""

    language: str
    state: str
    progress: int | None = None  # % of segments translated, when a translation exists
    url: str = ""  # where to act: start, continue, review or sync the translation
    action: str = ""
    changed_at: datetime | None = None  # outdated: when the English source changed

    @property
    def label(self):
        return STATES[self.state]

    @property
    def text(self):
        """The label, with the share translated while the translation is being written."""
        if self.progress is not None and self.state in SHOWS_PROGRESS:
            return f"{self.label} ({self.progress}%)"
        return str(self.label)

    @property
    def action_label(self):
        return ACTIONS.get(self.action, "")
