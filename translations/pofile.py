"""Uploading a PO file to a translation, with a clear message for every bad file.

wagtail-localize's own upload view answers an empty file, or a PO file without its
translation header, with a server error; a damaged file with "Please upload a valid PO file."
and a file of another page or language with "Cannot import PO file that was created for a
different translation." (neither translated into Bulgarian, Greek or Portuguese); and it
reports success even when entries were skipped. ``import_upload`` checks the file first, says
what is wrong and what to do, and imports nothing from a file that does not belong to the
translation. The import itself is wagtail-localize's (``Translation.import_po``); text that it
replaces is kept in the History (``translations/history.py``).
"""

import codecs
import contextlib
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_localize.models import StringTranslation, Translation

import polib

from translations.history import is_someone_elses
from translations.po_syntax import first_syntax_error

HEADER = "X-WagtailLocalize-TranslationID"
TOOL_NAME = "PO File"  # what wagtail-localize records as the tool of an uploaded PO file


@dataclass
class Outcome:
    errors: list = field(default_factory=list)
    successes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


class BadFile(Exception):
    pass


def import_upload(translation, upload, user):
    """Check ``upload`` (an uploaded file or None) and import it into ``translation``."""
    outcome = Outcome()
    name = getattr(upload, "name", "") or ""
    try:
        po = _parse(upload.read() if upload else b"", name)
        _check_belongs(po, translation, name)
    except BadFile as problem:
        nothing = _("Nothing was imported: the translations already saved are unchanged.")
        outcome.errors.append(f"{problem} {nothing}")
        return outcome

    before = _saved(translation)
    warnings = translation.import_po(po, user=user, tool_name=TOOL_NAME)
    # Obsolete entries are old translations wagtail-localize adds to the file for reference.
    skipped = [w for w in warnings if not po[w.index].obsolete]
    confirmed = _confirm_machine_drafts(translation, po, user)
    after = _saved(translation)
    changed = [
        key for key, (text, _author, _type) in after.items() if before.get(key, (None,))[0] != text
    ]
    replaced = [
        key
        for key in changed
        if key in before
        and is_someone_elses(before[key][1], before[key][2], getattr(user, "pk", None))
    ]
    if changed:
        outcome.successes.append(
            ngettext(
                "Imported %(count)s translation from “%(file)s”.",
                "Imported %(count)s translations from “%(file)s”.",
                len(changed),
            )
            % {"count": len(changed), "file": name}
        )
    elif not confirmed:
        outcome.warnings.append(
            _("“%(file)s” has no new translations: nothing was changed.") % {"file": name}
        )
    if confirmed:
        outcome.successes.append(
            ngettext(
                "Confirmed %(count)s machine translation from “%(file)s”.",
                "Confirmed %(count)s machine translations from “%(file)s”.",
                confirmed,
            )
            % {"count": confirmed, "file": name}
        )
    if replaced:
        outcome.warnings.append(
            ngettext(
                "%(count)s of them replaced a translation that someone else had saved; the "
                "earlier text is kept in the History.",
                "%(count)s of them replaced translations that someone else had saved; the "
                "earlier texts are kept in the History.",
                len(replaced),
            )
            % {"count": len(replaced)}
        )
    if skipped:
        outcome.warnings.append(
            ngettext(
                "%(count)s entry of the file was not imported: its English text is no longer "
                "in this translation (the English version changed after the file was "
                "downloaded).",
                "%(count)s entries of the file were not imported: their English text is no "
                "longer in this translation (the English version changed after the file was "
                "downloaded).",
                len(skipped),
            )
            % {"count": len(skipped)}
        )
    return outcome


def _parse(data, name):
    if not data.strip():
        raise BadFile(_("The uploaded file is empty."))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    _check_syntax(data, name)
    # polib.pofile() reads a file name as well as file contents: never pass it uploaded text.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as f:
        f.write(data)
    try:
        return polib.pofile(f.name)
    except (OSError, UnicodeError, ValueError, LookupError) as error:
        raise BadFile(_describe_unreadable(data, name, error)) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(f.name)


def _check_syntax(data, name):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # described by _describe_unreadable
    if "msgid" not in text:
        return
    line = first_syntax_error(text)
    if line is not None:
        raise BadFile(_invalid(name, line))


def _invalid(name, line):
    return _("“%(file)s” is not a valid PO file: there is a mistake on line %(line)s.") % {
        "file": name,
        "line": line,
    }


def _describe_unreadable(data, name, error):
    try:
        data.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    looks_like_po = b"msgid" in data or b"m\x00s\x00g\x00i\x00d" in data
    if not utf8 and (looks_like_po or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        return _(
            "“%(file)s” is not saved as UTF-8 text. Save it again with the UTF-8 encoding, "
            "then upload it."
        ) % {"file": name}
    line = re.search(r"\(line (\d+)\)", str(error))
    if line and utf8 and looks_like_po:
        return _invalid(name, line.group(1))
    return _(
        "“%(file)s” is not a PO file. Upload the file that “Download PO file” gave you, with "
        "the translations filled in."
    ) % {"file": name}


def _check_belongs(po, translation, name):

    value = (po.metadata.get(HEADER) or "").strip()
    if value == str(translation.uuid):
        return
    other = None
    with contextlib.suppress(ValueError):
        other = (
            Translation.objects.filter(uuid=uuid.UUID(value))
            .select_related("source", "target_locale")
            .first()
        )
    if other is None:
        raise BadFile(
            _(
                "“%(file)s” does not belong to any translation here: it was not made with "
                "“Download PO file”, or its translation has been deleted."
            )
            % {"file": name}
        )
    values = {
        "file": name,
        "file_language": str(other.target_locale.get_display_name()),
        "file_title": other.source.object_repr,
        "language": str(translation.target_locale.get_display_name()),
        "title": translation.source.object_repr,
    }
    if other.source.object_id == translation.source.object_id:
        raise BadFile(
            _(
                "“%(file)s” belongs to another language of “%(title)s” (%(file_language)s), "
                "not to this translation (%(language)s)."
            )
            % values
        )
    raise BadFile(
        _(
            "“%(file)s” belongs to another page or item, “%(file_title)s” (%(file_language)s), "
            "not to “%(title)s” (%(language)s)."
        )
        % values
    )


def _confirm_machine_drafts(translation, po, user):
    """An entry whose text is still the machine draft but no longer flagged ``fuzzy`` (see
    ``translations/po_export.py``): the translator confirmed it. Returns how many."""

    drafts = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).select_related("context", "translation_of")
    entries = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in po
        if not entry.obsolete and "fuzzy" not in entry.flags and entry.msgstr
    }
    confirmed = [
        draft.pk
        for draft in drafts
        if entries.get((draft.context.path, draft.translation_of.data)) == draft.data
    ]
    StringTranslation.objects.filter(pk__in=confirmed).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        tool_name=TOOL_NAME,
        last_translated_by=user if getattr(user, "pk", None) else None,
        updated_at=timezone.now(),
    )
    return len(confirmed)


def _saved(translation):
    """The segments saved for ``translation``: {(string, context): (text, author, type)}."""

    rows = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale_id=translation.target_locale_id
    ).values_list(
        "translation_of_id", "context_id", "data", "last_translated_by_id", "translation_type"
    )
    return {(string, context): (text, author, kind) for string, context, text, author, kind in rows}
