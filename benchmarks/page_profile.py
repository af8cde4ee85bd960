"""Public pages measured in process: milliseconds per request and SQL queries per page, warm
(what is kept across requests is there) and cold (the cache cleared and the process's content
types forgotten before the request, as after a publish), with Django's test client, no server.

    DATABASE_URL=sqlite:////tmp/perf.sqlite3 .venv/bin/python manage.py load_demo_content
    .venv/bin/python benchmarks/page_profile.py --database-file /tmp/perf.sqlite3
    .venv/bin/python benchmarks/page_profile.py --database-file /tmp/perf.sqlite3 --scale 10

--scale N copies each public demo resource N-1 times (in its language, with its skills,
partners, tags and audience: tests/factories/copies.py) into a copy of the database file (kept
as <file>.x<N>, reused on the next run), so the same pages are measured at N times the content.
--snapshot DIR writes every page's HTML there (to compare the output before and after a
change); --media-root is where the demo's pictures are (media/ by default: the test settings'
own folder is empty); --profile URL prints a pyinstrument profile of that page (pyinstrument is
not a dependency: pip install it into .venv first).

--production measures under the production settings (DEBUG off, every middleware, the file
cache in a temporary folder: what gunicorn runs, less the server), the page cache off;
--page-cache turns it on, so each page after its first request is a cache hit (the cost every
cached page pays: the middlewares, two reads of the file cache, no query):

    .venv/bin/python benchmarks/page_profile.py --database-file /tmp/perf.sqlite3 --production
    .venv/bin/python benchmarks/page_profile.py --database-file /tmp/perf.sqlite3 --page-cache

Both need the static files collected (`manage.py collectstatic`, into STATIC_ROOT: production
serves hashed names from the manifest). With --scale, make the scaled copy once without
--production: it is built under the test settings.
"""

import argparse
import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "bg", "el", "it", "pt", "es"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-file", required=True, help="SQLite file with the demo")
    parser.add_argument("--scale", type=int, default=1, help="times the demo content")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--languages", default=",".join(LANGS))
    parser.add_argument(
        "--media-root",
        default=str(ROOT / "media"),
        help="the demo's media folder (where load_demo_content put its pictures and documents)",
    )
    parser.add_argument("--snapshot", help="directory to write each page's HTML to")
    parser.add_argument("--profile", help="a path to profile with pyinstrument")
    parser.add_argument("--production", action="store_true", help="production settings")
    parser.add_argument(
        "--page-cache", action="store_true", help="production settings, page cache on"
    )
    return parser.parse_args()


def production_settings(page_cache):
    """The environment of ``portal.settings.production`` for the test client, over plain HTTP,
    with a file cache of its own (emptied: nothing kept from an earlier run)."""
    cache_dir = Path(tempfile.mkdtemp(prefix="page-profile-cache-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "CACHE_DIR": str(cache_dir),
            "PAGE_CACHE": "true" if page_cache else "false",
            "LOG_LEVEL": "WARNING",
        }
    )


def scaled_database(path, scale):
    """A copy of ``path`` with every resource copied ``scale - 1`` times (made once, kept)."""
    if scale == 1:
        return path
    target = f"{path}.x{scale}"
    if not Path(target).exists():
        # the backup API, not a file copy: a WAL database keeps recent pages in its -wal file
        with sqlite3.connect(path) as source, sqlite3.connect(target + ".tmp") as copy:
            source.backup(copy)
        os.environ["DATABASE_URL"] = f"sqlite:///{target}.tmp"
        setup_django()
        grow(scale)
        close_connections()
        os.replace(target + ".tmp", target)
        use_database(target)
    return target


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    sys.path.insert(0, str(ROOT))
    django.setup()


def close_connections():
    from django.db import connections  # after django.setup()

    connections.close_all()


def use_database(path):
    """Point Django's closed connection at ``path`` (it was set up with the file's old name)."""
    from django.db import connections  # after django.setup()

    connections["default"].settings_dict["NAME"] = path


def grow(scale):
    """Copy each live, public resource ``scale - 1`` times under its own parent, in its
    language."""
    from tests.factories.copies import copy_resources  # after django.setup()
    from tests.helpers import without_search_indexing  # after django.setup()

    with without_search_indexing():
        copied = copy_resources(scale)
    print(f"{copied} resources copied {scale - 1} times", file=sys.stderr)


def page_urls(language):
    """The public pages of one language, one or two of each kind."""
    from home.models import HomePage, StandardPage  # after django.setup()
    from resources.models import KnowledgePage, SoftSkill  # after django.setup()
    from resources.models.knowledge import KnowledgePageTag  # after django.setup()

    home = HomePage.objects.get(locale__language_code=language, depth=2)
    urls = {"home": home.url}
    listed = KnowledgePage.objects.live().filter(locale=home.locale).specific()
    for kind in ("guide", "good-practice", "case-study"):
        page = next((p for p in listed.order_by("path") if p.kind == kind), None)
        if page is not None:
            urls[kind] = page.url
            parent = page.get_parent()
            urls[f"{parent.slug} index"] = parent.url
    urls["filtered listing"] = f"{home.url}resources/?type=guide&audience=mentor"
    tag = KnowledgePageTag.tags_in_use().order_by("slug").first()
    if tag is not None:
        urls["tag page"] = home.url + home.reverse_subpage("tag", args=[tag.slug])
    urls["skill index"] = home.url + home.reverse_subpage("skills")
    skill = SoftSkill.objects.filter(locale=home.locale, live=True).order_by("slug").first()
    if skill is not None:
        urls["skill page"] = home.url + home.reverse_subpage("skill", args=[skill.slug])
    standard = StandardPage.objects.live().filter(locale=home.locale).order_by("path").first()
    if standard is not None:
        urls["standard page"] = standard.url
    return urls


def forget():
    """A cold start: nothing kept in the cache (as after a publish, or on a new server) and no
    content types known to the process."""
    from django.contrib.contenttypes.models import ContentType  # after django.setup()
    from django.core.cache import cache  # after django.setup()

    cache.clear()
    ContentType.objects.clear_cache()


def measure(client, url, requests):
    """(the page, warm queries, warm CPU ms, cold queries, cold CPU ms): medians of
    ``requests`` requests each."""
    from django.db import connection  # after django.setup()
    from django.test.utils import CaptureQueriesContext  # after django.setup()

    forget()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    cold_count = len(queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries.captured_queries)  # read now: the next request empties the log
    times, cold_times = [], []
    for _ in range(requests):
        start = time.process_time()  # CPU time: the machine is shared, wall time is noisy
        client.get(url)
        times.append((time.process_time() - start) * 1000)
        forget()
        start = time.process_time()
        client.get(url)
        cold_times.append((time.process_time() - start) * 1000)
    return response, count, statistics.median(times), cold_count, statistics.median(cold_times)


def main():
    args = parse_args()
    path = scaled_database(str(Path(args.database_file).resolve()), args.scale)
    # sqlite3 can read the file: fail early with a clear message if it is not a database
    sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT 1 FROM wagtailcore_page")
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    if args.production or args.page_cache:
        production_settings(args.page_cache)
    setup_django()
    from django.conf import settings  # after django.setup()
    from django.test import Client  # after django.setup()

    # The demo's pictures: without them every request retries (and fails) to make a rendition.
    settings.MEDIA_ROOT = args.media_root  # before any file storage is used
    from django.test.utils import setup_test_environment  # after django.setup()

    setup_test_environment()
    client = Client()
    if args.profile:
        from pyinstrument import Profiler  # optional, not a dependency

        client.get(args.profile)
        with Profiler() as profiler:
            for _ in range(args.requests):
                client.get(args.profile)
        print(profiler.output_text(unicode=True, color=False))
        return
    snapshot = Path(args.snapshot) if args.snapshot else None
    print(
        f"scale {args.scale}  {'page':<22} {'cpu ms':>7} {'queries':>8} {'cold ms':>8}"
        f" {'cold q':>7}  url"
    )
    totals = {}
    for language in args.languages.split(","):
        for name, url in page_urls(language).items():
            response, queries, ms, cold_queries, cold_ms = measure(client, url, args.requests)
            if response.status_code != 200:
                print(f"  {url}: {response.status_code}", file=sys.stderr)
            totals.setdefault(name, []).append((ms, queries, cold_ms, cold_queries))
            print(
                f"{language:<8} {name:<22} {ms:7.1f} {queries:8d} {cold_ms:8.1f}"
                f" {cold_queries:7d}  {url}"
            )
            if snapshot:
                snapshot.mkdir(parents=True, exist_ok=True)
                file = snapshot / (url.strip("/").replace("/", "_").replace("?", "_") + ".html")
                file.write_bytes(response.content)
    print("\nmedian over languages (max queries), warm | cold")
    for name, rows in totals.items():
        ms = statistics.median(r[0] for r in rows)
        cold_ms = statistics.median(r[2] for r in rows)
        print(
            f"  {name:<22} {ms:7.1f} ms {max(r[1] for r in rows):4d} queries"
            f" | {cold_ms:7.1f} ms {max(r[3] for r in rows):4d} queries"
        )


if __name__ == "__main__":
    main()
