"""The shared base of guides, good practices and case studies.

``KnowledgePage`` is a concrete (multi-table) page model rather than an abstract one, so that
listings, tag and skill pages, facets and search can treat every kind of resource as one
queryset. It cannot be created itself: editors create a ``GuidePage``, ``GoodPracticePage`` or
``CaseStudyPage``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from django_countries.fields import CountryField

from core.analysis import analysed_text
from core.fragments import remembered
from core.pages import (
    PAGE_TRANSLATABLE_FIELDS,
    RememberedRestrictionsMixin,
    ShowSourceUntilTranslatedMixin,
)
from core.pages import tabbed_edit_handler as page_edit_handler
from core.text import html_text, stream_text
from resources.blocks import BodyBlock
from resources.licences import licence_field
from resources.tag_labels import current_language, label_columns, labelled, labels_of
from resources.taxonomy import Audience, Level, Sector

from .snippets import PartnerOrganisation, SoftSkill

# What editors may use in a resource's rich-text sections (``KnowledgePage.section_fields``).
SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class KnowledgePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.KnowledgePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    @classmethod
    def tags_in_use(cls):
        return Tag.objects.filter(resources_knowledgepagetag_items__isnull=False).distinct()

    class Meta:
        # A listing counts its tags over its pages' links: with the tag in the index, each
        # page's links are read from the index alone (resources.filters; the skill links too).
        # Filtered by a tag, it finds the tag's pages from the second index alone.
        indexes = [
            models.Index(fields=["content_object", "tag"], name="resources_tag_page_tag"),
            models.Index(fields=["tag", "content_object"], name="resources_tag_tag_page"),
        ]


class KnowledgePageSkill(TranslatableMixin, Orderable):
    """Links a page to a soft skill; translated with the page, so it points at the skill in the
    page's own language."""

    page = ParentalKey(
        "resources.KnowledgePage", on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        "resources.SoftSkill",
        on_delete=models.CASCADE,
        related_name="page_links",
        verbose_name=_("skill"),
    )

    panels = [FieldPanel("skill")]
    translatable_fields = [TranslatableField("skill")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("soft skill")
        indexes = [
            models.Index(fields=["page", "skill"], name="resources_skilllink_page"),
            models.Index(fields=["skill", "page"], name="resources_skilllink_skill"),
        ]


class KnowledgePagePartner(TranslatableMixin, Orderable):
    """Which partner organisation wrote the page."""

    page = ParentalKey(
        "resources.KnowledgePage", on_delete=models.CASCADE, related_name="partner_links"
    )
    partner = models.ForeignKey(
        "resources.PartnerOrganisation",
        on_delete=models.CASCADE,
        related_name="page_links",
        verbose_name=_("partner organisation"),
    )

    panels = [FieldPanel("partner")]
    translatable_fields = [TranslatableField("partner")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("author organisation")


class KnowledgePageAudience(Orderable):
    """Who the page is for; synchronised from the source page."""

    page = ParentalKey(
        "resources.KnowledgePage", on_delete=models.CASCADE, related_name="audiences"
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)

    panels = [FieldPanel("audience")]

    class Meta(Orderable.Meta):
        verbose_name = _("audience")
        constraints = [
            models.UniqueConstraint(fields=["page", "audience"], name="unique_page_audience")
        ]


class KnowledgePageQuerySet(PageQuerySet):
    def live_source(self):
        """The live source-language page of each row (for ``Exists``/``Subquery``)."""
        return KnowledgePage.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=settings.LANGUAGE_CODE,
            live=True,
        )

    def listed(self):
        """What a language's listings show: its live pages, and its translations still in
        draft whose English page is live (they stand for the English page until published)."""
        awaiting = (
            Q(live=False, alias_of__isnull=True)
            & ~Q(locale__language_code=settings.LANGUAGE_CODE)
            & Exists(self.live_source())
        )
        return self.filter(Q(live=True) | awaiting)


@dataclass
class PageDetails:
    """What a resource page shows about itself from other tables: its soft skills, audience
    (codes), tags and authoring partners, in order (``KnowledgePage.details``)."""

    skills: list
    audiences: list
    tags: list
    partners: list

    def audience_labels(self):
        return audience_labels(self.audiences)


def audience_labels(codes):
    """The translated labels of audience ``codes``."""
    labels = dict(Audience.choices)
    return [labels.get(code, code) for code in codes]


class KnowledgePage(ShowSourceUntilTranslatedMixin, RememberedRestrictionsMixin, Page):
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in listings and search results.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    country = CountryField(_("country"), blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    tags = ClusterTaggableManager(through=KnowledgePageTag, blank=True, verbose_name=_("tags"))
    licence = licence_field(
        _("licence"),
        blank=True,
        help_text=_("Leave blank to publish under the project's default licence."),
    )

    is_creatable = False
    # The kind registry: each creatable subclass names its public type slug (the listing's and
    # search's type filter, the demo and test corpora); ``kinds()`` collects them.
    kind = ""
    # A subclass's own text, in page order: ``search_text_fields`` (plain or StreamField text)
    # and ``section_fields`` (rich text shown one after another under their headings, see
    # ``sections()``) are both indexed for search after the summary and the body.
    search_text_fields = ()
    section_fields = ()

    objects = PageManager.from_queryset(KnowledgePageQuerySet)()

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    taxonomy_panels = [
        InlinePanel("skill_links", label=_("Soft skills"), min_num=1),
        InlinePanel("audiences", label=_("Audience")),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("sector"), FieldPanel("level")],
            heading=_("Context"),
        ),
        InlinePanel("partner_links", label=_("Written by")),
        FieldPanel("last_reviewed"),
        FieldPanel("licence"),
    ]

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("skill_links"),
        TranslatableField("partner_links"),
        SynchronizedField("audiences"),
        SynchronizedField("tags"),
        SynchronizedField("country"),
        SynchronizedField("sector"),
        SynchronizedField("level"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("licence"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_title_terms", boost=4),
        index.SearchField("search_label_terms", boost=2),
        index.SearchField("search_body_terms"),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("locale_id"),
        index.FilterField("sector"),
        index.FilterField("level"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields(
            "skill_links", [index.RelatedFields("skill", [index.SearchField("name", boost=2)])]
        ),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    @classmethod
    def tabbed_edit_handler(cls, content_panels):
        """A resource's editor: the page tabs with a Taxonomy tab after the content."""
        return page_edit_handler(
            content_panels, ObjectList(cls.taxonomy_panels, heading=_("Taxonomy"))
        )

    # Search: the page's text, analysed in its own language (core/analysis.py).
    def search_labels(self):
        """The translated labels of the page's type, skills, country, sector and audience."""
        with translation.override(self.locale.language_code):
            labels = [
                str(self.specific_class._meta.verbose_name),
                str(self.specific_class._meta.verbose_name_plural),
                *(str(link.skill.name) for link in self.skill_links.all()),
                str(self.country.name) if self.country else "",
                str(self.sector_label()),
                *(str(label) for label in self.audience_labels()),
            ]
        return " ".join(label for label in labels if label)

    def sections(self):
        """(heading, rich text) of each section the page fills in, in order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.section_fields
            if getattr(self, name)
        ]

    def search_text_parts(self):
        """The page's text for the analysed search fields: summary, body, then its own fields."""
        return [
            self.summary,
            stream_text(self.body),
            *(stream_text(getattr(self, name)) for name in self.search_text_fields),
            *(html_text(getattr(self, name)) for name in self.section_fields),
        ]

    def search_title_terms(self):
        return analysed_text(self.title, self.locale.language_code)

    def search_label_terms(self):
        tags = list(self.tags.all())  # their English names and, on a translation, its own
        tags = " ".join([tag.name for tag in tags] + labels_of(tags, self.locale.language_code))
        return analysed_text(f"{self.search_labels()} {tags}", self.locale.language_code)

    def search_body_terms(self):
        specific = self.specific
        text = " ".join(part for part in specific.search_text_parts() if part)
        return analysed_text(text, self.locale.language_code)

    @property
    def shows_source(self):
        """Listed in its language but showing the English page: an alias, or a translation
        not yet published (see translations/fallback.py)."""
        return self.alias_of_id is not None or not self.live

    @cached_property
    def kind_label(self):
        return self.kind_class._meta.verbose_name

    @cached_property
    def kind_slug(self):
        return self.kind_class.kind

    @property
    def kind_class(self):
        """The page's own class; for a card read as a ``KnowledgePage``, found through Django's
        content type cache, filled for every kind in one query (not one query per kind in a
        fresh process)."""
        if type(self).kind:
            return type(self)
        ContentType.objects.get_for_models(*self.kinds().values())
        return self.specific_class

    @classmethod
    def kinds(cls):
        """Public type slug → page model, for every kind of resource, in registration order."""
        return {
            model.kind: model
            for model in get_page_models()
            if issubclass(model, cls) and model.kind
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["details"] = self.details(request)
        return context

    def details(self, request=None):
        """The page's ``PageDetails``, kept until the content changes (``core.fragments``); read
        afresh in a preview, where the page and its links come from a revision."""
        if self.pk is None or getattr(request, "is_preview", False):
            return self.read_details()
        code = current_language()  # the tags carry their names in it
        return remembered("details", self.pk, code, compute=lambda: self.query_details(code))

    def read_details(self):
        """The page's ``PageDetails`` as the page object holds them (a preview's come from its
        revision, not the database): four reads."""
        return PageDetails(
            skills=self.skill_list(),
            audiences=[a.audience for a in self.audiences.all()],
            tags=list(self.tags.all()),
            partners=self.partner_list(),
        )

    def query_details(self, code=None):
        """The saved page's ``PageDetails``, in one query (a UNION ALL of its live skills, audience,
        tags and live partners, each row its kind, its position, the id, name and slug the
        templates show, and a tag's live labels in ``code``, the active language by default, and
        in English). Skills, tags and partners are built from those fields alone (any other
        field is read from the database when asked for); the tags carry their ``Label``."""
        code = code or current_language()
        column = CharField()
        no_labels = (Value(None, column), Value(None, column))
        rows = (
            self.skill_links.filter(skill__live=True)
            .order_by()
            .values_list(
                Value("skill", column),
                "sort_order",
                "id",
                "skill_id",
                "skill__name",
                "skill__slug",
                *no_labels,
            )
            .union(
                self.audiences.order_by().values_list(
                    Value("audience", column),
                    "sort_order",
                    "id",
                    "id",
                    "audience",
                    "audience",
                    *no_labels,
                ),
                KnowledgePageTag.objects.filter(content_object_id=self.pk)
                .order_by()
                .values_list(
                    Value("tag", column),
                    "id",
                    "id",
                    "tag_id",
                    "tag__name",
                    "tag__slug",
                    *label_columns("tag__slug", code),
                ),
                self.partner_links.filter(partner__live=True)
                .order_by()
                .values_list(
                    Value("partner", column),
                    "sort_order",
                    "id",
                    "partner_id",
                    "partner__name",
                    "partner__slug",
                    *no_labels,
                ),
                all=True,
            )
        )
        found = {"skill": [], "audience": [], "tag": [], "partner": []}
        # As each table orders its rows: by position (a missing one first), then by id.
        for kind, _position, _id, pk, name, slug, own, english in sorted(
            rows, key=lambda row: (row[1] is not None, row[1] or 0, row[2])
        ):
            found[kind].append((pk, name, slug, own, english))
        return PageDetails(
            skills=[_named(SoftSkill, *row[:3]) for row in found["skill"]],
            audiences=[name for _pk, name, _slug, _own, _english in found["audience"]],
            tags=[labelled(_named(Tag, *row[:3]), *row[3:], code) for row in found["tag"]],
            partners=[_named(PartnerOrganisation, *row[:3]) for row in found["partner"]],
        )

    def skill_list(self):
        """The page's soft skills in order, in one query (for the page's own template)."""
        links = self.skill_links.filter(skill__live=True).select_related("skill")
        return [link.skill for link in links]

    def partner_list(self):
        """The partner organisations that wrote the page, in one query."""
        links = self.partner_links.filter(partner__live=True).select_related("partner")
        return [link.partner for link in links]

    def audience_labels(self):
        return audience_labels(a.audience for a in self.audiences.all())

    def sector_label(self):
        return dict(Sector.choices).get(self.sector, "")


def _named(model, pk, name, slug):
    """A ``model`` instance as the database gave it, with only its id, name and slug loaded."""
    return model.from_db(None, ["id", "name", "slug"], [pk, name, slug])
