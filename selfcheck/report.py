"""The admin's "Self-check answers": per statement (in English), how many shared answers chose
each answer option (``selfcheck.check.options``: the live scale, in the admin's language), per
language. Counted in Python from one query over the shared rows (each row a few numbers)."""

from django.conf import settings
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.languages import language_name
from selfcheck.check import options
from selfcheck.models import SharedAnswers, Statement

PERMISSION = "selfcheck.add_statement"  # the editors (translators and reviewers cannot add)


def aggregates(scale):
    """(languages, rows, totals): each row a statement's number, English text and, per
    language, the count of each value of the options ``scale``; totals: shared rows per
    language."""
    values = [option.value for option in scale]
    languages = [code for code, _name in settings.LANGUAGES]
    counts, totals = {}, dict.fromkeys(languages, 0)
    for language, answers in SharedAnswers.objects.values_list("language", "answers"):
        if language not in totals or not isinstance(answers, dict):
            continue
        totals[language] += 1
        for number, value in answers.items():
            if value in values:
                key = (str(number), language, value)
                counts[key] = counts.get(key, 0) + 1
    statements = Statement.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
        "number", "text"
    )
    rows = [
        {
            "number": number,
            "text": text,
            "cells": [
                [counts.get((str(number), code, value), 0) for value in values]
                for code in languages
            ],
        }
        for number, text in statements
    ]
    return [(code, language_name(code)) for code in languages], rows, totals


@method_decorator(permission_required(PERMISSION), name="dispatch")
class SelfCheckReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "selfcheck/admin/report.html"
    page_title = _("Self-check answers")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scale = options(translation.get_language())
        languages, rows, totals = aggregates(scale)
        context.update(
            languages=languages,
            rows=rows,
            totals=[totals[code] for code, _name in languages],
            choices=scale,
        )
        return context
