"""Admin views of the self-check's snippets: a list per language (like the taxonomy), and a
statement's number or an option's value already used in the same language is an error on that
field (instead of the database's unique constraint failing)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from resources.snippet_views import (
    ChooserViewSet,
    LanguageIndexView,
    UniqueInLanguageCopyView,
    UniqueInLanguageCreateView,
    UniqueInLanguageEditView,
)
from selfcheck.models import AnswerOption, Statement


class SelfCheckSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = ChooserViewSet
    index_view_class = LanguageIndexView
    add_view_class = UniqueInLanguageCreateView
    copy_view_class = UniqueInLanguageCopyView  # its form is the add view's
    edit_view_class = UniqueInLanguageEditView
    search_backend_name = None  # LanguageIndexView compares in Python
    add_to_admin_menu = True
    unique_field = None  # unique per language: the number, the value

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(unique_field=self.unique_field, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(unique_field=self.unique_field, **kwargs)


class StatementViewSet(SelfCheckSnippetViewSet):
    model = Statement
    icon = "help"
    menu_label = _("Self-check statements")
    menu_name = "selfcheck-statements"
    menu_order = 260
    unique_field = "number"
    search_fields = ["text"]
    list_display = ["number", "text", "locale"]


class AnswerOptionViewSet(SelfCheckSnippetViewSet):
    """The answer scale ("Not at all", "A little", "A lot"…), translated and reviewed like the
    statements; its values are the answers' values in addresses and their score multipliers."""

    model = AnswerOption
    icon = "list-ol"
    menu_label = _("Self-check answer options")
    menu_name = "selfcheck-answer-options"
    menu_order = 261
    unique_field = "value"
    search_fields = ["label"]
    list_display = ["value", "label", "locale"]
