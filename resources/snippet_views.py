"""Admin screens of the translatable snippets (soft skills, partner organisations, tags).

Registered from ``home/wagtail_hooks.py`` under the "Taxonomy" menu. On top of Wagtail's
snippet views:

* the list shows one language, the user's own by default: a translator's team language, English
  for editors and administrators ("All" in the Locale filter shows every language). Wagtail adds
  its own Locale filter (by language code) to translatable models; ``"locale"`` in
  ``list_filter`` would add a second one, by id, that ignored the language in the address;
* search compares the query with the name, slug and description in Python, case-insensitively
  in every script: no search backend is involved (Wagtail's autocomplete on our backends answered
  500 on SQLite), and SQLite's ``LIKE`` only ignores the case of ASCII letters;
* a slug already used by another item in the same language is an error on the slug field
  (instead of a database error): the form checks it, whatever the model's constraints.
"""

from django.conf import settings
from django.forms.models import model_to_dict
from django.http import Http404

from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import (
    CopyView,
    CreateView,
    EditView,
    IndexView,
    SnippetViewSet,
)

from resources.models import PartnerOrganisation, SoftSkill, TagLabel


def default_language(user):
    """The language a user's lists open in: what the first ``snippet_list_language`` hook
    answers (the translation teams register one: a translator's team language), else English."""
    for hook in hooks.get_hooks("snippet_list_language"):
        code = hook(user)
        if code:
            return code
    return settings.LANGUAGE_CODE


class LanguageIndexView(IndexView):
    def get_locale(self):
        if self.i18n_enabled and "locale" not in self.request.GET:
            code = default_language(self.request.user)
            return Locale.objects.filter(language_code=code).first() or Locale.get_default()
        return super().get_locale()

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.i18n_enabled and self.locale and "locale" not in self.request.GET:
            data = self.request.GET.copy()
            data["locale"] = self.locale.language_code
            kwargs["data"] = data
        return kwargs

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        words = self.search_query.casefold().split()
        fields = self.search_fields or ["name"]
        matching = [
            row[0]
            for row in queryset.values_list("pk", *fields)
            if all(any(word in str(value or "").casefold() for value in row[1:]) for word in words)
        ]
        return queryset.filter(pk__in=matching)


class UniqueInLanguageForm:
    """Mixed into a snippet's form: a value of ``unique_field`` that another item of the same
    model has in the same language is an error on that field, with Django's usual message."""

    unique_field = "slug"

    def clean(self):
        cleaned_data = super().clean()
        field, instance = self.unique_field, self.instance
        value = cleaned_data.get(field)
        if value not in (None, "") and instance.locale_id:
            model = type(instance)
            taken = model._default_manager.filter(locale_id=instance.locale_id, **{field: value})
            if instance.pk is not None:
                taken = taken.exclude(pk=instance.pk)
            if taken.exists():
                self.add_error(field, instance.unique_error_message(model, (field,)))
        return cleaned_data


class UniqueInLanguageMixin:
    """A create, copy or edit view whose form is a ``UniqueInLanguageForm`` on the view's
    ``unique_field`` (a viewset passes another field name with ``unique_field=``)."""

    unique_field = "slug"

    def get_form_class(self):
        form_class = super().get_form_class()
        attrs = {"unique_field": self.unique_field}
        return type(form_class.__name__, (UniqueInLanguageForm, form_class), attrs)


class UniqueInLanguageCreateView(UniqueInLanguageMixin, CreateView):
    pass


class UniqueInLanguageCopyView(UniqueInLanguageMixin, CopyView):
    """Wagtail's copy view gives its form the copied item itself, so that saving the copy
    overwrote that item (and took it offline). Here the form gets a new item of the same
    language, filled with the copied item's values."""

    def get_initial_form_instance(self):
        return self.model(locale_id=self.get_object().locale_id)

    def get_initial(self):
        return {**super().get_initial(), **model_to_dict(self.get_object())}


class UniqueInLanguageEditView(UniqueInLanguageMixin, EditView):
    pass


class ChooserCreateView(SnippetCreateView):
    """The chooser's "create" URL of a snippet whose chooser offers no creation form (none of
    ours does): Wagtail's view fails on a POST there (a 500); this one answers 404."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ChooserViewSet(SnippetChooserViewSet):
    create_view_class = ChooserCreateView


class TaxonomySnippetViewSet(SnippetViewSet):
    chooser_viewset_class = ChooserViewSet
    index_view_class = LanguageIndexView
    add_view_class = UniqueInLanguageCreateView
    copy_view_class = UniqueInLanguageCopyView
    edit_view_class = UniqueInLanguageEditView
    search_backend_name = None  # see search_queryset
    search_fields = ["name", "slug", "description"]


class SoftSkillViewSet(TaxonomySnippetViewSet):
    model = SoftSkill
    icon = "pick"
    list_display = ["name", "slug", "locale"]


class PartnerOrganisationViewSet(TaxonomySnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "country", "locale"]
    list_filter = ["country"]


class TagLabelViewSet(TaxonomySnippetViewSet):
    """Each tag's name per language: English labels come with the tags; translators translate
    them like skills."""

    model = TagLabel
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]
