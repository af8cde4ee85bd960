#!/usr/bin/env python3
"""Fail when an interface translation catalogue is incomplete.

Checks locale/<lang>/LC_MESSAGES/<domain>.po (read with polib) for every configured language
and reports, per entry, anything that would show English (or break) on the site:

* untranslated messages (empty msgstr, or fewer non-empty msgstr[n] than the header's
  Plural-Forms nplurals);
* fuzzy messages (gettext ignores them, so they show the English text);
* python-format placeholders (%(name)s) that differ between msgid and msgstr,
  which would raise KeyError or drop a value at render time;
* lines polib would read leniently (an unterminated or unquoted string), and unreadable files;
* a configured language that has no catalogue at all.

The source language (the first of PORTAL_LANGUAGES, English) is only checked for
fuzzy entries and placeholders: an empty msgstr there means "use the msgid".

Languages come from, in order: the command line, the PORTAL_LANGUAGES environment
variable (comma-separated, as the settings read it), the default list in
portal/settings/base.py.

Usage:
    python scripts/check_translations.py                # check the configured languages
    python scripts/check_translations.py bg el          # check only these
    python scripts/check_translations.py --update       # run makemessages first (needs the
                                                        # project's Python and GNU gettext), so
                                                        # strings newly added to code are caught

Exit status: 0 when every catalogue is complete, 1 when a problem was found, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "portal" / "settings" / "base.py"
MAKEMESSAGES_IGNORES = [".venv", ".cache", "node_modules", "tests", "benchmarks"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
# A string line of a PO file: [keyword] "one quoted string". polib reads an unterminated or
# unquoted string without complaint (dropping a character), so such lines are refused first.
STRING_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"'
)


def label(entry: polib.POEntry) -> str:
    text = entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "..."
    ctx = f" [context {entry.msgctxt!r}]" if entry.msgctxt else ""
    return f"line {entry.linenum}: {text!r}{ctx}"


def read(path: Path) -> polib.POFile:
    """The catalogue at ``path``; ValueError names the first line polib would misread."""
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        body = line.strip().removeprefix("#~").strip()
        if body and not body.startswith(("#", "|")) and not STRING_LINE.fullmatch(body):
            raise ValueError(f"{path}:{lineno}: cannot parse line {line!r}")
    return polib.pofile(str(path))


def check_catalogue(path: Path, *, source: bool) -> list[str]:
    """Return a list of problems (one line each) for one catalogue."""
    try:
        po = read(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [f"cannot read the catalogue: {exc}"]
    header = {key.lower(): value for key, value in po.metadata.items()}
    forms = re.search(r"nplurals\s*=\s*(\d+)", header.get("plural-forms", ""))
    forms = int(forms.group(1)) if forms else None
    problems = []
    if not header:
        problems.append("no header entry")
    elif forms is None and not source:
        problems.append("header has no Plural-Forms")
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy        {label(entry)}")
        if entry.msgid_plural:
            count = max(forms or 2, len(entry.msgstr_plural))
            translations = [entry.msgstr_plural.get(i, "") for i in range(count)]
            sources = [entry.msgid, entry.msgid_plural]
        else:
            translations, sources = [entry.msgstr], [entry.msgid]
        if not any(translations) and source:
            continue  # the source language may leave msgstr empty: gettext falls back to msgid
        if not all(translations):
            problems.append(f"untranslated {label(entry)}")
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(sources)))
        found = [set(PLACEHOLDER.findall(text)) for text in translations]
        wrong = [got for got in found if got != wanted]
        if wrong and (wanted or "python-format" in entry.flags):
            problems.append(
                f"placeholders {label(entry)}: has {sorted(wrong[0])}, source has {sorted(wanted)}"
            )
    return problems


def configured_languages() -> list[str]:
    """PORTAL_LANGUAGES from the environment, else the default in portal/settings/base.py."""
    from_env = os.environ.get("PORTAL_LANGUAGES", "").strip()
    if from_env:
        return [code.strip() for code in from_env.split(",") if code.strip()]
    tree = ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and "PORTAL_LANGUAGES" in [
            getattr(t, "id", None) for t in node.targets
        ]:
            value = node.value
            if isinstance(value, ast.Call):  # env.list("PORTAL_LANGUAGES", default=[...])
                value = next((kw.value for kw in value.keywords if kw.arg == "default"), None)
            try:
                return list(ast.literal_eval(value))
            except ValueError:
                return []
    return []


def run_makemessages(languages: list[str], python: str, domain: str) -> int:
    command = [python, "manage.py", "makemessages", "--no-obsolete", "-d", domain, "-v", "0"]
    for code in languages:
        command += ["-l", code]
    for pattern in MAKEMESSAGES_IGNORES:
        command += ["--ignore", pattern]
    print("+ " + " ".join(command), flush=True)
    return subprocess.call(command, cwd=ROOT)  # noqa: S603 -- our own manage.py


def main(argv: list[str] | None = None) -> int:
    venv_python = ROOT / ".venv" / "bin" / "python"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help="language codes (default: PORTAL_LANGUAGES)")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--domain", default="django")
    parser.add_argument(
        "--source",
        help="source language, whose msgstr may stay empty (default: first of PORTAL_LANGUAGES)",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="run manage.py makemessages first, so new strings in code and templates are caught",
    )
    parser.add_argument(
        "--python",
        default=str(venv_python) if venv_python.exists() else sys.executable,
        help="Python that runs manage.py for --update (default: .venv/bin/python if present)",
    )
    args = parser.parse_args(argv)

    configured = configured_languages()
    languages = args.languages or configured
    if not languages:
        print("check_translations: no languages given and none configured", file=sys.stderr)
        return 2
    source = args.source or (configured[0] if configured else "en")

    if args.update and (code := run_makemessages(languages, args.python, args.domain)):
        print(f"check_translations: makemessages failed with exit status {code}", file=sys.stderr)
        return 1

    failed = False
    for code in languages:
        path = args.locale_dir / code / "LC_MESSAGES" / f"{args.domain}.po"
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if not path.is_file():
            if code == source:
                print(f"{code}: {shown}: no catalogue (source language, not required)")
                continue
            print(f"{code}: {shown}: MISSING catalogue")
            failed = True
            continue
        problems = check_catalogue(path, source=(code == source))
        if problems:
            failed = True
            print(f"{code}: {shown}: {len(problems)} problem(s)")
            for problem in problems:
                print(f"    {problem}")
        else:
            count = sum(1 for e in polib.pofile(str(path)) if not e.obsolete and e.msgid)
            note = ", source language" if code == source else ""
            print(f"{code}: {shown}: OK ({count} messages{note})")
    if failed:
        print(
            "\nTranslate the entries above (and remove their 'fuzzy' flags), then run "
            "`manage.py compilemessages`.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
