"""The text a search result's excerpt is cut from, for a page of results in a fixed number of
queries.

``KnowledgePage.search_text_parts()`` (what is indexed) turns each StreamField into block
values, which loads every image and document a body chooses, one query per page. An excerpt
only needs the words: here the stored (raw) StreamField data is walked along its block
definitions, so chooser blocks (images, documents, pages) are skipped without a query, and the
kinds' own fields are read with the pages themselves (``with_own_texts``: a join per kind).
"""

from django.db.models import F

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamValue

from core.text import html_text
from resources.models import KnowledgePage


def _raw_text(block, value):
    """The words in ``value``, the stored data of ``block``."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from _raw_text(child_block, child.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            # a list item is stored as {"type": "item", "value": …, "id": …} (or bare, before)
            is_wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from _raw_text(block.child_block, item["value"] if is_wrapped else item)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _raw_text(child_block, value.get(name))
    elif isinstance(block, blocks.RichTextBlock):
        yield html_text(value)
    elif (
        isinstance(block, blocks.FieldBlock)
        and not isinstance(block, EmbedBlock)
        and isinstance(value, str)
    ):
        yield value


def stream_words(value) -> str:
    """Plain text of a StreamField value (as ``core.text.stream_text``, no chooser loaded) or
    of a plain text field."""
    if isinstance(value, StreamValue):
        return " ".join(part for part in _raw_text(value.stream_block, value.raw_data) if part)
    return value if isinstance(value, str) else ""


def kind_links():
    """[(kind model, the name that reaches its row from KnowledgePage in a lookup)]."""
    found = []
    for model in KnowledgePage.kinds().values():
        link = model._meta.parents.get(KnowledgePage)  # kinds are direct subclasses
        if link is not None:
            found.append((model, link.related_query_name()))
    return found


def _own_fields():
    """[(lookup from KnowledgePage, annotation name, is rich text)] of every kind's own text
    fields."""
    fields = []
    for model, prefix in kind_links():
        for names, rich in ((model.search_text_fields, False), (model.section_fields, True)):
            fields += [(f"{prefix}__{name}", f"excerpt_{prefix}_{name}", rich) for name in names]
    return fields


def with_own_texts(pages):
    """``pages`` (a ``KnowledgePage`` queryset) with every kind's own text fields joined in, for
    ``excerpt_texts``: no further query, whatever the kinds."""
    return pages.annotate(**{alias: F(lookup) for lookup, alias, _rich in _own_fields()})


def excerpt_texts(pages) -> dict:
    """pk → the page's summary, body and its kind's own text fields, for ``KnowledgePage``
    instances of any kind read with ``with_own_texts`` (no query)."""
    fields = _own_fields()
    texts = {}
    for page in pages:
        own = [
            html_text(value) if rich else stream_words(value)
            for _lookup, alias, rich in fields
            if (value := getattr(page, alias))
        ]
        texts[page.pk] = " ".join(
            part for part in (page.summary, stream_words(page.body), *own) if part
        )
    return texts
