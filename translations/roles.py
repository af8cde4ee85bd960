"""Who may do what, per language: the "Editors" of the English source, and for every partner
language its "<Language> translators" and "<Language> reviewers".

Wagtail scopes page permissions to a tree (``GroupPagePermission`` on a language's home page),
so a Bulgarian translator simply has no permission on the Greek or English trees. Snippet
permissions in Wagtail are per model, not per locale; ``translations.access`` narrows them to
the locales whose trees a user's groups have page permissions on (see ``wagtail_hooks``).

A translator's work waits for a reviewer: every partner home page is assigned a workflow
"Translation review (<Language>)" whose only task can be approved by that language's reviewers.

``setup_translation_roles`` is idempotent; it runs from the ``setup_translation_roles``
command and from ``load_demo_content`` (through ``home.setup.ensure_site``).
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.languages import language_name
from translations.sync import create_missing_aliases

EDITORS = "Editors"
TRANSLATORS = "translators"
REVIEWERS = "reviewers"

# Page permissions (codenames of wagtailcore.Page) per role, on the role's language tree.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
TRANSLATOR_PAGE_PERMISSIONS = ("change_page",)
REVIEWER_PAGE_PERMISSIONS = ("change_page", "publish_page", "lock_page", "unlock_page")

# Model permissions ("app_label.codename") per role; snippets are narrowed to the locale.
SNIPPET_MODELS = (
    "resources.softskill",
    "resources.partnerorganisation",
    "resources.taglabel",
    "selfcheck.statement",
    "selfcheck.answeroption",
)
COMMON_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "wagtailimages.choose_image",
    "wagtaildocs.choose_document",
)
EDITOR_PERMISSIONS = (
    *COMMON_PERMISSIONS,
    *(
        f"{m.split('.')[0]}.{action}_{m.split('.')[1]}"
        for m in SNIPPET_MODELS
        for action in ("add", "change", "delete", "publish")
    ),
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
)
LANGUAGE_TEAM_PERMISSIONS = (
    *COMMON_PERMISSIONS,
    *(f"{m.split('.')[0]}.change_{m.split('.')[1]}" for m in SNIPPET_MODELS),
)
# Reviewers approve (publish) their language's soft skills and partners; translators submit.
REVIEWER_PERMISSIONS = (
    *LANGUAGE_TEAM_PERMISSIONS,
    *(f"{m.split('.')[0]}.publish_{m.split('.')[1]}" for m in SNIPPET_MODELS),
)


# Group, workflow and task names hold the English name of their language: stable identifiers.
def team_group_name(code, role):
    return f"{language_name(code, 'en')} {role}"


def workflow_name(code):
    return f"Translation review ({language_name(code, 'en')})"


def partner_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _permissions(names):
    by_name = {}
    for name in names:
        app_label, codename = name.split(".")
        by_name[(app_label, codename)] = name
    perms = Permission.objects.filter(
        content_type__app_label__in={a for a, _c in by_name},
        codename__in={c for _a, c in by_name},
    ).select_related("content_type")
    found = [p for p in perms if (p.content_type.app_label, p.codename) in by_name]
    return found


def _page_permissions(codenames):
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=codenames,
        )
    )


def _set_tree_permissions(group, home, codenames):
    """Exactly ``codenames`` on ``home`` for ``group``; none anywhere else."""
    wanted = {p.pk: p for p in _page_permissions(codenames)}
    GroupPagePermission.objects.filter(group=group).exclude(
        page=home, permission_id__in=wanted
    ).delete()
    existing = set(
        GroupPagePermission.objects.filter(group=group, page=home).values_list(
            "permission_id", flat=True
        )
    )
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=home, permission=perm)
        for pk, perm in wanted.items()
        if pk not in existing
    )


def _group(name, permission_names):
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*_permissions(permission_names))
    return group


def home_pages():
    """The home page (depth 2) of every configured language, creating missing aliases."""

    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    source_home = Page.objects.filter(depth=2, locale=source_locale).first()
    if source_home is None:
        return {}
    create_missing_aliases(source_home)
    return {
        page.locale.language_code: page
        for page in source_home.get_translations(inclusive=True).select_related("locale")
    }


def _review_workflow(code, reviewers, home):
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name(code))
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=f"{language_name(code, 'en')} review"
    )
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def setup_translation_roles(log=None):
    """Create or bring up to date the groups, their permissions and the review workflows.

    Returns the home pages by language code (empty until the English home page exists).
    """
    homes = home_pages()
    if not homes:
        if log:
            log("No English home page yet: run load_demo_content first.")
        return {}
    editors = _group(EDITORS, EDITOR_PERMISSIONS)
    _set_tree_permissions(editors, homes[settings.LANGUAGE_CODE], EDITOR_PAGE_PERMISSIONS)
    for code in partner_languages():
        home = homes.get(code)
        if home is None:
            continue
        translators = _group(team_group_name(code, TRANSLATORS), LANGUAGE_TEAM_PERMISSIONS)
        reviewers = _group(team_group_name(code, REVIEWERS), REVIEWER_PERMISSIONS)
        _set_tree_permissions(translators, home, TRANSLATOR_PAGE_PERMISSIONS)
        _set_tree_permissions(reviewers, home, REVIEWER_PAGE_PERMISSIONS)
        _review_workflow(code, reviewers, home)
        if log:
            log(f"  {language_name(code, 'en')}: translators, reviewers, review workflow")
    return homes
