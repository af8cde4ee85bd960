"""Find interface text left in English on an admin screen or in an e-mail.

The English catalogues of wagtail (core), wagtail.admin, wagtail.snippets, wagtail_localize and the
portal's own
``locale/`` list every interface string the translator's screens can show. A text shown to a
user of language ``lang`` that equals one of those English msgids (or matches one with its
placeholders filled in) is "left untranslated" unless the language's catalogues translate it
to itself on purpose (a word that is the same in both languages).
"""

import functools
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

import wagtail
import wagtail_localize

import polib

WAGTAIL = Path(wagtail.__file__).parent
CATALOGUES = [
    WAGTAIL,  # core: page fields, workflow actions and states ("Request changes", "Approved")
    WAGTAIL / "admin",
    WAGTAIL / "snippets",
    Path(wagtail_localize.__file__).parent,
    Path(settings.BASE_DIR),
]
JS_PACKAGES = ["wagtail.admin", "wagtail_localize"]
# %(name)s, %s, %d, {name}, {0}, {}: filled in at render time.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[sdif]|\{\w*\}")
# Texts that are not interface strings even when a catalogue happens to contain them.
IGNORED = {"", "Wagtail", "SoftComInVET", "PO", "ID", "URL", "CSV", "XLSX", "OK"}
# English that Wagtail 8 / wagtail-localize 1.14 write without gettext, or translate once at
# import time, so no catalogue can change them. They count as untranslated only when the
# language's catalogues lack them too (then the day Wagtail fixes its code they would show).
HARD_CODED = {
    "Actions": 'aria-label="Actions" in wagtailadmin/shared/headers/_actions.html',
    "Search": '<input value="Search"> in wagtailadmin/home.html and shared/header.html',
    "More actions": "wagtail-localize's editor (JS) writes it without gettext",
    "Locale": "wagtail.admin.ui.tables.LocaleColumn: gettext() when the viewset is built",
}


@functools.cache
def english_msgids():
    """(exact msgids, [(regex, msgid)] for msgids with placeholders)."""
    exact, patterns = set(), []
    own = sorted(Path(settings.BASE_DIR).glob("locale/*/LC_MESSAGES/*.po"))  # new strings too
    for root in CATALOGUES:
        found = sorted((root / "locale" / "en" / "LC_MESSAGES").glob("*.po"))
        for po_path in own if root == Path(settings.BASE_DIR) else found:
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete:
                    continue
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    msgid = " ".join(msgid.split())
                    if msgid in IGNORED:
                        continue
                    if not PLACEHOLDER.search(msgid):
                        exact.add(msgid)
                        exact.add(msgid[:1].upper() + msgid[1:])  # a field's label: "Slug"
                        continue
                    literal = PLACEHOLDER.sub(" ", msgid)
                    if len(re.findall(r"[A-Za-z]{2,}", literal)) < 2:
                        continue  # "%(title)s" or "%(count)s items": too vague to recognise
                    parts = [re.escape(p) for p in PLACEHOLDER.split(msgid)]
                    patterns.append((re.compile(".+?".join(parts), re.DOTALL), msgid))
    return frozenset(exact), tuple(patterns)


@functools.cache
def _translated_to_itself(lang):
    """msgids that ``lang``'s catalogues (server and JavaScript) deliberately leave as they are."""
    same = set()
    catalogues = [DjangoTranslation(lang)._catalog]
    js_paths = JavaScriptCatalog().get_paths(JS_PACKAGES)
    catalogues.append(DjangoTranslation(lang, domain="djangojs", localedirs=js_paths)._catalog)
    for catalogue in catalogues:
        for key, value in catalogue.items():
            msgid = key[0] if isinstance(key, tuple) else key
            if isinstance(msgid, str) and msgid == value:
                same.add(" ".join(msgid.split()))
    return frozenset(same)


def english_in(texts, lang, content=()):
    """The texts (of a page shown in ``lang``) that are English interface strings.

    ``content``: texts that are content, not interface (an English page's title, say)."""
    exact, patterns = english_msgids()
    same = _translated_to_itself(lang)
    found = {}
    for raw in texts:
        text = " ".join(str(raw).split())
        if len(text) < 2 or text in IGNORED or text in same or text in content:
            continue
        if text[:1].lower() + text[1:] in same:
            continue  # a field's label, capitalised: "Slug" from "slug"
        if text in HARD_CODED and gettext_in(lang, text) != text:
            continue
        if text in exact:
            found[text] = text
            continue
        for pattern, msgid in patterns:
            if msgid not in same and pattern.fullmatch(text):
                found[text] = msgid
                break
    return found


def gettext_in(lang, message):
    with translation.override(lang):
        return translation.gettext(message)
