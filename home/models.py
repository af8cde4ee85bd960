"""Home page and standard pages (about, objectives, partners, contact, privacy, accessibility)."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, F, Window
from django.db.models.functions import Length, RowNumber, Substr
from django.http import Http404
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.fragments import remembered
from core.pages import (
    PAGE_TRANSLATABLE_FIELDS,
    CachedChildRouteMixin,
    RememberedRestrictionsMixin,
    ShowSourceUntilTranslatedMixin,
    children_of,
    public,
    tabbed_edit_handler,
)
from core.sites import find_root_pages_with
from resources.blocks import BodyBlock
from resources.listing import Listing, cards, clean_redirect
from resources.models import KnowledgePage, KnowledgePageTag, SoftSkill
from resources.tag_labels import label_columns, label_of, labelled

# The home page's "Latest resources": this many, taking the newest of each kind in turn.
LATEST_COUNT = 6

# The one-line description of each kind of resource on the home page's entry points.
KIND_DESCRIPTIONS = {
    "guide": _("Short practical guides on one soft skill, with activities you can print and try."),
    "good-practice": _("Ways of mentoring that companies have tested and that you can reuse."),
    "case-study": _("Real placements: what the mentor did, and what worked and what did not."),
}


def mixed_latest(by_kind, count=LATEST_COUNT):
    """Up to ``count`` ids from ``by_kind`` (kind → ids, newest first): the newest of each kind,
    then the second newest of each, and so on, so every kind that has resources is shown."""
    rounds = max((len(ids) for ids in by_kind.values()), default=0)
    mixed = [ids[n] for n in range(rounds) for ids in by_kind.values() if n < len(ids)]
    return mixed[:count]


def active_language():
    """The content language Wagtail's ``Locale.get_active()`` would choose (its code)."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


class IntroBodyPage(RememberedRestrictionsMixin, CachedChildRouteMixin, Page):
    """What the home page and the standard pages share: an introduction and a body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    edit_handler = tabbed_edit_handler(content_panels)
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    class Meta:
        abstract = True


class HomePage(ShowSourceUntilTranslatedMixin, RoutablePageMixin, IntroBodyPage):
    """The root of each language tree. Also serves the per-tag and per-skill listings."""

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "resources.ResourceIndexPage",
        "case_studies.CaseStudyIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        route = getattr(request, "routable_resolver_match", None)
        if route is not None and route.url_name != "index_route":
            return context  # a tag's or a skill's page: none of the home page's own content
        latest, skills, kinds = remembered("home", self.pk, compute=self.home_content)
        context["latest"] = cards(KnowledgePage, latest)
        context["skills"] = skills
        context["sections"] = next(
            (home.menu_sections for home in self.with_menus() if home.pk == self.pk), []
        )
        context["entry_points"] = self.entry_points(kinds, context["sections"])
        return context

    def home_content(self):
        """The ids of the latest resources (``LATEST_COUNT``, mixing the kinds, see
        ``mixed_latest``), the soft skills, and for each kind listed in this language its number
        of resources and the path of the listing they are in: two queries."""
        listed = self.listed_resources()
        newest = [F("first_published_at").desc(nulls_last=True), F("pk").desc()]
        by_kind = [F("content_type_id")]
        rows = (
            listed.annotate(
                kind_app=F("content_type__app_label"),
                kind_model=F("content_type__model"),
                parent_path=Substr("path", 1, Length("path") - Page.steplen),
                rank=Window(RowNumber(), partition_by=by_kind, order_by=newest),
                kind_count=Window(Count("pk"), partition_by=by_kind),
            )
            .filter(rank__lte=LATEST_COUNT)
            .order_by("rank", *newest)
            .values_list("pk", "kind_app", "kind_model", "parent_path", "rank", "kind_count")
        )
        latest, kinds = {}, {}
        for pk, app_label, model, parent_path, _rank, count in rows:
            kind = apps.get_model(app_label, model).kind
            latest.setdefault(kind, []).append(pk)
            kinds.setdefault(kind, {"kind": kind, "count": count, "paths": set()})
            kinds[kind]["paths"].add(parent_path)
        return mixed_latest(latest), list(self.live_skills()), list(kinds.values())

    def entry_points(self, kinds, sections):
        """One entry per kind of resource (in the kind registry's order) listed in this
        language: its name, description, number of resources and the address of its listing
        (the section in menus that holds them, filtered to the kind when that listing shows
        other kinds too; none if no listing is in the menus)."""
        found = {entry["kind"]: entry for entry in kinds}
        kinds_at = {}
        for entry in kinds:
            for parent_path in entry["paths"]:
                kinds_at.setdefault(parent_path, set()).add(entry["kind"])
        entries = []
        for kind, model in KnowledgePage.kinds().items():
            entry = found.get(kind)
            if entry is None:
                continue
            listing = next((s for s in sections if s.path in entry["paths"]), None)
            query = f"?type={kind}" if listing and len(kinds_at[listing.path]) > 1 else ""
            entries.append(
                {
                    "kind": kind,
                    "label": model._meta.verbose_name_plural,
                    "description": KIND_DESCRIPTIONS.get(kind, ""),
                    "count": entry["count"],
                    "listing": listing,
                    "query": query,
                }
            )
        return entries

    def live_skills(self):
        return SoftSkill.objects.filter(locale_id=self.locale_id, live=True).order_by("name")

    @path("tags/<str:slug>/", name="tag")
    def tag_listing(self, request, slug):
        usable = len(slug) <= 100 and "\x00" not in slug  # PostgreSQL rejects NUL bytes
        tag = (  # kept per home page: the tag's labels are in its language
            remembered("tag", self.pk, slug, compute=lambda: self.listed_tag(slug))
            if usable
            else None
        )
        if not tag:  # a tag used only on drafts or private pages is not revealed
            raise Http404(_("There is no such tag."))
        return self.render_listing(
            request,
            lambda: self.listed_resources().filter(tagged_items__tag=tag),
            "home/tag_page.html",
            fixed={"tag": tag.slug},
            key=("tag", self.pk, tag.pk),
            listing_title=label_of(tag).name,
            tag=tag,
        )

    def listed_tag(self, slug):
        """The tag ``slug``, with its labels, if a resource listed in this language has it, else
        ``False``."""
        own, english = label_columns("slug")
        tag = KnowledgePageTag.tags_in_use().filter(slug=slug).annotate(own=own, en=english).first()
        if tag is None or not self.listed_resources().filter(tagged_items__tag=tag).exists():
            return False
        return labelled(tag, tag.own, tag.en)

    @path("skills/", name="skills")
    def skill_index(self, request):
        skills = remembered("skills", self.locale_id, compute=lambda: list(self.live_skills()))
        return self.render(
            request, context_overrides={"skills": skills}, template="home/skill_index_page.html"
        )

    @path("skills/<str:slug>/", name="skill")
    def skill_listing(self, request, slug):
        if "\x00" in slug:  # PostgreSQL rejects NUL bytes
            raise Http404(_("There is no such soft skill."))
        skills = remembered("skills", self.locale_id, compute=lambda: list(self.live_skills()))
        skill = next((s for s in skills if s.slug == slug[:100]), None)
        if skill is None:
            raise Http404(_("There is no such soft skill."))
        return self.render_listing(
            request,
            lambda: self.listed_resources().filter(skill_links__skill=skill),
            "home/skill_page.html",
            fixed={"skill": skill.slug},
            key=("skill", self.pk, skill.pk),
            listing_title=skill.name,
            skill=skill,
        )

    @classmethod
    def rebuild_home_content(cls):
        """Each live, public home page's latest resources, skills and counts, computed and kept
        at the current content version (``core.fragments.rebuild_after_change``)."""
        for home in public(cls.objects.live()).select_related("locale"):
            with translation.override(home.locale.language_code):
                remembered("home", home.pk, compute=home.home_content)

    def listed_resources(self):
        """The public resources listed in this language (see ``KnowledgePage.objects.listed``)."""
        return public(KnowledgePage.objects.listed()).filter(locale_id=self.locale_id)

    def render_listing(self, request, resources, template, fixed, key, **context):
        """A tag's or a skill's page: its ``resources`` (a callable giving the queryset) as a
        filtered, paginated listing (kept under ``key``, see ``Listing``). A bad page number is a
        404 here, not in the template. Empty parameters (a submitted form's "All") are
        redirected to the clean address, as on the index pages."""
        redirect = clean_redirect(request)
        if redirect:
            return redirect
        listing = Listing(request, resources, fixed=fixed, key=key, model=KnowledgePage)
        listing.paginate()
        return self.render(
            request, context_overrides={"listing": listing, **context}, template=template
        )

    @classmethod
    def every_home(cls):
        """Every home page (each site's root page in every language, live or not), by tree
        path, with its locale: one query, kept until the content changes (``core.fragments``).
        """
        return remembered("homes", compute=cls._every_home)

    @classmethod
    def _every_home(cls):
        # sorted here: ordered by path, SQLite walked every page in path order to find the few
        # home pages (4 ms at 60,000 pages)
        return sorted(cls.objects.select_related("locale").order_by(), key=lambda home: home.path)

    @classmethod
    def with_menus(cls):
        """``every_home()``, each with its live, public children (``child_pages``: their title,
        address, slug and translation key only) and those in menus (``menu_sections``): two
        queries for every language, kept until the content changes (``core.fragments``)."""
        return remembered("navigation", compute=cls._with_menus)

    @classmethod
    def _with_menus(cls):
        homes = cls.every_home()
        live = [home for home in homes if home.live]
        sections = {}
        if live:
            fields = ("id", "title", "url_path", "path", "depth", "locale_id", "show_in_menus")
            items = public(Page.objects.filter(children_of(live)).live()).only(
                *fields, "slug", "translation_key"
            )
            for item in items.order_by("path"):
                sections.setdefault(item.path[: -Page.steplen], []).append(item)
        for home in homes:
            # every live, public child (the footer's standard pages are found among them)
            home.child_pages = sections.get(home.path, [])
            home.menu_sections = [item for item in home.child_pages if item.show_in_menus]
        return homes

    @classmethod
    def for_active_locale(cls, homes=None):
        """The home page in the visitor's language (falling back to the first live one)."""
        live = [home for home in (cls.every_home() if homes is None else homes) if home.live]
        language = active_language()
        return next((h for h in live if h.locale.language_code == language), None) or next(
            iter(live), None
        )

    @classmethod
    def routing_root(cls, site):
        """What Wagtail routes a request from (``site.root_page.localized.specific``: the
        site's root page in the active language if that is live, else the root page itself),
        and the site's home page in each language, live or not; (None, {}) if the root page is
        not a home page."""
        homes = cls.every_home()
        root = next((home for home in homes if home.pk == site.root_page_id), None)
        if root is None:
            return None, {}
        by_language = {
            home.locale.language_code: home
            for home in homes
            if home.translation_key == root.translation_key
        }
        localized = by_language.get(active_language(), root)
        return (localized if localized.live else root), by_language


class StandardPage(ShowSourceUntilTranslatedMixin, IntroBodyPage):
    """About, objectives, partners, contact, privacy, accessibility statement…"""

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


# Every site's root page in every language is a home page: the site root paths find them here.
find_root_pages_with(HomePage.every_home)
