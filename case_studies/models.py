"""Case studies: stories from placements, listed under a case-study index page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.pages import (
    PAGE_TRANSLATABLE_FIELDS,
    CachedChildRouteMixin,
    RememberedRestrictionsMixin,
    ShowSourceUntilTranslatedMixin,
)
from resources.listing import ListingPageMixin
from resources.models import KnowledgePage
from resources.models.knowledge import SECTION_FEATURES
from resources.models.page_context import ResourcePageMixin
from resources.taxonomy import CompanySize


class CaseStudyIndexPage(
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
    subpage_types = ["case_studies.CaseStudyPage"]
    listing_model = KnowledgePage
    listing_kinds = ("case-study",)

    class Meta:
        verbose_name = _("case study index page")


class CaseStudyPage(ResourcePageMixin, KnowledgePage):
    """A story from a placement: company, context, challenge, what the mentor did, outcome."""

    kind = "case-study"

    company_name = models.CharField(_("company"), max_length=200, blank=True)
    company_size = models.CharField(
        _("company size"), max_length=10, choices=CompanySize.choices, blank=True
    )
    placement_context = RichTextField(_("placement"), blank=True, features=SECTION_FEATURES)
    challenge = RichTextField(_("challenge"), blank=True, features=SECTION_FEATURES)
    mentor_action = RichTextField(_("what the mentor did"), blank=True, features=SECTION_FEATURES)
    outcome = RichTextField(_("outcome"), blank=True, features=SECTION_FEATURES)
    lessons = RichTextField(_("lessons learned"), blank=True, features=SECTION_FEATURES)

    search_text_fields = ("company_name",)
    section_fields = ("placement_context", "challenge", "mentor_action", "outcome", "lessons")
    content_panels = [
        *KnowledgePage.content_panels[:2],
        FieldPanel("company_name"),
        FieldPanel("company_size"),
        *[FieldPanel(name) for name in section_fields],
        *KnowledgePage.content_panels[2:],
    ]
    edit_handler = KnowledgePage.tabbed_edit_handler(content_panels)
    translatable_fields = [
        *KnowledgePage.translatable_fields,
        TranslatableField("company_name"),
        SynchronizedField("company_size"),
        *[TranslatableField(name) for name in section_fields],
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("company_name"),
        *[index.SearchField(name) for name in section_fields],
    ]

    parent_page_types = ["case_studies.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
