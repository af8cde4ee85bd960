"""The text a search result's excerpt is cut from, for a page of results in a fixed number of
queries.

``KnowledgePage.search_text_parts()`` (what is indexed) turns each StreamField into block
values, which loads every image and document a body chooses, one query per page. An excerpt
only needs the words: here the stored (raw) StreamField data is walked along its block
definitions, so chooser blocks (images, documents, pages) are skipped without a query, and the
kinds' own fields are read in one query for all kinds (a join per kind).
"""

from collections import defaultdict

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


def _own_fields():
    """[(lookup from KnowledgePage, is rich text)] of every kind's own text fields."""
    fields = []
    for model in KnowledgePage.kinds().values():
        link = model._meta.parents.get(KnowledgePage)  # kinds are direct subclasses
        if link is None:
            continue
        prefix = link.related_query_name()
        fields += [(f"{prefix}__{name}", False) for name in model.search_text_fields]
        fields += [(f"{prefix}__{name}", True) for name in model.section_fields]
    return fields


def excerpt_texts(pages) -> dict:
    """pk → the page's summary, body and its kind's own text fields, for ``KnowledgePage``
    instances of any kind (one query, whatever the kinds)."""
    own = defaultdict(list)
    fields = _own_fields()
    if pages and fields:
        rows = KnowledgePage.objects.filter(pk__in=[page.pk for page in pages]).values_list(
            "pk", *(lookup for lookup, _rich in fields)
        )
        for pk, *values in rows:
            own[pk] = [
                html_text(value) if rich else stream_words(value)
                for (_lookup, rich), value in zip(fields, values, strict=True)
                if value
            ]
    return {
        page.pk: " ".join(
            part for part in (page.summary, stream_words(page.body), *own[page.pk]) if part
        )
        for page in pages
    }
