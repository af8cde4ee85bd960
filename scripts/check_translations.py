#!/usr/bin/env python3
"""Fail when an interface translation catalogue is incomplete.

Checks locale/<lang>/LC_MESSAGES/<domain>.po for every configured language and
reports, per entry, anything that would show English (or break) on the site:

* untranslated messages (empty msgstr, or any empty msgstr[n] of a plural entry);
* fuzzy messages (gettext ignores them, so they show the English text);
* plural entries with fewer msgstr[n] forms than the header's Plural-Forms nplurals;
* python-format placeholders (%(name)s) that differ between msgid and msgstr,
  which would raise KeyError or drop a value at render time;
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
Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "portal" / "settings" / "base.py"
MAKEMESSAGES_IGNORES = [".venv", ".cache", "node_modules", "tests", "benchmarks"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        ctx = f" [context {self.msgctxt!r}]" if self.msgctxt else ""
        return f"{text!r}{ctx}"


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


def _unquote(token: str, path: Path, lineno: int) -> str:
    token = token.strip()
    if len(token) < 2 or not (token.startswith('"') and token.endswith('"')):
        raise ValueError(f"{path}:{lineno}: expected a quoted string, got {token!r}")
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(path: Path) -> list[Entry]:
    """Parse a .po file into entries (the header is the entry whose msgid is empty)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None  # (field name, plural index)
    keyword = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")\s*$")

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            stripped = line.strip()
            if not stripped:
                finish()
                continue
            obsolete = False
            if stripped.startswith("#~"):
                obsolete = True
                stripped = stripped[2:].strip()
                if not stripped or stripped.startswith("#"):
                    continue
            elif stripped.startswith("#"):
                if current is not None and target is not None:
                    finish()  # a comment after strings starts the next entry
                if current is None:
                    current = Entry(line=lineno)
                if stripped.startswith("#,"):
                    current.flags.update(f.strip() for f in stripped[2:].split(",") if f.strip())
                continue

            match = keyword.match(stripped)
            if match:
                name, index, value = match.group(1), match.group(2), match.group(3)
                if (
                    name in ("msgctxt", "msgid")
                    and current is not None
                    and target is not None
                    and target[0] == "msgstr"
                ):
                    finish()
                if current is None:
                    current = Entry(line=lineno)
                current.obsolete = current.obsolete or obsolete
                text = _unquote(value, path, lineno)
                if name == "msgstr" and index is not None:
                    current.msgstr_plural[int(index)] = text
                    target = ("msgstr", int(index))
                else:
                    setattr(current, name, text)
                    target = (name, None)
                continue

            if stripped.startswith('"'):
                if current is None or target is None:
                    raise ValueError(f"{path}:{lineno}: continuation string outside an entry")
                text = _unquote(stripped, path, lineno)
                name, index = target
                if name == "msgstr" and index is not None:
                    current.msgstr_plural[index] += text
                else:
                    setattr(current, name, (getattr(current, name) or "") + text)
                continue

            raise ValueError(f"{path}:{lineno}: cannot parse line {line!r}")
    finish()
    return [e for e in entries if e.msgid or e.msgctxt or e.msgstr or e.msgstr_plural]


def header_fields(entries: list[Entry]) -> dict[str, str]:
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            fields = {}
            for row in entry.msgstr.split("\n"):
                if ":" in row:
                    key, value = row.split(":", 1)
                    fields[key.strip().lower()] = value.strip()
            return fields
    return {}


def nplurals(header: dict[str, str]) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", header.get("plural-forms", ""))
    return int(match.group(1)) if match else None


def check_catalogue(path: Path, *, source: bool) -> list[str]:
    """Return a list of problems (one line each) for one catalogue."""
    try:
        entries = parse_po(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [f"cannot read the catalogue: {exc}"]
    header = header_fields(entries)
    forms = nplurals(header)
    problems: list[str] = []
    if not header:
        problems.append("no header entry")
    elif forms is None and not source:
        problems.append("header has no Plural-Forms")
    for entry in entries:
        if entry.obsolete or (entry.msgid == "" and entry.msgctxt is None):
            continue
        where = f"line {entry.line}: {entry.label()}"
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy        {where}")
        if entry.msgid_plural is not None:
            translations = [
                entry.msgstr_plural.get(i, "")
                for i in range(max(forms or 2, len(entry.msgstr_plural), 1))
            ]
            sources = [entry.msgid, entry.msgid_plural]
        else:
            translations = [entry.msgstr]
            sources = [entry.msgid]
        if not any(translations) and source:
            continue  # the source language may leave msgstr empty: gettext falls back to msgid
        if not all(translations):
            problems.append(f"untranslated {where}")
            continue
        if entry.msgid_plural is not None and forms and len(entry.msgstr_plural) < forms:
            problems.append(f"plural forms {where}: {len(entry.msgstr_plural)} of {forms}")
        if "python-format" in entry.flags or any(PLACEHOLDER.search(s) for s in sources):
            wanted = set(PLACEHOLDER.findall(" ".join(sources)))
            for text in translations:
                got = set(PLACEHOLDER.findall(text))
                if got != wanted:
                    problems.append(
                        f"placeholders {where}: has {sorted(got)}, source has {sorted(wanted)}"
                    )
                    break
    return problems


def configured_languages() -> list[str]:
    from_env = os.environ.get("PORTAL_LANGUAGES", "").strip()
    if from_env:
        return [code.strip() for code in from_env.split(",") if code.strip()]
    try:
        tree = ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        tree = None
    if tree is not None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "PORTAL_LANGUAGES" for t in node.targets
            ):
                value = node.value
                if isinstance(value, ast.Call):
                    for kw in value.keywords:
                        if kw.arg == "default":
                            try:
                                return list(ast.literal_eval(kw.value))
                            except ValueError:
                                pass
                else:
                    try:
                        return list(ast.literal_eval(value))
                    except ValueError:
                        pass
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
        default=str(ROOT / ".venv" / "bin" / "python")
        if (ROOT / ".venv" / "bin" / "python").exists()
        else sys.executable,
        help="Python that runs manage.py for --update (default: .venv/bin/python if present)",
    )
    args = parser.parse_args(argv)

    configured = configured_languages()
    languages = args.languages or configured
    if not languages:
        print("check_translations: no languages given and none configured", file=sys.stderr)
        return 2
    source = args.source or (configured[0] if configured else "en")

    if args.update:
        code = run_makemessages(languages, args.python, args.domain)
        if code:
            print(
                f"check_translations: makemessages failed with exit status {code}", file=sys.stderr
            )
            return 1

    failed = False
    for code in languages:
        path = args.locale_dir / code / "LC_MESSAGES" / f"{args.domain}.po"
        try:
            shown = path.relative_to(ROOT)
        except ValueError:
            shown = path
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
            count = sum(1 for e in parse_po(path) if not e.obsolete and e.msgid)
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
