"""The "Translation status" admin page: where every English page and snippet stands in every
language (``table``), by one state function (``states``), shown as a Wagtail report
(``report``)."""

from translations.status.data import translatable_snippet_models
from translations.status.states import STATES, Cell
from translations.status.table import Row, Summary, TranslationStatus

__all__ = ["STATES", "Cell", "Row", "Summary", "TranslationStatus", "translatable_snippet_models"]
