"""Building resource pages: the one place that knows how a guide, good practice or case study is
made with its inline links (soft skills, partners, audience, tags), under which index page, and
how it is saved or published.

The demo loader (``home/demo.py``), search_eval's corpus loader (``search/evaluation.py``), the
search benchmark and the test factories all create their pages here. The module names no page
class of a higher app: the kinds come from the kind registry (``KnowledgePage.kinds()``), the
index and home page classes from Wagtail's page-type rules (``allowed_parent_page_models``).

Pages are either *saved* as their fields say (live by default, no revision: fast, for corpora
and tests) or *published* through a revision, as an editor would (a revision and log entry,
``first_published_at``, and the aliases in the languages that follow the source language).
"""

from django.utils.text import slugify

from wagtail.models import Page
from wagtail.rich_text import RichText

from resources.models import (
    KnowledgePage,
    KnowledgePageAudience,
    KnowledgePagePartner,
    KnowledgePageSkill,
)


def split_paragraphs(text):
    """The paragraphs of a text written with a blank line between them."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def paragraph_blocks(texts):
    """One StreamField ``paragraph`` block per text (the body of a resource)."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def body_blocks(texts):
    """The blocks of a body written as texts: a ``heading`` block (level 2) for each text that
    starts with ``## `` (the demo content's and corpora's section headings), else a
    ``paragraph`` block."""
    return [
        ("heading", {"text": text[3:].strip(), "level": "h2"})
        if text.startswith("## ")
        else paragraph_blocks([text])[0]
        for text in texts
    ]


def resource_model(kind):
    """The page class of a kind of resource: ``guide``, ``good-practice``, ``case-study`` (the
    corpora's spelling with underscores is accepted)."""
    return KnowledgePage.kinds()[kind.replace("_", "-")]


def index_model(model):
    """The index page class that pages of ``model`` are created under (its one parent type)."""
    (parent,) = model.allowed_parent_page_models()
    return parent


def index_models():
    """Every resource index page class (resources, case studies), in kind order."""
    return list(dict.fromkeys(index_model(model) for model in KnowledgePage.kinds().values()))


def home_model():
    """The class of the page in each language that the index pages live under (the home page)."""
    (home,) = {parent for model in index_models() for parent in model.allowed_parent_page_models()}
    return home


def index_slug(model):
    """An index page's address: its app's name (``resources``, ``case-studies``)."""
    return model._meta.app_label.replace("_", "-")


def save_page(parent, page, *, publish=False):
    """Add ``page`` under ``parent`` if it is new, else save it; then publish it if asked."""
    if page.pk is None:
        parent.refresh_from_db()  # publishing elsewhere may have added aliases under it
        parent.add_child(instance=page)
    elif not publish:
        page.save()
    if publish:
        page.save_revision().publish()
    return page


def child_page(parent, model, slug, *, publish=False, defaults=None, **fields):
    """The ``model`` page at ``slug`` under ``parent``, in the parent's language: created with
    ``defaults`` and ``fields``, or, if it exists, given ``fields`` (left alone when there are
    none and it is not to be published)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **{**(defaults or {}), **fields})
    elif not fields and not publish:
        return page
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return save_page(parent, page, publish=publish)


def index_page(home, model, *, publish=False, **fields):
    """The ``model`` index page under ``home`` (created titled by its slug if no title given)."""
    slug = index_slug(model)
    return child_page(home, model, slug, publish=publish, defaults={"title": slug}, **fields)


def index_pages(home, *, publish=False, fields=None):
    """Index page class → the index page under ``home``, for every resource index class;
    ``fields``: index page class → its fields."""
    return {
        model: index_page(home, model, publish=publish, **(fields or {}).get(model, {}))
        for model in index_models()
    }


def home_page(locale):
    """The home page in ``locale`` (the first page at the top of its tree), created if missing."""
    model = home_model()
    home = model.objects.filter(locale=locale, depth=2).first()
    if home is None:
        code = locale.language_code
        root = Page.get_first_root_node()
        # No slug: Wagtail makes one from the title that no page at the top of the tree has.
        home = root.add_child(instance=model(title=f"Home {code}", locale=locale))
    return home


def snippet(model, *, slug, locale, update=True, **fields):
    """The ``model`` snippet (a soft skill, a partner) with ``slug`` in ``locale``: created with
    ``fields``; if it exists, rewritten with them (``update``) or kept as it is."""
    find = model.objects.update_or_create if update else model.objects.get_or_create
    obj, _created = find(slug=slug, locale=locale, defaults=fields)
    return obj


def resource(
    parent,
    model,
    *,
    skills=(),
    partners=(),
    audience=(),
    tags=(),
    publish=False,
    update=False,
    **fields,
):
    """A ``model`` page (guide, good practice, case study) under ``parent``, in the parent's
    language unless ``locale`` is given, with its links: ``skills`` and ``partners`` are snippets
    in the page's language, ``audience`` audience values, ``tags`` tag names.

    With ``update``, the child of ``parent`` with the same ``slug`` is rewritten if there is one
    (a loader run again); ``publish`` publishes the page through a revision.
    """
    locale = fields.setdefault("locale", parent.locale)
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first() if update else None
    if page is None:
        page = model(**fields)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.skill_links = [KnowledgePageSkill(skill=skill, locale=locale) for skill in skills]
    page.partner_links = [KnowledgePagePartner(partner=p, locale=locale) for p in partners]
    page.audiences = [KnowledgePageAudience(audience=value) for value in audience]
    page.tags.set(list(tags))
    return save_page(parent, page, publish=publish)


def document_resource(indexes, doc, skills_by_slug=None, **options):
    """A corpus document (the demo content's and search-bench's format: ``id``, ``type``,
    ``title``, ``summary``, ``body``, ``skills``, ``audience``, ``country``, ``sector``) as a
    resource page under its index in ``indexes`` (index page class → page), linked to the soft
    skills its ``skills`` slugs name in ``skills_by_slug`` (slug → skill in the index's language).
    ``options`` add or replace fields, links (``skills=[…]``) and flags (see ``resource``)."""
    model = resource_model(doc["type"])
    fields = {
        "title": doc["title"],
        "slug": slugify(doc["id"]),
        "summary": doc.get("summary", ""),
        "body": body_blocks(split_paragraphs(doc.get("body", ""))),
        "country": doc.get("country") or "",
        "sector": doc.get("sector") or "",
        "audience": doc.get("audience", []),
    }
    if "skills" not in options:
        fields["skills"] = [skills_by_slug[slug] for slug in doc.get("skills", [])]
    return resource(indexes[index_model(model)], model, **{**fields, **options})
