"""Guides and good practices, listed under a resource index page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.pages import (
    PAGE_TRANSLATABLE_FIELDS,
    CachedChildRouteMixin,
    RememberedRestrictionsMixin,
    ShowSourceUntilTranslatedMixin,
)
from resources.blocks import ActivitiesBlock
from resources.listing import ListingPageMixin

from .knowledge import SECTION_FEATURES, KnowledgePage
from .page_context import ResourcePageMixin


class ResourceIndexPage(
    ShowSourceUntilTranslatedMixin,
    RememberedRestrictionsMixin,
    CachedChildRouteMixin,
    ListingPageMixin,
    Page,
):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.GuidePage", "resources.GoodPracticePage"]
    listing_model = KnowledgePage
    listing_kinds = ("guide", "good-practice")

    class Meta:
        verbose_name = _("resource index page")


class GuidePage(ResourcePageMixin, KnowledgePage):
    """A practical soft-skills guide centred on one or two skills."""

    kind = "guide"

    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    activities = StreamField(ActivitiesBlock(), blank=True, verbose_name=_("activities"))

    search_text_fields = ("learning_objectives", "activities")
    content_panels = [
        *KnowledgePage.content_panels[:2],
        FieldPanel("learning_objectives"),
        *KnowledgePage.content_panels[2:],
        FieldPanel("activities"),
    ]
    edit_handler = KnowledgePage.tabbed_edit_handler(content_panels)
    translatable_fields = [
        *KnowledgePage.translatable_fields,
        TranslatableField("learning_objectives"),
        TranslatableField("activities"),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("learning_objectives"),
        index.SearchField("activities"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def objectives(self):
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]


class GoodPracticePage(ResourcePageMixin, KnowledgePage):
    """A reusable practice from a real company."""

    kind = "good-practice"

    context = RichTextField(_("context"), blank=True, features=SECTION_FEATURES)
    how_to_apply = RichTextField(_("how to apply it"), blank=True, features=SECTION_FEATURES)
    requirements = RichTextField(_("what it needs"), blank=True, features=SECTION_FEATURES)
    impact = RichTextField(_("evidence of impact"), blank=True, features=SECTION_FEATURES)
    transferability = RichTextField(_("transferability"), blank=True, features=SECTION_FEATURES)

    section_fields = ("context", "how_to_apply", "requirements", "impact", "transferability")
    content_panels = [
        *KnowledgePage.content_panels[:2],
        *[FieldPanel(name) for name in section_fields],
        *KnowledgePage.content_panels[2:],
    ]
    edit_handler = KnowledgePage.tabbed_edit_handler(content_panels)
    translatable_fields = [
        *KnowledgePage.translatable_fields,
        *[TranslatableField(name) for name in section_fields],
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        *[index.SearchField(name) for name in section_fields],
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
