"""Dates as each language writes them: ``{{ value|long_date }}`` ("4 декември 2026 г.",
"4 Δεκεμβρίου 2026", "4 de dezembro de 2026", "4 December 2026"), from the CLDR data that
Babel ships, in the active language. Put it inside ``<time datetime="{{ value|iso_date }}">``.
"""

import datetime

from django import template
from django.conf import settings
from django.utils import timezone, translation

from babel.core import UnknownLocaleError
from babel.dates import format_date

register = template.Library()

# The CLDR locale of a portal language where it is not the language code itself: a European
# project writes English dates day first.
CLDR_LOCALES = {"en": "en_GB"}


def as_date(value):
    """The calendar date of ``value`` (a datetime in the site's time zone), or ``None``."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None


@register.filter
def long_date(value, code=None):
    """``value``'s long form in language ``code`` (the active language by default)."""
    day = as_date(value)
    if day is None:
        return ""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return format_date(day, format="long", locale=CLDR_LOCALES.get(code, code))
    except (UnknownLocaleError, ValueError):  # a language CLDR does not know: English
        return format_date(day, format="long", locale=CLDR_LOCALES[settings.LANGUAGE_CODE])


@register.filter
def iso_date(value):
    """``value`` as YYYY-MM-DD (a ``<time>`` element's ``datetime``)."""
    day = as_date(value)
    return day.isoformat() if day else ""
