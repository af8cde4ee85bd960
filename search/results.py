"""The results page's data: matches in one or all languages, one entry per resource.

``SearchResults`` has a ``ResourceFilters`` (resources/filters.py: the django-filter set and the
facet counts that listings use too) and shows resources as listings do (``card_queryset``):

1. the backend ranks the live, public resources of each searched language (``ranked_ids``);
2. the database re-checks them (live, public, not an alias) and applies the facet filters;
3. in all-languages mode the matches are grouped by ``translation_key`` and each resource is
   shown in the best language for the visitor: their own if that version matched, else the
   source language, else the best-ranked version;
4. facets are counted over what is shown; the page of ten is highlighted and given the other
   languages the resource exists in.

What depends only on the published content and the request's query, language and filters (the
matches and their order, the facets, the page of cards with their excerpts and other languages) is
kept across requests with ``core.fragments.remembered``, under the content version: a publish,
unpublish, deletion, privacy or snippet change makes all of it stale at once.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.fragments import remembered
from core.languages import language_name
from resources.filters import Facet, FacetOption, ResourceFilters, page_urls, querystring
from resources.listing import card_queryset
from resources.models import KnowledgePage, SoftSkill
from search.highlight import excerpt, mark
from search.query import index_behind, query_terms, ranked_ids, remembered_answer

PAGE_SIZE = 10
SORT_NEWEST = "newest"
SCOPE_ALL = "all"
MAX_PAGE_DIGITS = 6


@dataclass
class LanguageVersion:
    code: str
    name: str
    url: str


class SearchResults:
    """What one search request shows. Raises ``SearchUnavailable`` if the backend fails;
    ``paginate()`` resolves the requested page (``page``) or raises ``InvalidPage``."""

    def __init__(self, request, query, locale, all_languages=False, sort=""):
        self.request = request
        self.query = query
        self.locale = locale
        self.all_languages = all_languages
        self.sort = SORT_NEWEST if sort == SORT_NEWEST else ""
        self.filters = ResourceFilters(request.GET, KnowledgePage, printable_only=True)
        self.language = self.parse_language(request.GET) if all_languages else None
        self.index_behind = index_behind()
        self.language_counts, self.ids = remembered_answer(
            "search-results", *self.search_key(), compute=self.find, behind=self.index_behind
        )
        self.results = KnowledgePage.objects.filter(pk__in=self.ids)
        self.page = None

    def search_key(self):
        """What the matches, their order and the facets depend on, besides the content."""
        return (
            self.query,
            self.locale.language_code,
            self.all_languages,
            self.sort,
            self.language,
            self.filters.valid,
            sorted(self.filters.selected.items()),
        )

    def find(self):
        """(matches per language, ids of the resources shown in order): the backend and the
        database asked once (``SearchUnavailable`` if the backend fails)."""
        locales = list(Locale.objects.all())
        self.codes = {loc.pk: loc.language_code for loc in locales}
        matches = self.match(locales)
        found = {(key, locale_id) for _pk, key, locale_id in matches}
        language_counts = Counter(self.codes[locale_id] for _key, locale_id in found)
        if self.language is not None:
            matches = [m for m in matches if self.codes[m[2]] == self.language]
        ids = self.group(matches)
        if self.sort == SORT_NEWEST and ids:
            ids = list(
                KnowledgePage.objects.filter(pk__in=ids)
                .order_by("-first_published_at", "-pk")
                .values_list("pk", flat=True)
            )
        return language_counts, ids

    @staticmethod
    def parse_language(params):
        value = params.get("language", "").strip()
        if not value:
            return None
        known = {code for code, _name in settings.LANGUAGES}
        return value if value in known else ""  # "": an unknown language matches nothing

    def searched_locales(self, locales):
        if not self.all_languages:
            return [self.locale]
        order = [code for code, _name in settings.LANGUAGES]
        first = [self.locale.language_code, settings.LANGUAGE_CODE]
        locales = [loc for loc in locales if loc.language_code in order]
        return sorted(
            locales,
            key=lambda loc: (
                first.index(loc.language_code) if loc.language_code in first else 2,
                order.index(loc.language_code),
            ),
        )

    def match(self, locales):
        """[(pk, translation_key, locale_id)] of visible, filtered matches, best first."""
        ranked = []
        searchable = KnowledgePage.objects.live().public()  # view restrictions read once
        for preference, locale in enumerate(self.searched_locales(locales)):
            ranked.extend(
                (rank, preference, pk)
                for rank, pk in enumerate(ranked_ids(self.query, locale, queryset=searchable))
            )
        if not ranked:
            return []
        visible = searchable.filter(pk__in=[pk for _, _, pk in ranked], alias_of__isnull=True)
        rows = {
            pk: (key, locale_id)
            for pk, key, locale_id in self.filters.apply(visible).values_list(
                "pk", "translation_key", "locale_id"
            )
        }
        return [(pk, *rows[pk]) for _, _, pk in sorted(ranked) if pk in rows]

    def group(self, matches):
        """One page per resource, in resource order (best rank first)."""
        versions = defaultdict(dict)
        for pk, key, locale_id in matches:
            versions[key].setdefault(self.codes[locale_id], pk)
        ids = []
        for by_code in versions.values():
            for code in (self.locale.language_code, settings.LANGUAGE_CODE):
                if code in by_code:
                    ids.append(by_code[code])
                    break
            else:
                ids.append(next(iter(by_code.values())))
        return ids

    @cached_property
    def facets(self):
        facets = remembered_answer(
            "search-facets", *self.search_key(), compute=self.count_facets, behind=self.index_behind
        )
        return [self.keep_selected(facet) for facet in facets]

    def count_facets(self):
        facets = self.filters.facets(self.results) if self.ids else []
        if self.all_languages:
            facets = [self.merge_skills(f) if f.name == "skill" else f for f in facets]
            options = [
                FacetOption(
                    code, language_name(code), self.language_counts[code], code == self.language
                )
                for code, _name in settings.LANGUAGES
                if self.language_counts.get(code)
            ]
            facets.append(Facet("language", _("Language"), options, False))
        return facets

    def merge_skills(self, facet):
        """Skills found in several languages: one option per skill, named in the visitor's."""
        names = dict(
            SoftSkill.objects.filter(
                locale=self.locale, live=True, slug__in=[o.value for o in facet.options]
            ).values_list("slug", "name")
        )
        merged = {}
        for option in facet.options:
            if option.value in merged:
                merged[option.value].count += option.count
            else:
                merged[option.value] = FacetOption(
                    option.value,
                    names.get(option.value, option.label),
                    option.count,
                    option.selected,
                )
        options = sorted(merged.values(), key=lambda o: o.label.lower())
        return Facet(facet.name, facet.label, options, facet.fixed)

    def keep_selected(self, facet):
        """A chosen value with no results still shows (selected, 0), so the form keeps it."""
        if facet.name == "language":
            current = self.language
        else:
            current = self.filters.selected.get(facet.name)
        if current and not any(o.selected for o in facet.options):
            facet.options.append(FacetOption(current, current, 0, True))
        return facet

    @property
    def active_filters(self):
        filters = dict(self.filters.active)
        if self.language:
            filters["language"] = self.language
        return filters

    def base_params(self):
        params = {"q": self.query}
        if self.all_languages:
            params["scope"] = SCOPE_ALL
        if self.sort:
            params["sort"] = self.sort
        return params

    def querystring(self, **changes):
        return querystring({**self.base_params(), **self.active_filters}, **changes)

    def clear_filters_url(self):
        return querystring(self.base_params())

    def page_urls(self):
        return page_urls(self.page, self.querystring)

    def paginate(self):
        """The requested page of results, kept as ``page``; ``InvalidPage`` for a bad number."""
        number = self.request.GET.get("page", "1").strip() or "1"
        if len(number) > MAX_PAGE_DIGITS:
            raise InvalidPage(number)
        page = Paginator(self.ids, PAGE_SIZE).page(number)
        ids = list(page.object_list)
        # the cards' addresses depend on the request's site
        page.object_list = remembered(
            "search-cards",
            *self.search_key(),
            ids,
            self.request.scheme,
            self.request.get_host(),
            compute=lambda: self.cards(ids),
        )
        self.page = page
        return page

    def cards(self, ids):
        pages = {p.pk: p for p in card_queryset(KnowledgePage.objects.filter(pk__in=ids))}
        texts = self.texts(ids)
        versions = self.versions({p.translation_key for p in pages.values()})
        terms = {}
        cards = []
        for pk in ids:
            page = pages.get(pk)
            if page is None:
                continue
            lang = page.locale.language_code
            if lang not in terms:
                terms[lang] = frozenset(query_terms(self.query, lang, page.locale))
            available = versions.get(page.translation_key, [])
            page.search_title = mark(page.title, terms[lang], lang)
            page.search_excerpt = excerpt(texts.get(pk, page.summary), terms[lang], lang)
            page.search_other_languages = [v for v in available if v.code != lang]
            page.search_only_in_source = {v.code for v in available} == {
                settings.LANGUAGE_CODE
            } and self.locale.language_code != settings.LANGUAGE_CODE
            page.search_foreign = lang != self.locale.language_code
            cards.append(page)
        return cards

    @staticmethod
    def texts(ids):
        """pk → the text an excerpt is cut from (the page's summary, body and own fields)."""
        return {
            p.pk: " ".join(part for part in p.search_text_parts() if part)
            for p in KnowledgePage.objects.filter(pk__in=ids).specific()
        }

    def versions(self, keys):
        """translation_key → the live, public, non-alias versions, in portal language order."""
        order = [code for code, _name in settings.LANGUAGES]
        pages = (
            KnowledgePage.objects.live()
            .public()
            .filter(translation_key__in=keys, alias_of__isnull=True)
            .select_related("locale")
        )
        by_key = defaultdict(list)
        for page in pages:
            code = page.locale.language_code
            url = page.get_url(self.request)
            if url and code in order:
                by_key[page.translation_key].append(LanguageVersion(code, language_name(code), url))
        for entries in by_key.values():
            entries.sort(key=lambda v: order.index(v.code))
        return by_key
