"""PO files are parsed strictly: any syntax error is refused with its line, nothing imported.

polib alone reads an unterminated string without its last character, an unknown escape as it
stands and an unquoted ``msgstr`` as empty; each file below is the translator's real download
with one line broken, uploaded through the translation editor's "Upload PO file".
"""

import pytest

from tests.translations import test_bad_input
from tests.translations.test_bad_input import NOTHING, download, saved, upload

bg = test_bad_input.bg  # the Bulgarian translator, who has saved the page's segments

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "content")]


def _line_of(lines, start):
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def _unterminated(lines):
    i = _line_of(lines, 'msgstr "Кои сме ние."')
    lines[i] = 'msgstr "Кои сме ние.'
    return i


def _missing_msgstr(lines):
    i = _line_of(lines, 'msgstr "Кои сме ние."')
    del lines[i]
    return i - 1  # the msgid left without its msgstr


def _bad_escape(lines):
    i = _line_of(lines, 'msgstr "Кои сме ние."')
    lines[i] = r'msgstr "Кои сме\q ние."'
    return i


def _unquoted(lines):
    i = _line_of(lines, 'msgstr "Кои сме ние."')
    lines[i] = "msgstr Кои сме ние."
    return i


def _text_after_the_string(lines):
    i = _line_of(lines, 'msgstr "Кои сме ние."')
    lines[i] = 'msgstr "Кои сме" ние."'
    return i


def _duplicate_msgid(lines):
    lines.extend(["", 'msgctxt "intro"', 'msgid "Who we are."', 'msgstr "Още веднъж."'])
    return len(lines) - 3  # the second entry's first line


def _msgstr_without_msgid(lines):
    i = _line_of(lines, 'msgid "Who we are."')
    del lines[i]
    return i  # msgstr now follows msgctxt


def _unterminated_continuation(lines):
    i = _line_of(lines, 'msgstr "Кои сме ние."')
    lines[i : i + 1] = ['msgstr ""', '"Кои сме', '" ние."']
    return i + 1


BROKEN = {
    "unterminated string": _unterminated,
    "missing msgstr": _missing_msgstr,
    "bad escape": _bad_escape,
    "unquoted msgstr": _unquoted,
    "text after the closing quote": _text_after_the_string,
    "duplicate msgid": _duplicate_msgid,
    "msgstr without msgid": _msgstr_without_msgid,
    "unterminated continuation line": _unterminated_continuation,
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_syntax_error_is_refused_with_its_line_and_nothing_is_imported(bg, content, case):
    page = content.page["bg"]
    name, body = download(bg, page)
    lines = body.decode().splitlines()
    # The translator fills in the intro...
    i = _line_of(lines, 'msgid "Who we are."')
    assert lines[i + 1] == 'msgstr "Кои сме."'
    lines[i + 1] = 'msgstr "Кои сме ние."'
    # ...and breaks one line.
    index = BROKEN[case](lines)
    before = saved(page)

    _response, shown = upload(bg, page, "\n".join(lines).encode() + b"\n", name=name)

    assert shown == [
        f"“{name}” is not a valid PO file: there is a mistake on line {index + 1}. {NOTHING}"
    ]
    assert saved(page) == before
    assert before["intro"][0] == "Кои сме."


def test_the_unbroken_file_is_imported_whole(bg, content):
    page = content.page["bg"]
    name, body = download(bg, page)
    text = body.decode().replace('msgstr "Кои сме."', 'msgstr "Кои \\"сме\\"\\tние."')
    _response, shown = upload(bg, page, text.encode(), name=name)
    assert shown == [f"Imported 1 translation from “{name}”."]
    assert saved(page)["intro"][0] == 'Кои "сме"\tние.'
