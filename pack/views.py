"""The mentor pack's pages: add (from any resource page), the pack itself (remove, title,
download) and the PDF (of the pack, or of given pages: a guide's own PDF).

"Add to my pack" is a POST without a CSRF token (``csrf_exempt``): the button sits in resource
pages that the anonymous page cache keeps for every visitor, so it must be the same HTML for
everyone, and a token would tie a kept page to one visitor. The view only adds a public page to
the requester's own session (a forged request can at worst add an item the visitor can remove);
it is a POST, not a GET link, so crawlers and link prefetchers never create sessions. Removing
items is done from the pack page, which is never kept, with Django's CSRF protection.
"""

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
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


def _entries(request, items):
    language = translation.get_language()
    entries, skipped = pack_items.resolve(request, items, language)
    for entry in entries:
        entry.url = entry.page.get_full_url(request)
    return entries, skipped


@never_cache
@require_GET
def pack_page(request, error="", status=200):
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
    if not page_id.isdigit() or len(page_id) > 12:
        return HttpResponseBadRequest(_("Choose a resource to add to your pack."))
    page = pack_items.page_for_id(request, int(page_id))
    if page is None:
        return _not_found(request)
    activity = request.POST.get("activity", "")
    item = pack_items.make_item(page.translation_key, activity)
    if activity and (
        pack_items.split_item(item) is None
        or pack_items.find_activity(page.specific, activity) is None
    ):
        return HttpResponseBadRequest(_("This activity is not part of the guide."))
    try:
        pack_items.add_item(request.session, item)
    except pack_items.PackFull:
        request.method = "GET"  # the pack page, answered with the error
        message = _("Your pack is full: it holds at most %(count)d items.") % {
            "count": pack_items.MAX_ITEMS
        }
        return pack_page(request, error=message, status=400)
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
    title = request.GET.get("title", "").strip()[:MAX_TITLE]
    if "ids" in request.GET:
        parts = request.GET["ids"].split(",")
        if not all(part.isdigit() and len(part) <= 12 for part in parts):
            return HttpResponseBadRequest(_("The list of resources is not valid."))
        ids = list(dict.fromkeys(int(part) for part in parts))
        if len(ids) > pack_items.MAX_ITEMS:
            return _too_many()
        keys = pack_items.keys_for_ids(request, ids)
        if len(keys) != len(ids):
            return _not_found(request)
        items = [str(keys[pk]) for pk in ids]
        private = False
    else:
        items = pack_items.stored_items(request.session)
        private = True
    entries, _skipped = _entries(request, items)
    if not entries:
        return _not_found(request) if not private else _empty(request)
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
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def _not_found(request):
    return render(
        request,
        "pack/problem.html",
        {"message": _("This resource is not available.")},
        status=404,
    )


def _empty(request):
    return render(
        request,
        "pack/problem.html",
        {"message": _("Your pack is empty: add resources to it first.")},
        status=400,
    )


def _too_many():
    return HttpResponseBadRequest(
        _("A PDF holds at most %(count)d resources.") % {"count": pack_items.MAX_ITEMS}
    )
