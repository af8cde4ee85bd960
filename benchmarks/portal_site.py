"""The portal as the benchmarks run it: production settings on plain HTTP, a demo database built
once and copied for each run (benchmarks/bakerydemo.py and benchmarks/scale.py share these)."""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
COUNT_QUERIES = ROOT / "benchmarks" / "count_queries.py"
# Called before a request to measure it as while a publish is under way: nothing kept across
# requests is there (the content version bumped)...
AFTER_PUBLISH = "core.cache:bump_content_version"
# ... or once the publish has returned: bumped, then what the editor's request computes again
# before its response leaves (benchmarks/after_change.py, core.fragments.RebuildMiddleware)
PUBLISH_RETURNED = "after_change:publish_returned"
# after a warm-up request: wait for the spelling vocabulary its thread builds (count_queries.py)
SETTLE = "search.spelling:wait_for_builds"


def run(command, env, cwd, quiet=True):
    print("  $", " ".join(str(part) for part in command), flush=True)
    subprocess.run(  # noqa: S603
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def base_env():
    """A clean environment: nothing of the caller's DATABASE_URL, SEARCH_URL, … leaks in."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    return {name: os.environ[name] for name in keep if name in os.environ}


def portal_env(work, database):
    """Production settings (DEBUG off), plain HTTP, SQLite ``database``, files under ``work``."""
    return {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "CACHE_DIR": str(cache_dir(work, database)),
        "SEARCH_URL": "database://",
        "PAGE_CACHE": "false",
    }


def cache_dir(work, database):
    """Each database its own file cache: the content version (core/cache.py) lives in the
    cache, so two databases sharing one would read each other's kept fragments."""
    return work / "cache" / Path(database).name


def demo_database(work, rebuild=False):
    """``work``/portal-demo.sqlite3: migrated, with the demo content (built once, ~4 minutes)."""
    pristine = work / "portal-demo.sqlite3"
    if rebuild or not pristine.exists():
        print("portal: migrate, load_demo_content (a few minutes)", flush=True)
        shutil.rmtree(work / "media", ignore_errors=True)
        building = Path(f"{pristine}.tmp")
        building.unlink(missing_ok=True)
        env = portal_env(work, building)
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env, ROOT)
        run([PYTHON, "manage.py", "load_demo_content"], env, ROOT)
        building.rename(pristine)
    return pristine


def copy_database(source, target, work):
    """A copy of ``source``, migrated to the checkout's models (others may have added some)."""
    shutil.copyfile(source, target)
    shutil.rmtree(cache_dir(work, target), ignore_errors=True)  # nothing kept from a last run
    env = portal_env(work, target)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env, ROOT)
    return env


def collect_static(env):
    """The static files the production settings serve (manifest and compressed copies); skipped
    while the collected manifest is newer than every file in static/ (it takes a minute)."""
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    sources = [path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file()]
    if manifest.exists() and manifest.stat().st_mtime > max(sources, default=0):
        return
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env, ROOT)


def count_queries(python, folder, env, paths, requests=0, before=None, settle=None):
    """benchmarks/count_queries.py run with a site's own python: {path: {status, queries, ms}}.
    ``before`` (module:function) runs before each measured request, ``settle`` after the
    warm-up (see count_queries.py)."""
    command = [str(python), str(COUNT_QUERIES), *paths, "--requests", str(requests)]
    command += ["--before", before] if before else []
    command += ["--settle", settle] if settle else []
    output = subprocess.run(  # noqa: S603
        command, cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    if output.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def git_commit():
    """The commit measured, marked when the work tree has uncommitted changes."""
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run(  # noqa: S603
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(  # noqa: S603
        [*git, "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{commit} (with uncommitted changes)" if dirty else commit


def django_output(env, script, python=PYTHON, folder=ROOT):
    """The last line ``script`` prints, run after django.setup() in a site's own python."""
    command = [str(python), "-c", f"import django\ndjango.setup()\n{script}"]
    output = subprocess.run(  # noqa: S603
        command, cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    if output.returncode:
        sys.exit(f"{script} failed:\n{output.stderr[-3000:]}")
    return output.stdout.strip().splitlines()[-1]


def busiest_tag(env):
    """The portal's tag on the most resources (so a filtered listing is never empty)."""
    script = (
        "from django.db.models import Count\n"
        "from taggit.models import Tag\n"
        "tags = Tag.objects.annotate(n=Count('resources_knowledgepagetag_items'))\n"
        "print(tags.order_by('-n', 'slug').first().slug)\n"
    )
    return django_output(env, script)
