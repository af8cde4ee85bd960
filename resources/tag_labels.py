"""Each tag's name in the visitor's language (``TagLabel``), and the English labels kept in step
with the tags.

``label(slug, name)`` answers a tag's name in the active language: its live (reviewed) label in
that language, else the English label (or the tag's own name) marked ``lang="en"``. The labels
of a language are read in one query and kept per content version (``core.fragments``): any
snippet save bumps the version, so a newly reviewed translation shows at once.

Pages do not pay that query: the queries that read their tags read the two labels with them
(``label_columns``: scalar subqueries beside the tag's slug; the page details, the tag facet,
the tag page), and ``labelled`` / ``label_of`` carry the result on the tag, by the same rules
(``label_from``). The map stays for what has no such query (the search index, a chosen tag
that no result has).

Every new tag gets its English label, live, as soon as it is created (a ``post_save`` receiver,
connected in ``ResourcesConfig.ready()``); ``ensure_labels()`` gives one to tags that have none
(the migration that added the labels, the demo loader). Publishing a translated label reindexes
the pages of its language that have the tag, so a search for the translated word finds them.

The model is looked up through the app registry (``apps.get_model``), not imported, so that the
listing filters, which the page models import, can use the labels without an import cycle.
"""

from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import translation

from taggit.models import Tag
from wagtail.models import Locale
from wagtail.search import index

from core.fragments import remembered


class Label(NamedTuple):
    """A tag's name to show, and ``lang``: the language it is in when that is not the page's
    (``"en"`` for a tag not translated yet), else ``""``."""

    name: str
    lang: str


def label_model():
    return apps.get_model("resources", "TagLabel")


def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def language_labels(code):
    """(slug → name in ``code``, slug → English name) of every live label: one query, kept
    until the content changes."""
    return remembered("tag-labels", code, compute=lambda: read_labels(code))


def read_labels(code):
    source = settings.LANGUAGE_CODE
    rows = (
        label_model()
        .objects.filter(live=True, locale__language_code__in={code, source})
        .values_list("slug", "name", "locale__language_code")
    )
    own, english = {}, {}
    for slug, name, lang in rows:
        (own if lang == code else english)[slug] = name
    return own, english


def label(slug, name, code=None):
    """The ``Label`` of the tag ``slug`` (called ``name`` by taggit) in language ``code`` (the
    active language by default)."""
    code = code or current_language()
    own, english = language_labels(code)
    return label_from(own.get(slug), english.get(slug), name, code)


def label_from(own, english, name, code):
    """The ``Label`` in ``code`` of a tag called ``name`` whose live label in ``code`` is
    ``own`` and whose live English one is ``english`` (``None``: no such label)."""
    if own is not None:
        return Label(own, "")
    source = settings.LANGUAGE_CODE
    return Label(name if english is None else english, "" if code == source else source)


def label_columns(slug, code=None):
    """(own, English): the names of the live labels, in ``code`` (the active language by
    default) and in English, of the tag whose slug the outer query's ``slug`` column holds, as
    scalar subqueries to read with the tag (``label_from`` makes the ``Label``)."""
    code = code or current_language()
    live = label_model().objects.filter(slug=OuterRef(slug), live=True).order_by()
    return (
        Subquery(live.filter(locale__language_code=code).values("name")[:1]),
        Subquery(live.filter(locale__language_code=settings.LANGUAGE_CODE).values("name")[:1]),
    )


def labelled(tag, own, english, code=None):
    """``tag`` carrying its ``Label`` in ``code`` (the active language by default), made from
    the ``label_columns`` read with it, for ``label_of``."""
    code = code or current_language()
    tag.labels = {code: label_from(own, english, tag.name, code)}
    return tag


def label_of(tag):
    """The ``Label`` of ``tag`` in the active language: the one it carries (``labelled``), else
    read from the language's labels (``label``)."""
    code = current_language()
    carried = getattr(tag, "labels", {}).get(code)
    return carried if carried is not None else label(tag.slug, tag.name, code)


def labels_of(tags, code):
    """The names of ``tags`` that have a live label in ``code`` other than the tag's own name
    (for the search index)."""
    own, _english = language_labels(code)
    return [own[tag.slug] for tag in tags if own.get(tag.slug, tag.name) != tag.name]


def ensure_labels(tags=None):
    """Give each of ``tags`` (every tag by default) that has no English label a live one named
    like the tag. Returns the labels created."""
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None:  # before the languages are set up: the set-up after migrate comes back
        return []
    model = label_model()
    tags = Tag.objects.all() if tags is None else tags
    have = set(model.objects.filter(locale=locale).values_list("slug", flat=True))
    created = []
    for tag in tags:
        if tag.slug not in have:
            have.add(tag.slug)
            created.append(model.objects.create(name=tag.name, slug=tag.slug, locale=locale))
    return created


def tag_created(sender, instance, created, raw=False, **kwargs):
    """``post_save`` of a tag: a new tag gets its English label."""
    if created and not raw:
        ensure_labels([instance])


def label_published(sender, instance, **kwargs):
    """``published`` of a label: reindex its language's pages that have the tag (their search
    text holds the label, see ``KnowledgePage.search_label_terms``)."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    pages = apps.get_model("resources", "KnowledgePage").objects.filter(
        locale_id=instance.locale_id, tagged_items__tag__slug=instance.slug
    )
    transaction.on_commit(lambda: [index.insert_or_update_object(page) for page in pages])


def label_facet(facet, labels=None):
    """The tag ``facet`` of a listing or search (``resources.filters.Facet``) with its options
    named in the active language (``lang`` set on those still in English), in the order of
    their names. ``labels``: value → (own, English) as ``label_columns`` read them with the
    counts; without them, the language's labels are read (``label``)."""
    code = current_language()
    for option in facet.options:
        if labels is not None:
            own, english = labels.get(option.value, (None, None))
            option.label, option.lang = label_from(own, english, option.label, code)
        else:
            option.label, option.lang = label(option.value, option.label, code)
    facet.options.sort(key=lambda option: option.label.casefold())
    return facet


def label_name(slug):
    """The name of the tag ``slug`` in the active language, or ``slug`` if there is no such
    tag (a chosen filter that matches nothing)."""
    return label(slug, slug).name
