"""/<lang>/self-check/: the questionnaire (a GET form) and, with answers in the address, the
recommendations (a shareable address that stores nothing). Sharing the answers for statistics
is a separate POST, only when the visitor ticks the box."""

from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from selfcheck import check
from selfcheck.models import SharedAnswers

MAX_QUERY = 1000  # characters of a query string: 12 answers take about 60


def too_long(request):
    return len(request.META.get("QUERY_STRING", "")) > MAX_QUERY


def answered_query(shown):
    return urlencode([(s.name, s.answer) for s in shown if s.answer is not None])


@require_GET
def self_check(request):
    if too_long(request):
        return HttpResponseBadRequest(_("This address is too long."))
    language = translation.get_language()
    shown = check.statements(language)
    scale = check.options(language)
    answered = check.parse_answers(request.GET, shown, scale)
    groups = check.recommend(shown, language) if answered else []
    query = answered_query(shown)
    return render(
        request,
        "selfcheck/self_check.html",
        {
            "statements": shown,
            "answered": answered,
            "groups": groups,
            "choices": scale,
            "query": query,
            "pack_ids": ",".join(str(item.page.pk) for _kind, items in groups for item in items),
            "shared": request.GET.get("shared") == "1",
        },
    )


@require_POST
def share(request):
    """Store the answers of the form anonymously (opted in), then back to the result."""
    language = translation.get_language()
    shown = check.statements(language)
    answered = check.parse_answers(request.POST, shown, check.options(language))
    if request.POST.get("consent") != "1" or not answered:
        return HttpResponseBadRequest(_("Tick the box to share your answers."))
    SharedAnswers.objects.create(
        language=language,
        answers={str(s.number): s.answer for s in shown if s.answer is not None},
    )
    return HttpResponseRedirect(
        f"{reverse('selfcheck:page')}?{answered_query(shown)}&shared=1", status=303
    )
