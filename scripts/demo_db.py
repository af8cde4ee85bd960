"""The demo content in all six languages as a prepared SQLite database and media folder, built
once and shared by `make audit` (scripts/audit.py), `make load` (benchmarks/load.py) and the
screenshot test (tests/browser/test_screenshots.py), which otherwise each loaded it from scratch.

.cache/demo/<key>/ holds db.sqlite3 and media/. The key is a hash of every migration, the demo
loader and its content, the settings and the pinned libraries: a change to any of them builds a
new folder (older ones are removed after an hour). A build runs `migrate` and
`load_demo_content` in a folder of its own, renamed into place when complete, so nobody reads
half a database; a lock file makes a second process wait for the first one's build instead of
building too. Users copy db.sqlite3 before writing to it; media/ is only read. DEMO_DB=<folder>
uses that folder instead (a demo database of one's own, already loaded and migrated).
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the portal's own scripts package, when run as a script

from scripts import serving  # noqa: E402

CACHE = ROOT / ".cache" / "demo"
# What the demo database is made from (paths relative to ROOT, glob patterns).
SOURCES = (
    "*/migrations/*.py",
    "home/demo.py",
    "home/demo_content/**/*",
    "home/setup.py",
    "home/management/commands/load_demo_content.py",
    "selfcheck/demo*",
    "translations/roles.py",
    "resources/tag_labels.py",
    "portal/settings/*.py",
    "requirements/constraints.txt",
)


def key():
    return files_key(SOURCES)


def files_key(patterns, *extra: bytes):
    """A short hash of the files matching ``patterns`` (names and contents) and of ``extra``."""
    digest = hashlib.sha256(b"\0".join(extra))
    files = sorted({path for pattern in patterns for path in ROOT.glob(pattern) if path.is_file()})
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def environment(folder, base_url="http://127.0.0.1:8000", **extra):
    """The environment of a manage.py run on ``folder``'s database and media (DEBUG off);
    ``extra`` adds variables or replaces these (the audit's MEDIA_ROOT)."""
    own = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PORTAL_BASE_URL": base_url,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    dropped = ("DATABASE_", "DJANGO_", "PORTAL_", "DEBUG", "MAKE", "PYTEST_")
    return serving.environment(dropped, **{**own, **extra})


def prepared(log=print):
    """The folder holding the demo database and media for the current sources, built if needed."""
    if os.environ.get("DEMO_DB"):  # a folder of one's own (db.sqlite3, media/), used as it is
        return Path(os.environ["DEMO_DB"])
    name = key()
    folder = CACHE / name
    if (folder / "db.sqlite3").exists():
        return folder
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time; the others wait for it
        if not (folder / "db.sqlite3").exists():
            _build(name, folder, log)
    for old in CACHE.iterdir():  # other keys' builds, unless one may still be in use
        stale = old.is_dir() and old.stat().st_mtime < time.time() - 3600
        if stale and not old.name.startswith(name):
            shutil.rmtree(old, ignore_errors=True)
    return folder


def _build(name, folder, log):
    log(f"The demo content in six languages, built once into {folder.relative_to(ROOT)} …")
    building = CACHE / f"{name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    env = environment(building)
    try:
        for command in (["migrate", "--no-input", "-v0"], ["load_demo_content"]):
            subprocess.run(  # noqa: S603 -- our own interpreter and manage.py
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        building.rename(folder)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


if __name__ == "__main__":
    print(prepared())
