"""Admin views of the self-check's snippets: a list per language (like the taxonomy), and a
statement's number or an option's value already used in the same language is an error on that
field (instead of the database's unique constraint failing)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from resources.snippet_views import LanguageIndexView
from selfcheck.models import AnswerOption, Statement

UNIQUE_FIELD = {Statement: "number", AnswerOption: "value"}  # unique per language


class UniqueInLanguageForm:
    """Refuses a value of ``unique_field`` that another item of the model has in the same
    language, with Django's usual message on that field."""

    unique_field = None

    def clean(self):
        cleaned_data = super().clean()
        field, instance = self.unique_field, self.instance
        value = cleaned_data.get(field)
        if value is not None and instance.locale_id:
            model = type(instance)
            taken = model._default_manager.filter(locale_id=instance.locale_id, **{field: value})
            if instance.pk is not None:
                taken = taken.exclude(pk=instance.pk)
            if taken.exists():
                self.add_error(field, instance.unique_error_message(model, (field,)))
        return cleaned_data


class UniqueInLanguageMixin:
    def get_form_class(self):
        form_class = super().get_form_class()
        field = UNIQUE_FIELD[self.model]
        return type(
            form_class.__name__, (UniqueInLanguageForm, form_class), {"unique_field": field}
        )


class UniqueInLanguageCreateView(UniqueInLanguageMixin, CreateView):
    pass


class UniqueInLanguageEditView(UniqueInLanguageMixin, EditView):
    pass


class SelfCheckSnippetViewSet(SnippetViewSet):
    index_view_class = LanguageIndexView
    add_view_class = UniqueInLanguageCreateView
    edit_view_class = UniqueInLanguageEditView
    search_backend_name = None  # LanguageIndexView compares in Python
    add_to_admin_menu = True


class StatementViewSet(SelfCheckSnippetViewSet):
    model = Statement
    icon = "help"
    menu_label = _("Self-check statements")
    menu_name = "selfcheck-statements"
    menu_order = 260
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
    search_fields = ["label"]
    list_display = ["value", "label", "locale"]
