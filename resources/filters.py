"""The resource filters that listings and search results share.

``ResourceFilterSet`` (django-filter) parses and validates the visitor's filters (``type``,
``skill``, ``tag``, ``audience``, ``level``, ``country``, ``sector``); ``ResourceFilters`` applies
them to a queryset, counts the facets beside the results (one aggregate query for all facets),
names the chosen ones as removable chips and builds the query strings that keep them. A value
that does not validate matches nothing: the visitor gets an empty result, never an error.

This module knows the resource model only through the queryset it is given (its kind registry,
``kinds()``, and the inline models behind its relations), so the page models that list resources
can import it without an import cycle.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

import django_filters
from django_countries import countries

from core.id_lists import among
from resources.tag_labels import label as tag_label
from resources.tag_labels import label_columns, label_facet, label_name
from resources.taxonomy import Audience, Level, Sector

MAX_PARAM_LENGTH = 100
FACETS = ("type", "skill", "tag", "audience", "level", "country", "sector")
# The facets that are columns of the resource itself (facet -> field): a listing reads them with
# its ids and counts them in Python (``ResourceFilters.facets``'s ``columns``)
COLUMN_FACETS = {"type": "content_type", "level": "level", "country": "country", "sector": "sector"}
FACET_LABELS = {
    "type": _("Type"),
    "skill": _("Soft skill"),
    "tag": _("Tag"),
    "audience": _("Audience"),
    "level": _("Level"),
    "country": _("Country"),
    "sector": _("Sector"),
    "language": _("Language"),  # search's all-languages facet (search.results)
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    lang: str = ""  # the label's language when it is not the page's (an untranslated tag)


@dataclass
class Facet:
    """A facet and its options. Facets are kept across requests (``core.fragments``): the
    label is looked up when shown, not kept, since unpickling a lazy translation builds a new
    class each time (about 0.2 ms per facet and request)."""

    name: str
    options: list
    fixed: bool

    @property
    def label(self):
        return FACET_LABELS.get(self.name, self.name)


@dataclass
class Chip:
    """A chosen filter shown above the results, with the address that removes it."""

    name: str
    facet_label: str
    label: str
    remove_url: str
    lang: str = ""  # the label's language when it is not the page's (an untranslated tag)


def kind_content_types(model):
    """Public type slug → content type, for each kind of ``model`` (``KnowledgePage``)."""
    kinds = model.kinds()
    types = ContentType.objects.get_for_models(*kinds.values())  # one query in a fresh process
    return {slug: types[kind] for slug, kind in kinds.items()}


def inline_model(model, relation):
    """The model at the other end of ``model``'s ``relation``: one of the page's inline
    relations (``skill_links`` → its link model), or a link's own (``skill`` → the skill)."""
    return model._meta.get_field(relation).related_model


def printable(value):
    if not value.isprintable():
        raise ValidationError("Control characters name nothing.", code="unprintable")


def text_validators(printable_only):
    """What a filter value must be to be read at all: at most 100 characters, without NUL
    (PostgreSQL cannot compare text with NUL bytes), and, for search, without control
    characters. A value that fails is ignored and matches nothing."""
    validators = [MaxLengthValidator(MAX_PARAM_LENGTH), ProhibitNullCharactersValidator()]
    return [*validators, printable] if printable_only else validators


class StrippedChoiceField(django_filters.fields.ChoiceField):
    """A choice typed in a query string: stripped, checked as text first (``validators``), then
    looked up among the choices (an unknown one fails with the code ``invalid_choice``)."""

    def to_python(self, value):
        return super().to_python(value).strip()

    def clean(self, value):
        value = self.to_python(value)
        self.run_validators(value)
        self.validate(value)
        return value


class StrippedChoiceFilter(django_filters.ChoiceFilter):
    field_class = StrippedChoiceField


class ResourceFilterSet(django_filters.FilterSet):
    """The filters of a resource queryset. ``kinds`` limits the types offered (an index page's
    own); ``fixed`` filters are the page's own (a tag page's tag) and not read from the query."""

    type = StrippedChoiceFilter(method="filter_type")
    skill = django_filters.CharFilter(field_name="skill_links__skill__slug")
    tag = django_filters.CharFilter(field_name="tagged_items__tag__slug")
    audience = StrippedChoiceFilter(field_name="audiences__audience", choices=Audience.choices)
    level = StrippedChoiceFilter(field_name="level", choices=Level.choices)
    country = django_filters.CharFilter(method="filter_country")
    sector = StrippedChoiceFilter(field_name="sector", choices=Sector.choices)

    def __init__(self, data, queryset, *, kinds=None, fixed=(), printable_only=False):
        super().__init__(data, queryset)
        self.kind_types = kind_content_types(queryset.model)
        self.filters["type"].extra["choices"] = [(slug, slug) for slug in kinds or self.kind_types]
        for name in fixed:
            del self.filters[name]
        for filter_ in self.filters.values():
            filter_.extra["validators"] = text_validators(printable_only)

    def filter_type(self, queryset, name, value):
        return queryset.filter(content_type=self.kind_types[value])

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())


class ResourceFilters:
    """The visitor's filters over resources of ``model``: what they chose, the queryset they
    leave, the facets to choose from and the query strings that keep them. ``printable_only``:
    search results also ignore values with control characters (listings show them as chosen,
    matching nothing)."""

    def __init__(self, params, model, *, kinds=None, fixed=None, printable_only=False):
        self.model = model
        self.kinds = kinds
        self.fixed = dict(fixed or {})
        self.filterset = ResourceFilterSet(
            params,
            model._default_manager.all(),
            kinds=kinds,
            fixed=self.fixed,
            printable_only=printable_only,
        )
        self.valid = self.filterset.is_valid()
        self.selected = self.chosen()

    def chosen(self):
        """Facet name → the chosen value (the page's fixed ones first). A readable value that
        names nothing (an unknown type) stays chosen and matches nothing; an unreadable one
        (too long, NUL) is ``None``."""
        selected = dict(self.fixed)
        form = self.filterset.form
        errors = form.errors.as_data()
        for name in FACETS:
            if name in self.fixed:
                continue
            codes = {error.code for error in errors.get(name, ())}
            if codes == {"invalid_choice"}:
                selected[name] = form.fields[name].to_python(form[name].data)
            elif codes:
                selected[name] = None
            elif form.cleaned_data.get(name):
                selected[name] = form.cleaned_data[name]
        return selected

    def apply(self, queryset):
        """``queryset`` narrowed by the chosen filters; empty if one of them does not validate."""
        if not self.valid:
            return queryset.none()
        return self.filterset.filter_queryset(queryset)

    @property
    def active(self):
        """The chosen filters a visitor can change (for links that keep them)."""
        return {k: v for k, v in self.selected.items() if v and k not in self.fixed}

    def label(self, name, value):
        """What the chosen ``value`` of the facet ``name`` is called when no facet option names
        it (nothing matches): the vocabularies' labels, the skill or tag name (one query), else
        the value as typed."""
        if name == "type":
            kinds = self.model.kinds()
            return kinds[value]._meta.verbose_name_plural if value in kinds else value
        if name in CHOICES:
            return dict(CHOICES[name]).get(value, value)
        if name == "country":
            return countries.name(value.upper()) or value
        if name == "tag":
            return label_name(value)
        if name in NAMED_BY:
            relation, field = NAMED_BY[name]
            named = inline_model(self.model, relation)._meta.get_field(field).related_model
            found = named.objects.filter(slug=value)
            if hasattr(named, "locale"):
                found = found.filter(locale__language_code=get_language())
            return found.values_list("name", flat=True).first() or value
        return value

    def chips(self, facets, active, querystring):
        """One removable chip per ``active`` filter (name → value), named as its facet option,
        or by ``label()`` when no option names it (a filter that matches nothing still shows
        and can be removed). ``querystring(**changes)`` builds the remove links."""
        by_name = {facet.name: facet for facet in facets}
        chips = []
        for name, value in active.items():
            facet = by_name.get(name)
            option = next((o for o in facet.options if o.value == value), None) if facet else None
            if option and (option.label != value or name == "tag"):
                label, lang = option.label, option.lang
            elif name == "tag":  # its name in the language, or in English with its ``lang``
                label, lang = tag_label(value, option.label if option else value)
            else:
                label, lang = self.label(name, value), ""
            chips.append(
                Chip(
                    name,
                    str(facet.label if facet else FACET_LABELS.get(name, name)),
                    str(label),
                    querystring(**{name: "", "page": ""}),
                    lang,
                )
            )
        return chips

    def facets(self, ids, columns=None, related=None):
        """Each facet's options with their counts over the pages ``ids`` (a list of primary keys
        of ``model``): one query for all facets (their counts, a ``UNION ALL`` ordered by label
        as each was). The ids go in as one parameter (``core.id_lists``), which each part
        matches directly.

        ``columns``, if given, holds for each id the values of its ``COLUMN_FACETS`` fields (in
        that order), read with the ids: those facets are then counted here, and the query counts
        the related ones only (skills, tags, audiences). At 10,000 resources in a language, the
        four column parts took 28 of the query's 57 ms; counting them in Python, about 2.

        ``related``, if given with ``columns``, holds the rows the query would give (counted from a
        listing's kept rows, ``resources.listed_rows``): no query is made."""
        ids = among(ids)
        results = self.model.objects.filter(pk__in=ids)
        counts = {}
        if columns is not None:
            for position, facet in enumerate(COLUMN_FACETS):
                tally = Counter(row[position] for row in columns)
                counts[facet] = [(value, "", n) for value, n in tally.items() if value]
        tag_labels = {}  # slug -> its live labels (own language, English), read with the counts
        if related is None:
            related = self._facet_counts(results, ids, with_columns=columns is None)
        for row in related:
            if row["value"] is None:  # a linked skill that is not live
                continue
            counts.setdefault(row["facet"], []).append((row["value"], row["label"], row["n"]))
            if row["facet"] == "tag":
                tag_labels[row["value"]] = (row["own"], row["english"])
        kind_cts = kind_content_types(self.model)
        by_ct = {int(value): n for value, _label, n in counts.get("type", ())}
        facets = [
            self.facet(
                "type",
                [
                    (
                        slug,
                        kind_cts[slug].model_class()._meta.verbose_name_plural,
                        by_ct.get(kind_cts[slug].pk, 0),
                    )
                    for slug in self.kinds or tuple(kind_cts)
                ],
            )
        ]
        facets.append(self.facet("skill", counts.get("skill", [])))
        facets.append(label_facet(self.facet("tag", counts.get("tag", [])), tag_labels))
        by_audience = {value: n for value, _label, n in counts.get("audience", ())}
        facets.append(self.facet("audience", counted(Audience.choices, by_audience)))
        by_level = {value: n for value, _label, n in counts.get("level", ())}
        facets.append(self.facet("level", counted(Level.choices, by_level)))
        by_country = [(code, countries.name(code), n) for code, _, n in counts.get("country", ())]
        facets.append(self.facet("country", sorted(by_country, key=lambda option: str(option[1]))))
        by_sector = {value: n for value, _label, n in counts.get("sector", ())}
        facets.append(self.facet("sector", counted(Sector.choices, by_sector)))
        return facets

    def _facet_counts(self, results, ids, with_columns=True):
        """Rows (facet, value, label, n, own, english) of every facet (without the
        ``COLUMN_FACETS`` unless ``with_columns``), in one query; ``own`` and
        ``english``: a tag's live labels in the active language and in English (``None`` for the
        other facets). The skills and tags are grouped by the linked skill's or tag's id, and
        their names and the tag labels are read once per group, not for each link (grouping by
        the labels read them for every link: 51 of the 98 ms of a listing's facets at 10,000
        resources in a language). A skill that is not live has no value (``facets`` drops it).
        The audiences are counted without ``DISTINCT``: a page has each one once (the
        ``unique_page_audience`` constraint)."""
        text = CharField()

        def grouped(queryset, facet, value, label=None):
            return queryset.order_by().values(
                facet=Value(facet, output_field=text),
                value=Cast(value, output_field=text),
                label=Cast(label, output_field=text) if label else Value("", output_field=text),
            )

        def with_count(queryset, count):
            none = Value(None, output_field=text)
            return queryset.annotate(n=count).annotate(own=none, english=none)

        def per_linked(links, facet, key, count, names, labels=(None, None)):
            # Grouped by the linked object's id, its names read once per group: grouped by the
            # names, each link read them (at 10,000 resources in a language, the skills took
            # 9.2 ms that way and 5.7 this way, the tags 15.6 and 8.7). The names and labels
            # are annotated after the count and without a Cast: annotated with it or cast,
            # Django would group by them as a whole, and they would be read for every link.
            own, english = (name if name else Value(None, output_field=text) for name in labels)
            value, label = names
            return (
                links.order_by()
                .values(key)
                .annotate(n=count)
                .annotate(
                    facet=Value(facet, output_field=text),
                    value=value,
                    label=label,
                    own=own,
                    english=english,
                )
                .values("facet", "value", "label", "n", "own", "english")
            )

        skill_links = inline_model(self.model, "skill_links")
        skill = inline_model(skill_links, "skill").objects.order_by()
        skill = skill.filter(pk=OuterRef("skill_id"), live=True)  # not live: no value
        skills = per_linked(
            skill_links.objects.filter(page__in=ids),
            "skill",
            "skill_id",
            Count("page", distinct=True),
            (Subquery(skill.values("slug")), Subquery(skill.values("name"))),
        )
        tag_links = inline_model(self.model, "tagged_items")
        tag = inline_model(tag_links, "tag").objects.filter(pk=OuterRef("tag_id")).order_by()
        tags = per_linked(
            tag_links.objects.filter(content_object__in=ids),
            "tag",
            "tag_id",
            Count("content_object", distinct=True),
            (Subquery(tag.values("slug")), Subquery(tag.values("name"))),
            label_columns("value"),
        )
        audiences = with_count(
            grouped(
                inline_model(self.model, "audiences").objects.filter(page__in=ids),
                "audience",
                "audience",
            ),
            Count("pk"),  # a page has an audience once (unique_page_audience)
        )
        parts = [tags, audiences]
        if with_columns:
            for facet, field in COLUMN_FACETS.items():
                chosen = results if facet == "type" else results.exclude(**{field: ""})
                parts.append(with_count(grouped(chosen, facet, field), Count("pk")))
        return skills.union(*parts, all=True).order_by("facet", "label")

    def facet(self, name, rows):
        current = self.selected.get(name)
        options = [
            FacetOption(str(value), str(label), count, str(value) == current)
            for value, label, count in rows
        ]
        return Facet(name, options, name in self.fixed)


CHOICES = {"audience": Audience.choices, "level": Level.choices, "sector": Sector.choices}
NAMED_BY = {"skill": ("skill_links", "skill"), "tag": ("tagged_items", "tag")}


@dataclass
class FilterPanel:
    """A filter form's content: the facets it offers (each with two options or more: a choice
    of one is no choice), the chosen filters it keeps as hidden fields (their facet is not
    offered) and the chosen filters as removable chips."""

    facets: list
    hidden: dict
    chips: list


def filter_panel(results):
    """The ``FilterPanel`` of ``results`` (a ``Listing`` or search results: anything with
    ``filters``, ``facets``, ``active_filters`` and ``querystring``)."""
    active = results.active_filters
    offered = [f for f in results.facets if not f.fixed and len(f.options) > 1]
    names = {facet.name for facet in offered}
    return FilterPanel(
        offered,
        {name: value for name, value in active.items() if name not in names},
        results.filters.chips(results.facets, active, results.querystring),
    )


def counted(choices, counts):
    """(value, label, count) of each choice found, in the choices' order."""
    return [(value, label, counts[value]) for value, label in choices if value in counts]


def querystring(params, **changes):
    """``?``-query of ``params`` with ``changes`` (``None`` keeps a value; ``""`` drops it)."""
    params = {**params, **{k: v for k, v in changes.items() if v is not None}}
    return "?" + urlencode({k: v for k, v in params.items() if v != ""})


def page_urls(page, querystring):
    """The previous and next pages' addresses (``None`` at either end)."""
    return {
        "previous": querystring(page=page.previous_page_number()) if page.has_previous() else None,
        "next": querystring(page=page.next_page_number()) if page.has_next() else None,
    }
