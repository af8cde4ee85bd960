"""Plain text out of rich text and StreamField values, for indexing."""

from django.utils.html import strip_tags

from wagtail.blocks import StreamValue, StructValue
from wagtail.rich_text import RichText


def html_text(html) -> str:
    return strip_tags(str(html or "")).replace("&nbsp;", " ")


def _walk(value):
    if isinstance(value, RichText):
        yield html_text(value.source)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _walk(child.value)
    elif isinstance(value, StructValue | dict):
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list | tuple) or hasattr(value, "bound_blocks"):
        for child in value:
            yield from _walk(child)
    elif isinstance(value, str):
        yield value


def stream_text(stream) -> str:
    """Every piece of text in a StreamField value (headings, paragraphs, captions, steps…)."""
    return " ".join(part for part in _walk(stream) if part)
