"""Server-side highlighting: the query's words, in any inflected form, wrapped in <mark>.

A word of the text matches when one of its analysed forms (search/analysis.py) is one of the
query's terms, so "conflitti" highlights "conflitto". Everything else is escaped.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.analysis import WORD_RE, term_forms

EXCERPT_LENGTH = 200
LEAD_IN = 60  # characters of context kept before the first match


def _matches(text: str, terms: frozenset, lang: str):
    for match in WORD_RE.finditer(text):
        word = match.group()
        if len(word) > 1 and terms.intersection(term_forms(word.lower(), lang)):
            yield match.start(), match.end()


def mark(text: str, terms, lang: str):
    """The whole text, escaped, with the matching words in <mark>."""
    terms = frozenset(terms)
    parts, last = [], 0
    for start, end in _matches(text, terms, lang):
        parts.append(conditional_escape(text[last:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        last = end
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 -- every part is escaped


def _window(text: str, start: int, length: int):
    """[from, to) of about ``length`` characters starting near ``start``, cut at spaces."""
    if len(text) <= length:
        return 0, len(text)
    begin = max(0, start - LEAD_IN)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(text), begin + length)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    return begin, end


def excerpt(text: str, terms, lang: str, length: int = EXCERPT_LENGTH):
    """About ``length`` characters of ``text`` around the first match, matches in <mark>."""
    text = " ".join((text or "").split())
    terms = frozenset(terms)
    first = next(_matches(text, terms, lang), None)
    begin, end = _window(text, first[0] if first else 0, length)
    body = mark(text[begin:end], terms, lang)
    prefix = "… " if begin else ""
    suffix = " …" if end < len(text) else ""
    return format_html("{}{}{}", prefix, body, suffix)
