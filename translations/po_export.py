"""The translation editor's "Download PO file", with unreviewed machine translations marked.

Our view answers wagtail-localize's download URL (registered before theirs in
``translations/wagtail_hooks.py``). The file is theirs; every entry whose saved text is a machine
draft nobody has reviewed gets the ``fuzzy`` flag, which translation tools (Poedit, Lokalize,
Weblate…) show as "needs work". Uploading the file back keeps such an entry a machine draft
unless its text was changed or its ``fuzzy`` flag removed (``translations/pofile.py``).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404

from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.views.edit_translation import download_pofile as localize_download

import polib

from translations.access import can_work_in


def machine_entries(translation):
    """{(context path, English text)} of the translation's unreviewed machine drafts."""

    rows = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of__segments__source_id=translation.source_id,
        translation_of__segments__context_id=F("context_id"),
    ).values_list("context__path", "translation_of__data")
    return set(rows)


def mark_fuzzy(po_text, machine):
    po = polib.pofile(po_text, wrapwidth=200)
    for entry in po:
        marked = not entry.obsolete and (entry.msgctxt, entry.msgid) in machine
        if marked and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    return str(po)


def download_pofile(request, translation_id):

    translation = get_object_or_404(Translation.objects.select_related("source"), pk=translation_id)
    if not can_work_in(request.user, translation.target_locale_id):
        raise PermissionDenied
    response = localize_download(request, translation_id)
    if response.status_code != 200:
        return response
    machine = machine_entries(translation)
    if machine:
        charset = response.charset or "utf-8"
        response.content = mark_fuzzy(response.content.decode(charset), machine).encode(charset)
    return response
