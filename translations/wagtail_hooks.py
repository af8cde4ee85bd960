"""Admin: translation status page and dashboard panel, review submission, and the per-language
limits that Wagtail and wagtail-localize do not enforce on their own."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page, TranslatableMixin

import translations.machine_admin  # noqa: F401 -- registers its hooks: unreviewed machine text
from translations import review_hooks, snippet_review, urls  # noqa: F401 -- review_hooks registers hooks
from translations.access import can_work_in, is_unrestricted, team_language
from translations.deletion import choose_from_request, may_delete, register_log_actions
from translations.gates import translation_editor_allowed
from translations.history import ACTION, ReplacedTextFormatter
from translations.notifications import outdated_translations
from translations.po_export import download_pofile
from translations.review import can_submit_for_review
from translations.status import TranslationStatus
from translations.sync import creating_in_admin
from translations.views import upload_pofile

hooks.register("snippet_list_language", team_language)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("translation-status/", include((urls, "translations"), namespace="translations"))]


@hooks.register("register_admin_urls", order=-100)
def replace_po_upload_url():
    """Our "Upload PO file" (clear messages for bad files) at wagtail-localize's URL, listed
    before theirs so that it is the one that answers; ``reverse("wagtail_localize:upload_pofile")``
    still gives this URL."""

    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_pofile,
            name="translations_upload_pofile",
        ),
        # "Download PO file": unreviewed machine translations marked ``#, fuzzy``.
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            download_pofile,
            name="translations_download_pofile",
        ),
    ]


@hooks.register("register_log_actions")
def register_replaced_text_action(actions):

    actions.register_action(ACTION)(ReplacedTextFormatter)


@hooks.register("register_log_actions")
def register_deletion_actions(actions):
    register_log_actions(actions)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translations:status"),
        name="translation-status",
        icon_name="site",
        order=250,
    )


class TranslationStatusPanel(Component):
    name = "translation_status"
    order = 150
    template_name = "translations/dashboard_panel.html"

    def get_context_data(self, parent_context):
        return {"summaries": TranslationStatus().summaries()}


@hooks.register("construct_homepage_panels")
def add_status_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(TranslationStatusPanel())


def _check_locale(request, instance):
    if isinstance(instance, TranslatableMixin) and not can_work_in(
        request.user, instance.locale_id
    ):
        raise PermissionDenied


@hooks.register("before_edit_snippet", order=-100)
def snippet_edit_in_own_language(request, instance):
    _check_locale(request, instance)


@hooks.register("before_delete_snippet", order=-100)
def snippet_delete_in_own_language(request, instances):
    for instance in instances:
        _check_locale(request, instance)


@hooks.register("before_create_snippet", order=-100)
def snippet_create_in_own_language(request, model):

    if not issubclass(model, TranslatableMixin):
        return
    code = request.GET.get("locale") or settings.LANGUAGE_CODE
    locale = Locale.objects.filter(language_code=code).first()
    if locale is not None and not can_work_in(request.user, locale.pk):
        raise PermissionDenied


def _partner_tree_structure(request, page):
    """Partner trees follow the English tree: only the source team moves or deletes pages."""
    if page.locale.language_code != settings.LANGUAGE_CODE and not is_unrestricted(request.user):
        raise PermissionDenied
    if not can_work_in(request.user, page.locale_id):
        raise PermissionDenied


@hooks.register("before_move_page", order=-100)
def move_only_in_source_tree(request, page, destination):
    _partner_tree_structure(request, page)


@hooks.register("before_delete_page", order=-100)
def delete_only_in_source_tree(request, page):
    if not may_delete(request.user, page):
        _partner_tree_structure(request, page)
    choose_from_request(request, [page])


@hooks.register("before_bulk_action", order=-100)
def bulk_actions_in_own_language(request, action_type, objects, action_class_instance):
    for obj in objects:
        if isinstance(obj, Page) and action_type in ("delete", "move", "unpublish"):
            if not (action_type == "delete" and may_delete(request.user, obj)):
                _partner_tree_structure(request, obj)
        elif isinstance(obj, TranslatableMixin):
            _check_locale(request, obj)
    if action_type == "delete":
        choose_from_request(request, [obj for obj in objects if isinstance(obj, Page)])


@hooks.register("after_publish_page")
def tell_editor_about_outdated_translations(request, page):

    if page.locale.language_code != settings.LANGUAGE_CODE:
        return
    outdated = outdated_translations(page)
    if not outdated:
        return
    names = ", ".join(str(p.locale.get_display_name()) for p in outdated)
    messages.warning(
        request,
        ngettext(
            "The %(languages)s translation of this page is now outdated; its translators and "
            "reviewers have been notified. Use “Sync translated pages” to send them the changes.",
            "The %(languages)s translations of this page are now outdated; their translators "
            "and reviewers have been notified. Use “Sync translated pages” to send them the "
            "changes.",
            len(outdated),
        )
        % {"languages": names},
    )


def _review_button(page, user, view_name=None, next_url=None):

    if can_submit_for_review(user, page):
        yield Button(
            _("Submit translation for review"),
            reverse("translations:submit_for_review", args=[page.pk]),
            icon_name="resubmit",
            priority=70,
        )


hooks.register("register_page_header_buttons", _review_button)
hooks.register("register_page_listing_more_buttons", _review_button)


@hooks.register("before_create_page")
def _aliases_after_creation(request, parent_page, page_class):
    """Publishing from the "add page" form: wagtail-localize makes the aliases afterwards."""

    if request.method == "POST":
        creating_in_admin.set(True)


@hooks.register("before_edit_page", order=-90)
def no_translation_editor_for_drafts(request, page):
    """The translation of an unpublished English page would show its draft: refused."""
    if not translation_editor_allowed(request.user, page):
        raise PermissionDenied


hooks.register("register_snippet_listing_buttons", snippet_review.listing_buttons)
