"""The results page's data: matches in one or all languages, one entry per resource.

``SearchResults`` has a ``ResourceFilters`` (resources/filters.py: the django-filter set and the
facet counts that listings use too) and shows resources as listings do (``card_queryset``):

1. the backend ranks the live, public resources of each searched language (``ranked_ids_many``);
2. the database re-checks them (live, public, not an alias) and applies the facet filters;
3. in all-languages mode the matches are grouped by ``translation_key`` and each resource is
   shown in the best language for the visitor: their own if it is live and public (even if
   only another version matched), else the best-ranked version that matched;
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
from django.db.models import Q
from django.utils.functional import cached_property

from core.languages import language_name
from core.pages import public
from resources.filters import Facet, FacetOption, ResourceFilters, page_urls, querystring
from resources.listing import card_queryset
from resources.models import KnowledgePage, SoftSkill
from search.excerpts import excerpt_texts, with_own_texts
from search.highlight import excerpt, mark
from search.query import (
    index_behind,
    locales_and_index_behind,
    query_terms,
    ranked_ids_many,
    remembered_answer,
    remembered_search,
)
from search.spelling import vocabularies

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

    def __init__(self, request, query, locale, all_languages=False, sort="", exact=False):
        self.request = request
        self.query = query
        self.exact = exact  # the words as typed, without spelling corrections
        self.locale = locale
        self.all_languages = all_languages
        self.sort = SORT_NEWEST if sort == SORT_NEWEST else ""
        self.filters = ResourceFilters(request.GET, KnowledgePage, printable_only=True)
        self.language = self.parse_language(request.GET) if all_languages else None
        if all_languages:
            self.locales, self.index_behind = locales_and_index_behind()
        else:
            self.locales, self.index_behind = [locale], index_behind()
        self.language_counts, self.ids = remembered_answer(
            "search-results", *self.search_key(), compute=self.find, behind=self.index_behind
        )
        self.page = None

    def search_key(self):
        """What the matches, their order and the facets depend on, besides the content."""
        return (
            self.query,
            self.exact,
            self.locale.language_code,
            self.all_languages,
            self.sort,
            self.language,
            self.filters.valid,
            sorted(self.filters.selected.items()),
        )

    @cached_property
    def searchable(self):
        """The live, public resources (``core.pages.public``: the site's view restrictions are
        read once per content version, shared with the navigation)."""
        return public(KnowledgePage.objects.live())

    def find(self):
        """(resources per language, ids of the resources shown in order): the backend and the
        database asked once (``SearchUnavailable`` if the backend fails)."""
        if self.all_languages:
            matches, rows = self.match(self.locales)
            versions = defaultdict(dict)  # translation_key → {language: pk}, live and public
            for pk, key, code in rows:
                versions[key][code] = pk
            language_counts = Counter(code for by_code in versions.values() for code in by_code)
            ids = self.group(matches, versions)
        else:
            matches, _rows = self.match(self.locales)
            language_counts, ids = Counter(), [pk for pk, _key, _code in matches]
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

    def visible(self):
        """The resources a visitor may be shown: live, public, not an alias, filtered."""
        return self.filters.apply(self.searchable.filter(alias_of__isnull=True))

    def match(self, locales):
        """([(pk, translation_key, language)] of the visible, filtered matches, best first;
        the same for every visible version of the matched resources in all-languages mode,
        whether that version matched or not), in one query."""
        ranked = []
        searched = self.searched_locales(locales)
        if len(searched) > 1:
            vocabularies(searched)  # built together, for the terms and weights of each language
        for preference, ids in enumerate(
            ranked_ids_many(
                self.query,
                searched,
                queryset=self.searchable,
                exact=self.exact,
                behind=self.index_behind,
            )
        ):
            ranked.extend((rank, preference, pk) for rank, pk in enumerate(ids))
        if not ranked:
            return [], []
        pks = [pk for _, _, pk in ranked]
        if self.all_languages:
            keys = self.searchable.filter(pk__in=pks).values("translation_key")
            scope = Q(translation_key__in=keys)
        else:
            scope = Q(pk__in=pks)
        rows = list(
            self.visible()
            .filter(scope)
            .values_list("pk", "translation_key", "locale__language_code")
        )
        found = {pk: (key, code) for pk, key, code in rows}
        return [(pk, *found[pk]) for _, _, pk in sorted(ranked) if pk in found], rows

    def group(self, matches, versions):
        """One page per resource, in resource order (best rank first): the chosen language's
        version (only resources that have one), else the visitor's if it is live and public,
        even if only another language's text matched, else the best-ranked version that
        matched."""
        matched = defaultdict(list)  # translation_key → languages of its matches, best first
        for _pk, key, code in matches:
            matched[key].append(code)
        ids = []
        for key, codes in matched.items():
            available = versions[key]
            if self.language is not None:
                if self.language in available:
                    ids.append(available[self.language])
                continue
            code = self.locale.language_code if self.locale.language_code in available else codes[0]
            ids.append(available[code])
        return ids

    @cached_property
    def facets(self):
        facets = remembered_answer(
            "search-facets", *self.search_key(), compute=self.count_facets, behind=self.index_behind
        )
        return [self.keep_selected(facet) for facet in facets]

    def count_facets(self):
        # computed only when the facets are not kept (core.fragments): the ids go in once
        facets = self.filters.facets(self.ids) if self.ids else []
        if self.all_languages:
            facets = [self.merge_skills(f) if f.name == "skill" else f for f in facets]
            options = [
                FacetOption(
                    code, language_name(code), self.language_counts[code], code == self.language
                )
                for code, _name in settings.LANGUAGES
                if self.language_counts.get(code)
            ]
            facets.append(Facet("language", options, False))
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
        return Facet(facet.name, options, facet.fixed)

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
        if self.exact:
            params["exact"] = "1"
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
        page.object_list = remembered_search(
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
        """The cards of ``ids``, in order, each with the other languages it exists in; one
        query for the cards and all their live versions with the excerpts' text (the kinds' own
        fields joined in: never one query per result, images and documents are not loaded)."""
        keys = KnowledgePage.objects.filter(pk__in=ids).values("translation_key")
        # aliases are left out here, not in SQL: "alias_of_id IS NULL" made SQLite walk every
        # page that is not an alias (19 ms at 60,000 pages) instead of the few with these keys
        everything = with_own_texts(card_queryset(self.searchable.filter(translation_key__in=keys)))
        order = [code for code, _name in settings.LANGUAGES]
        pages, versions = {}, defaultdict(list)
        for page in everything:
            if page.alias_of_id is not None:
                continue
            pages[page.pk] = page
            code = page.locale.language_code
            url = page.get_url(self.request)
            if url and code in order:
                versions[page.translation_key].append(
                    LanguageVersion(code, language_name(code), url)
                )
        for entries in versions.values():
            entries.sort(key=lambda v: order.index(v.code))
        texts = excerpt_texts([pages[pk] for pk in ids if pk in pages])
        terms = {}
        cards = []
        for pk in ids:
            page = pages.get(pk)
            if page is None:
                continue
            lang = page.locale.language_code
            if lang not in terms:
                terms[lang] = frozenset(query_terms(self.query, lang, page.locale, self.exact))
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
