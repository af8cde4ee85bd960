"""Narrow wagtail-localize's admin views to the languages a user works in.

wagtail-localize checks only page permissions or per-model snippet permissions, so a Bulgarian
translator with "change soft skill" could otherwise edit, export or machine-translate the Greek
translation of a skill. Its views are plain functions and DRF views, not behind Wagtail hooks;
this middleware looks at the resolved view before it runs. It does the same for Wagtail's page
views that no hook guards (``page_action_allowed``).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseForbidden

from wagtail.admin.auth import permission_denied
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from translations.access import can_work_in, is_unrestricted
from translations.gates import alias_conversion_allowed, review_gate_allows
from translations.review import announce_review_outcome

SUBMIT_VIEWS = {"submit_page_translation", "submit_snippet_translation"}
API_VIEWS = {"edit_string_translation", "edit_override"}
# Wagtail's page views that the portal's hooks do not reach: "convert alias" (Wagtail calls no
# hook that also guards its other route) and the admin page API's actions (publish, unpublish,
# delete, move, copy, convert alias…: no ``before_*`` hook at all, and nothing in the admin
# calls them). View name -> its page argument.
PAGE_API_ACTION = "wagtailadmin_api:pages:action"
PAGE_ACTIONS_UNHOOKED = {"wagtailadmin_pages:convert_alias": "page_id", PAGE_API_ACTION: "pk"}


def _deny(request, url_name):
    if url_name in API_VIEWS or request.headers.get("x-requested-with") == "XMLHttpRequest":
        return HttpResponseForbidden()
    return permission_denied(request)


class TranslationLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        announce_review_outcome(request, response)  # "Approved" after a reviewer's action
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        if match.namespace.startswith("wagtailsnippets_"):
            return self.snippet_view(request, match, view_kwargs)
        if match.view_name in PAGE_ACTIONS_UNHOOKED and request.user.is_authenticated:
            if not self.page_action_allowed(request, match, view_kwargs):
                return _deny(request, match.url_name)
            return None
        if "wagtail_localize" not in match.namespaces:
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        if not review_gate_allows(request, match.url_name, view_kwargs):
            return _deny(request, match.url_name)
        if is_unrestricted(user):
            return None
        if not self.allowed(request, match.url_name, view_kwargs):
            return _deny(request, match.url_name)
        return None

    def page_action_allowed(self, request, match, kwargs):
        """Never "convert alias" on a translation alias (``gates.alias_conversion_allowed``);
        the admin page API's actions only for administrators."""
        api = match.view_name == PAGE_API_ACTION
        converts = not api or kwargs.get("action_name") == "convert_alias"
        page_id = kwargs.get(PAGE_ACTIONS_UNHOOKED[match.view_name])
        if converts and not alias_conversion_allowed(page_id):
            return False
        return not api or is_unrestricted(request.user)

    def snippet_view(self, request, match, kwargs):
        """Every view of one translatable snippet (edit, delete, publish, unpublish, history,
        revisions, workflow actions, lock, usage…) only in the user's languages: Wagtail's
        snippet permissions are per model, and only some of these views call a hook."""
        user = request.user
        if "pk" not in kwargs or not user.is_authenticated or is_unrestricted(user):
            return None
        model = getattr(match.func, "view_class", None)
        model = getattr(model, "model", None) if model else None
        if model is None:
            model = _snippet_model(match.namespace)
        if model is None or not issubclass(model, TranslatableMixin):
            return None
        pk = str(kwargs["pk"])
        locale_id = (
            model.objects.filter(pk=pk).values_list("locale_id", flat=True).first()
            if pk.isdigit()
            else None
        )
        if locale_id is not None and not can_work_in(user, locale_id):
            return _deny(request, match.url_name)
        return None

    def allowed(self, request, url_name, kwargs):

        if "translation_id" in kwargs:
            locale_id = (
                Translation.objects.filter(pk=kwargs["translation_id"])
                .values_list("target_locale_id", flat=True)
                .first()
            )
            return locale_id is None or can_work_in(request.user, locale_id)
        if url_name == "update_translations":
            # Syncing rewrites every language's translation from the source: source editors only.
            locale_id = (
                TranslationSource.objects.filter(pk=kwargs["translation_source_id"])
                .values_list("locale_id", flat=True)
                .first()
            )
            return locale_id is None or can_work_in(request.user, locale_id)
        if url_name in SUBMIT_VIEWS and request.method == "POST":
            wanted = request.POST.getlist("locales")
            locales = Locale.objects.filter(pk__in=[v for v in wanted if v.isdigit()])
            if len(wanted) == locales.count() and _source_page_editor(request, url_name, kwargs):
                # Starting translations publishes nothing (they start as drafts): whoever works
                # on an English page may send it to every language at once.
                return True
            return all(can_work_in(request.user, locale.pk) for locale in locales) and (
                len(wanted) == locales.count()
            )
        if url_name == "convert_to_alias":
            return _page_locale_allowed(request, kwargs)
        return True


def _source_page_editor(request, url_name, kwargs):
    """``request.user`` works on the source-language page being sent for translation."""

    if url_name == "submit_snippet_translation":
        return _source_snippet_editor(request, kwargs)
    if url_name != "submit_page_translation":
        return False
    page = Page.objects.filter(pk=kwargs.get("page_id")).select_related("locale").first()
    return (
        page is not None
        and page.locale.language_code == settings.LANGUAGE_CODE
        and can_work_in(request.user, page.locale_id)
        and page.permissions_for_user(request.user).can_edit()
    )


def _page_locale_allowed(request, kwargs):

    locale_id = Page.objects.filter(pk=kwargs.get("page_id")).values_list("locale_id", flat=True)
    locale_id = locale_id.first()
    return locale_id is None or can_work_in(request.user, locale_id)


def _source_snippet_editor(request, kwargs):
    """``request.user`` may change the source-language snippet being sent for translation:
    its translations start as drafts reviewed per language (``translations.snippet_review``),
    so sending it to every language publishes nothing."""

    try:
        model = ContentType.objects.get_by_natural_key(
            kwargs.get("app_label"), kwargs.get("model_name")
        ).model_class()
    except ContentType.DoesNotExist:
        return False
    if model is None or not issubclass(model, DraftStateMixin):
        return False
    pk = str(kwargs.get("pk", ""))
    obj = model.objects.filter(pk=pk).select_related("locale").first() if pk.isdigit() else None
    opts = model._meta
    return (
        obj is not None
        and obj.locale.language_code == settings.LANGUAGE_CODE
        and can_work_in(request.user, obj.locale_id)
        and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def _snippet_model(namespace):
    """The model of a ``wagtailsnippets_<app_label>_<model_name>`` URL namespace, or None."""

    for model in apps.get_models():
        opts = model._meta
        if namespace == f"wagtailsnippets_{opts.app_label}_{opts.model_name}":
            return model
    return None
