"""The mentor pack's pages: add (from any resource page), the pack itself (remove, title,
download) and the PDF (of the pack, or of given pages: a guide's own PDF).

"Add to my pack" is a POST without a CSRF token (``csrf_exempt``): the button sits in resource
pages that the anonymous page cache keeps for every visitor, so it must be the same HTML for
everyone, and a token would tie a kept page to one visitor. The view only adds a public page to
the requester's own session (a forged request can at worst add an item the visitor can remove);
it is a POST, not a GET link, so crawlers and link prefetchers never create sessions. Removing
items is done from the pack page, which is never kept, with Django's CSRF protection.
"""

import re

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core.languages import language_name
from core.paths import local_path
from pack import items as pack_items
from pack.pdf import render_pdf
from resources.licences import DEFAULT_LICENCE, licence_label, licence_url

MAX_TITLE = 200
PAGE_ID = re.compile(r"[0-9]{1,12}")  # ASCII digits only: str.isdigit() takes "²", int() not


def _entries(request, items):
    language = translation.get_language()
    entries, skipped = pack_items.resolve(request, items, language)
    for entry in entries:
        entry.url = entry.page.get_full_url(request)
    return entries, skipped


@never_cache
@require_GET
def pack_page(request):
    return _pack_page(request)


def _pack_page(request, error="", status=200):
    items = pack_items.stored_items(request.session)
    entries, skipped = _entries(request, items)
    added = next((e for e in entries if e.item == request.GET.get("added")), None)
    return render(
        request,
        "pack/pack_page.html",
        {
            "entries": entries,
            "skipped": skipped,
            "added": added,
            "back": local_path(request.GET["back"]) if request.GET.get("back") else "",
            "error": error,
            "max_items": pack_items.MAX_ITEMS,
            "language_name": language_name(translation.get_language()),
        },
        status=status,
    )


@csrf_exempt
@never_cache
@require_POST
def add(request):
    page_id = request.POST.get("page", "")
    if not PAGE_ID.fullmatch(page_id):
        return _problem(request, _("Choose a resource to add to your pack."))
    page = pack_items.page_for_id(request, int(page_id))
    if page is None:
        return _problem(request, _("This resource is not available."), status=404)
    activity = request.POST.get("activity", "")
    item = pack_items.make_item(page.translation_key, activity)
    if activity and (
        pack_items.split_item(item) is None
        or pack_items.find_activity(page.specific, activity) is None
    ):
        return _problem(request, _("This activity is not part of the guide."))
    try:
        pack_items.add_item(request.session, item)
    except pack_items.PackFull:
        message = _("Your pack is full: it holds at most %(count)d items.") % {
            "count": pack_items.MAX_ITEMS
        }
        return _pack_page(request, error=message, status=400)
    query = urlencode({"added": item, "back": page.url or ""})
    return HttpResponseRedirect(f"{reverse('pack:page')}?{query}", status=303)


@never_cache
@require_POST
def remove(request):
    pack_items.remove_item(request.session, request.POST.get("item", ""))
    return HttpResponseRedirect(reverse("pack:page"), status=303)


@require_GET
def pdf(request):
    """The PDF of the visitor's pack, or of ``?ids=`` (page ids: a guide's own PDF)."""
    if "ids" in request.GET:
        items = _requested_items(request, request.GET["ids"].split(","))
        if isinstance(items, HttpResponse):
            return items
    else:
        items = pack_items.stored_items(request.session)
        if not items:
            return _problem(request, _("Your pack is empty: add resources to it first."))
    entries, _skipped = _entries(request, items)
    if not entries:
        return _problem(request, _("This resource is not available."), status=404)
    title = request.GET.get("title", "").strip()[:MAX_TITLE]
    if not title:
        title = entries[0].page.title if len(entries) == 1 else _("My mentor pack")
    content = render_pdf(
        {
            "title": title,
            "entries": entries,
            "today": timezone.localdate(),
            "default_licence": (licence_label(DEFAULT_LICENCE), licence_url(DEFAULT_LICENCE)),
            "language_name": language_name(translation.get_language()),
        },
        request=request,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="mentor-pack.pdf"'
    if "ids" not in request.GET:
        response["Cache-Control"] = "private, no-store"  # the visitor's own pack
    return response


def _requested_items(request, parts):
    """The items of ``?ids=`` (live public resources of this site), or a 4xx response."""
    if not all(PAGE_ID.fullmatch(part) for part in parts):
        return _problem(request, _("The list of resources is not valid."))
    ids = list(dict.fromkeys(int(part) for part in parts))
    if len(ids) > pack_items.MAX_ITEMS:
        message = _("A PDF holds at most %(count)d resources.") % {"count": pack_items.MAX_ITEMS}
        return _problem(request, message)
    keys = pack_items.keys_for_ids(request, ids)
    if len(keys) != len(ids):
        return _problem(request, _("This resource is not available."), status=404)
    return [str(keys[pk]) for pk in ids]


def _problem(request, message, status=400):
    return render(request, "pack/problem.html", {"message": message}, status=status)
