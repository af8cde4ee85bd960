"""Compile every gettext catalogue under locale/ (.po -> .mo) without GNU gettext.

`make messages` uses this so that a fresh machine needs nothing beyond the Python packages;
`manage.py compilemessages` does the same job where msgfmt is installed.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    catalogues = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    if not catalogues:
        print("no catalogues found under locale/", file=sys.stderr)
        return 1
    for po_path in catalogues:
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
