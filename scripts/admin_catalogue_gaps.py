"""List the admin interface strings that translators' screens show in English, per language.

Runs tests/browser/test_admin_language.py (one Chromium, every screen of a translator and a
reviewer of each language) with ADMIN_GAPS_JSON set, then says for each msgid shown in English
which catalogue it belongs in: locale/<lang>/LC_MESSAGES/django.po (server-side strings) or
djangojs.po (the sidebar and wagtail-localize's translation editor read the JavaScript
catalogues), and what Wagtail's closest catalogue already has (e.g. pt_PT for pt), so the
terminology stays consistent.

Usage: .venv/bin/python scripts/admin_catalogue_gaps.py [--from gaps.json]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import django
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

import polib

ROOT = Path(__file__).resolve().parent.parent
SIBLINGS = {"pt": ["pt_PT", "pt_BR"], "es": ["es"], "it": ["it"], "bg": ["bg"], "el": ["el"]}


def run_test(path):
    env = dict(os.environ, ADMIN_GAPS_JSON=str(path))
    test = "tests/browser/test_admin_language.py::test_translators_and_reviewers_see_their_language"
    subprocess.call([str(ROOT / ".venv/bin/pytest"), "-q", "-p", "no:cacheprovider", test], env=env)  # noqa: S603


def catalogues(roots, lang, domain):
    """The ``lang`` catalogues of ``domain`` found under ``roots`` (Wagtail's, ours, ...)."""
    paths = (root / "locale" / lang / "LC_MESSAGES" / f"{domain}.po" for root in roots)
    return [polib.pofile(str(path)) for path in paths if path.exists()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", type=Path, help="a JSON file the test wrote")
    args = parser.parse_args(argv)
    if args.source is None:
        args.source = Path(tempfile.mkdtemp()) / "gaps.json"
        run_test(args.source)
    if not args.source.exists():
        print("no gaps file: the test did not run", file=sys.stderr)
        return 1
    gaps = json.loads(args.source.read_text(encoding="utf-8"))

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    from tests.admin_msgids import CATALOGUES, JS_PACKAGES  # reads the settings: after setup()

    english = {
        domain: {
            text
            for po in catalogues(CATALOGUES, "en", domain)
            for entry in po
            for text in (entry.msgid, entry.msgid_plural)
            if text
        }
        for domain in ("django", "djangojs")
    }
    js_paths = JavaScriptCatalog().get_paths(JS_PACKAGES)
    for lang, found in sorted(gaps.items()):
        js = DjangoTranslation(lang, domain="djangojs", localedirs=js_paths)
        print(f"\n== {lang}: {len(found)} msgids shown in English")
        for msgid, screens in sorted(found.items()):
            with translation.override(lang):
                server = translation.gettext(msgid)
            needs = []
            if msgid in english["django"] and server == msgid:
                needs.append("django")
            if msgid in english["djangojs"] and js.gettext(msgid) == msgid:
                needs.append("djangojs")
            hints = []
            for sibling in SIBLINGS.get(lang, []):
                for domain in english:
                    for po in catalogues(CATALOGUES, sibling, domain):
                        entry = po.find(msgid)
                        if entry and entry.msgstr:
                            hints.append(f"{sibling}: {entry.msgstr}")
            where = ", ".join(needs) or "rendered outside the language"
            hint = f"  ~ {'; '.join(sorted(set(hints)))}" if hints else ""
            print(f"  {msgid!r} [{where}] on {', '.join(screens)}{hint}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
