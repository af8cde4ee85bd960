"""An index page's listed resources held as rows, so that a filtered listing is chosen and
counted in Python instead of by two queries over every resource the filter matches.

A filtered listing's ids query and facets' query grow with what the filter matches: at 10,000
resources in a language, "audience: manager" matches 4,700 of them, and the two queries took
28 of its 53 ms. ``ListedRows`` holds, for every resource the unfiltered listing lists and in
its order, what the filters and facets read: the columns of ``COLUMN_FACETS``, the ids of its
skills and tags, and its audiences, with the linked skills' and tags' slugs and names (in the
order the database sorts the names, as the facets' query orders its options). A filtered
listing is then these rows, kept if they match every chosen filter as the filter set's lookups
do (``ListedRows.chosen``), and its facets are counted over the rows kept (``related_counts``:
the rows ``ResourceFilters._facet_counts`` would read).

The rows are read when an editor's change rebuilds the index listings (``rebuild_listings`` in
resources/listing.py), which then computes the unfiltered listing from them too, and they are
kept per content version (``core.fragments``), so they are never older than the content.
Without them (no change made in a request since the version began, or a visitor who comes
while the rebuild runs), a listing runs its queries as before.
tests/resources/test_listed_rows.py shows that both give the same ids and facets for every
option of every facet, pairs of them and values naming nothing, in English and Bulgarian.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain

from core.id_lists import among
from resources.filters import COLUMN_FACETS, inline_model, kind_content_types
from resources.tag_labels import current_language, language_labels

# The filters a listing's rows can answer; a chosen filter outside them (a listing's fixed
# tag, a facet added later) leaves the listing to its queries.
ANSWERED = {"type", "skill", "tag", "audience", *COLUMN_FACETS}


@dataclass
class ListedRows:
    """``columns[i]``: the ``COLUMN_FACETS`` values of the resource ``ids[i]``; ``skills[i]``,
    ``tags[i]``: the ids it links to (each once); ``audiences[i]``: its audiences. ``skill_names``
    and ``tag_names``: id → (slug, name, live), in the order of the names."""

    ids: list
    columns: list
    skills: list
    tags: list
    audiences: list
    skill_names: dict
    tag_names: dict

    @classmethod
    def read(cls, results):
        """The rows of ``results`` (a listing's ordered queryset of resources): six queries."""
        rows = list(results.values_list("pk", *COLUMN_FACETS.values()))
        ids = [row[0] for row in rows]
        model = results.model
        skills, tags, audiences = defaultdict(list), defaultdict(list), defaultdict(list)
        listed = among(ids)  # one parameter: a list would be 10,000, each prepared by Django
        links = inline_model(model, "skill_links").objects.filter(page__in=listed)
        for page, skill in links.values_list("page_id", "skill_id").distinct():
            skills[page].append(skill)
        links = inline_model(model, "tagged_items").objects.filter(content_object__in=listed)
        for page, tag in links.values_list("content_object_id", "tag_id").distinct():
            tags[page].append(tag)
        links = inline_model(model, "audiences").objects.filter(page__in=listed)
        for page, audience in links.values_list("page_id", "audience"):
            audiences[page].append(audience)
        skill_model = inline_model(inline_model(model, "skill_links"), "skill")
        tag_model = inline_model(inline_model(model, "tagged_items"), "tag")
        linked_skills = set(chain.from_iterable(skills.values()))
        linked_tags = set(chain.from_iterable(tags.values()))
        # Equal values made one object, which pickle then writes once: resources share their
        # columns, and often their links. The benchmark's 10,000 resources (copies of 24) take
        # 81 KB and 0.4 ms to read from the cache so, 510 KB and 3.5 ms otherwise, which is
        # also about what 10,000 resources that share nothing would take.
        columns, skill_sets, tag_sets, audience_sets = {}, {}, {}, {}
        return cls(
            ids=ids,
            columns=[shared(columns, row[1:]) for row in rows],
            skills=[shared(skill_sets, tuple(skills.get(pk, ()))) for pk in ids],
            tags=[shared(tag_sets, tuple(tags.get(pk, ()))) for pk in ids],
            audiences=[shared(audience_sets, tuple(audiences.get(pk, ()))) for pk in ids],
            skill_names={
                pk: (slug, name, live)
                for pk, slug, name, live in skill_model.objects.filter(pk__in=linked_skills)
                .order_by("name", "pk")
                .values_list("pk", "slug", "name", "live")
            },
            tag_names={
                pk: (slug, name, True)
                for pk, slug, name in tag_model.objects.filter(pk__in=linked_tags)
                .order_by("name", "pk")
                .values_list("pk", "slug", "name")
            },
        )

    def chosen(self, filters):
        """The positions of the rows that ``filters`` (a valid ``ResourceFilters`` without
        fixed filters) keep, in order; ``None`` if a chosen filter is not one rows answer. Each
        filter narrows the positions the previous ones kept."""
        selected = filters.selected
        if not set(selected) <= ANSWERED:
            return None
        positions = range(len(self.ids))
        for name, value in selected.items():
            if name in COLUMN_FACETS:
                column = list(COLUMN_FACETS).index(name)
                if name == "type":
                    value = kind_content_types(filters.model)[value].pk
                elif name == "country":
                    value = value.upper()
                columns = self.columns
                positions = [i for i in positions if columns[i][column] == value]
            elif name == "audience":
                audiences = self.audiences
                positions = [i for i in positions if value in audiences[i]]
            else:  # a skill or a tag: any linked one with that slug, live or not
                links, names = (
                    (self.skills, self.skill_names)
                    if name == "skill"
                    else (self.tags, self.tag_names)
                )
                named = {pk for pk, (slug, _name, _live) in names.items() if slug == value}
                positions = [i for i in positions if not named.isdisjoint(links[i])]
        return list(positions)

    def related_counts(self, positions):
        """The facet rows (facet, value, label, n, own, english) of the skills, tags and
        audiences of the rows at ``positions``, as ``ResourceFilters._facet_counts`` gives
        them without its column facets: each facet's options in the order of their labels, a
        skill that is not live without a value."""
        rows = []
        audiences = Counter(chain.from_iterable(self.audiences[i] for i in positions))
        rows += [
            {"facet": "audience", "value": value, "label": "", "n": n, "own": None, "english": None}
            for value, n in audiences.items()
        ]
        skills = Counter(chain.from_iterable(self.skills[i] for i in positions))
        rows += [
            {
                "facet": "skill",
                "value": slug if live else None,
                "label": name,
                "n": skills[pk],
                "own": None,
                "english": None,
            }
            for pk, (slug, name, live) in self.skill_names.items()
            if pk in skills
        ]
        own, english = language_labels(current_language())
        tags = Counter(chain.from_iterable(self.tags[i] for i in positions))
        rows += [
            {
                "facet": "tag",
                "value": slug,
                "label": name,
                "n": tags[pk],
                "own": own.get(slug),
                "english": english.get(slug),
            }
            for pk, (slug, name, _live) in self.tag_names.items()
            if pk in tags
        ]
        return rows


def shared(seen, value):
    """``value``, or the equal value ``seen`` has (which then keeps it)."""
    return seen.setdefault(value, value)
