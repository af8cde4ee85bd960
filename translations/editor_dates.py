"""Dates in wagtail-localize's translation editor in the translator's language.

wagtail-localize writes "Translated manually on 4 December 2026" (and "Machine translated on…",
"Translated with … on…") with ``strftime``, whose month names are the C library's English ones
whatever the admin language. The comment is re-made here with the same messages (so their
translations apply) and Django's localised date format.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wagtail_localize.models import StringTranslation


def localised_date(value):
    return date_format(localtime(value), "DATE_FORMAT")


def get_comment(self):
    date = localised_date(self.updated_at)
    if self.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=self.tool_name, date=date
        )
    if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def install():
    """Called once from ``TranslationsConfig.ready``."""
    StringTranslation.get_comment = get_comment
