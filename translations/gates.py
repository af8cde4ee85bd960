"""Review is the only door to a partner language's public site: the wagtail-localize routes that
could open another one, closed for everybody (administrators included where it is about drafts).

* "Translate this page" and "Sync translated pages" need a live source page: the page row of an
  unpublished page holds its draft, which must reach no translator (the page editor already
  hides these actions on drafts; the views did not check).
* "Sync translated pages" with "Publish immediately" publishes every language at once: only for
  someone who may publish in each of those languages (a reviewer of every one, or an
  administrator), never for an editor of the English source.
* "Convert to alias page" on a live translation replaces the reviewed text by the English one on
  the public site: only for someone who may publish that page (its language's reviewers).
* The translation editor of a page whose source is not live shows the draft's text: closed to
  everybody but administrators.
* Wagtail's "Convert this alias into an ordinary page" (its view and the admin page API's
  action) on the alias of a page in another language: closed to everybody. It would start a
  translation without wagtail-localize's record of it, leaving a withdrawn draft of the English
  text that "Translate this page", the translation editor, sync and "Convert to alias page" no
  longer reach. "Translate this page" is the way to start one (wagtail-localize offers only it).
"""

from django.db.models import F

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from translations.access import can_work_in, is_unrestricted


def _truthy(value):
    return value not in (None, "", "0", "false", "off")


def source_is_live_page(source):
    """False for a page source whose page is not live (a draft); True otherwise."""
    model = source.specific_content_type.model_class()
    if model is None or not issubclass(model, Page):
        return True
    return Page.objects.filter(
        translation_key=source.object_id, locale_id=source.locale_id, live=True
    ).exists()


def _can_publish_all_targets(user, source):
    locale_ids = source.translations.filter(enabled=True).values_list("target_locale_id", flat=True)
    model = source.specific_content_type.model_class()
    if model is None:
        return False
    if issubclass(model, Page):
        pages = Page.objects.filter(translation_key=source.object_id, locale_id__in=locale_ids)
        return all(page.permissions_for_user(user).can_publish() for page in pages)
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}") and all(
        can_work_in(user, locale_id) for locale_id in locale_ids
    )


def review_gate_allows(request, url_name, kwargs):
    """For ``translations.middleware``: False when the wagtail-localize view must be refused."""
    user = request.user
    if url_name == "submit_page_translation":
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
        return page is None or page.live
    if url_name == "update_translations":
        source = TranslationSource.objects.filter(pk=kwargs.get("translation_source_id")).first()
        if source is None:
            return True
        if not source_is_live_page(source):
            return False
        if request.method == "POST" and _truthy(request.POST.get("publish_translations")):
            return _can_publish_all_targets(user, source)
        return True
    if url_name == "convert_to_alias":
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
        return page is None or not page.live or page.permissions_for_user(user).can_publish()
    return True


def alias_conversion_allowed(page_id):
    """False when page ``page_id`` is the alias of a page in another language."""
    return not (
        Page.objects.filter(pk=page_id, alias_of__isnull=False)
        .exclude(alias_of__locale_id=F("locale_id"))
        .exists()
    )


def translation_editor_allowed(user, page):
    """``before_edit_page``: a translation of an unpublished source is not shown to translators."""
    if is_unrestricted(user) or page.alias_of_id is not None:
        return True
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    return translation is None or source_is_live_page(translation.source)
