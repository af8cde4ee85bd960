"""PO syntax, strictly: the first line of a PO file that breaks GNU gettext's grammar.

polib is lenient: it reads an unterminated string without its last character, an unknown
escape as it stands and an unquoted msgstr as empty. ``first_syntax_error`` checks every line
first, so that an upload (``translations/pofile.py``) is refused with the line of its first
mistake instead of being imported half-read.
"""

import re

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)[ \t]+(.*)$")
_ESCAPES = set('\\"ntrabfv01234567x')


def _quoted(text):
    """``text`` is exactly one double-quoted string with known escapes, then nothing."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"':
        return False
    i = 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 >= len(text) or text[i + 1] not in _ESCAPES:
                return False
            i += 2
            continue
        if char == '"':
            return i == len(text) - 1
        i += 1
    return False  # unterminated


def first_syntax_error(text):
    """The number of the first line that breaks the PO syntax, or None."""
    items = []  # [lineno, obsolete, keyword, value]
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if not items or not _quoted(line) or items[-1][1] != obsolete:
                return lineno
            items[-1][3] += line
            continue
        match = _KEYWORD.fullmatch(line)
        if match is None or not _quoted(match.group(2)):
            return lineno
        items.append([lineno, obsolete, match.group(1), match.group(2).strip()])

    seen = set()
    entry = []
    for item in items + [None]:
        keyword = item[2] if item else None
        kinds = [k for _l, _o, k, _v in entry]
        starts_new = keyword in (None, "msgctxt") or (keyword == "msgid" and "msgid" in kinds)
        if starts_new and entry:
            # The entry read so far must be complete: [msgctxt] msgid msgstr, or
            # [msgctxt] msgid msgid_plural msgstr[0] msgstr[1] …
            strings = [k for k in kinds if k.startswith("msgstr")]
            if not strings:
                return entry[-1][0]
            values = {k: v for _l, _o, k, v in entry}
            key = (entry[0][1], values.get("msgctxt"), values["msgid"])
            if key in seen:
                return entry[0][0]
            seen.add(key)
            entry = []
        if item is None:
            break
        expected = _next_keywords([k for _l, _o, k, _v in entry])
        if not any(re.fullmatch(pattern, keyword) for pattern in expected):
            return item[0]
        if entry and entry[0][1] != item[1]:
            return item[0]
        entry.append(item)
    return None


def _next_keywords(kinds):
    """What may follow the keywords ``kinds`` read so far in one entry (regular expressions)."""
    if not kinds:
        return ("msgctxt", "msgid")
    last = kinds[-1]
    if last == "msgctxt":
        return ("msgid",)
    if last == "msgid":
        return ("msgid_plural", "msgstr")
    if last == "msgid_plural":
        return (r"msgstr\[0\]",)
    if last.startswith("msgstr["):
        n = int(last[7:-1]) + 1
        return (rf"msgstr\[{n}\]",)
    return ()
