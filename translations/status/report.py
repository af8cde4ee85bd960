"""The "Translation status" admin page: a Wagtail report (its filters a django-filter filter set,
its CSV and XLSX exports Wagtail's), one row per English page or snippet, one column per
language."""

from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.reports import ReportView

import django_filters

from translations.status.states import STATES
from translations.status.table import TranslationStatus


def language_choices():
    return [
        (code, get_language_info(code)["name_translated"])
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def content_type_choices():
    return TranslationStatus().content_type_choices()


class StatusFilterSet(WagtailFilterSet):
    """Narrows a ``TranslationStatus`` (not a queryset): to one language's column, one content
    type's rows, the rows with a cell in one state."""

    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, empty_label=_("All"), method="by_language"
    )
    type = django_filters.ChoiceFilter(
        label=_("Content type"),
        choices=content_type_choices,
        empty_label=_("All"),
        method="by_type",
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=list(STATES.items()), empty_label=_("All"), method="by_state"
    )

    def by_language(self, status, name, value):
        return status.filtered(languages=[value])

    def by_type(self, status, name, value):
        return status.filtered(content_type=value)

    def by_state(self, status, name, value):
        return status.filtered(state=value)

    def filter_queryset(self, status):
        # django-filter's own checks that each filter returns a QuerySet.
        for name, value in self.form.cleaned_data.items():
            status = self.filters[name].filter(status, value)
        return status


class SourceColumn(BaseColumn):
    """The English page or snippet: the row's header, a link to its editor."""

    cell_template_name = "translations/status_source_cell.html"


class LanguageColumn(BaseColumn):
    """One language: the item's state there, and a link to act on it."""

    header_template_name = "translations/status_language_header.html"
    cell_template_name = "translations/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["cell"] = instance.cells[self.name]
        return context


def quote_formula(value):
    """Spreadsheet programs run text starting with = + - @ as a formula: quote it."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


class TranslationStatusView(ReportView):
    page_title = _("Translation status")
    header_icon = "site"
    results_template_name = "translations/status_results.html"
    index_url_name = "translations:status"
    index_results_url_name = "translations:status_results"
    filterset_class = StatusFilterSet
    paginate_by = None  # one table: the summaries above it count every row
    export_filename = "translation-status"
    table_classname = "listing translation-status"
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: quote_formula, ReportView.FORMAT_XLSX: quote_formula},
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        return {**kwargs, "queryset": TranslationStatus(user=self.request.user)}

    @cached_property
    def status(self):
        """The table for this user, narrowed by the filters; invalid filters match nothing."""
        if not self.filters.is_valid():
            return self.filters.queryset.none()
        return self.filters.filter_queryset(self.filters.queryset)

    @cached_property
    def languages(self):
        return [
            (code, get_language_info(code)["name_translated"]) for code in self.status.languages
        ]

    def get_queryset(self):
        return self.status.rows

    def get_filtered_queryset(self):
        return self.get_queryset()  # the filters narrowed the table before its rows were made

    @cached_property
    def columns(self):
        return [
            SourceColumn("title", label=_("English source")),
            Column("type_label", label=_("Type")),
            *(LanguageColumn(code, label=name) for code, name in self.languages),
        ]

    def get_table_kwargs(self):
        caption = _("Translation status of every English page and snippet, by language")
        return {**super().get_table_kwargs(), "caption": caption}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summaries"] = self.status.summaries()
        return context

    # The spreadsheet exports: title, type, kind, then each language's state and progress.
    @cached_property
    def list_export(self):
        fields = ["title", "type_label", "kind_label"]
        for code, _name in self.languages:
            fields += [code, f"{code}_progress"]
        return fields

    @cached_property
    def export_headings(self):
        headings = {
            "title": gettext("Title"),
            "type_label": gettext("Type"),
            "kind_label": gettext("Kind"),
        }
        for code, name in self.languages:
            headings[code] = name
            headings[f"{code}_progress"] = gettext("%(language)s progress (%%)") % {
                "language": name
            }
        return headings

    def to_row_dict(self, item):
        values = OrderedDict(
            title=item.title, type_label=str(item.type_label), kind_label=str(item.kind_label)
        )
        for code, _name in self.languages:
            cell = item.cells[code]
            values[code] = str(cell.label)
            values[f"{code}_progress"] = cell.progress
        return values

    def stream_csv(self, queryset):
        yield "\ufeff".encode()  # so spreadsheet programs read the file as UTF-8
        yield from super().stream_csv(queryset)
