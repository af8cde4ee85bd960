"""Translatable snippets: the soft-skill taxonomy and the partner organisations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from django_countries.fields import CountryField


class ReviewedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A snippet whose translations go through their language's review, like pages.

    Saving keeps a draft revision; the row holds what the public sees. The workflow of a
    partner language's snippet is the one of that language's home page ("Translation review
    (<Language>)"); English snippets are published by the editors directly.
    """

    class Meta:
        abstract = True

    def get_workflow(self):
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return None
        home = Page.objects.filter(depth=2, locale_id=self.locale_id).first()
        return home.get_workflow() if home is not None else None


class SoftSkill(ReviewedSnippet, TranslatableMixin, index.Indexed, models.Model):
    """A soft skill (empathy, feedback…): the taxonomy that links all content."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Shared by all languages; used in the address of the skill's page."),
    )
    description = models.TextField(_("description"), blank=True)
    # When the source was last changed: the translation status page compares it with the last
    # sync of the translations to tell which are outdated. Not translated, not in the editor.
    updated_at = models.DateTimeField(auto_now=True, null=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
        index.FilterField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("soft skill")
        verbose_name_plural = _("soft skills")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_softskill_slug_locale")
        ]

    def __str__(self):
        return self.name


class PartnerOrganisation(ReviewedSnippet, TranslatableMixin, models.Model):
    """A partner of the project: who wrote what."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PARTNER = "partner", _("Partner")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTNER)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # When the source was last changed: the translation status page compares it with the last
    # sync of the translations to tell which are outdated. Not translated, not in the editor.
    updated_at = models.DateTimeField(auto_now=True, null=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("role"),
        SynchronizedField("country"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name
