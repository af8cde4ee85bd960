"""In-process cost of the search page: ms per request and SQL queries, per kind of search.

Runs against the database in DATABASE_URL (e.g. a scratch copy with the demo content:
``DATABASE_URL=sqlite:////tmp/perfsearch.sqlite3 manage.py load_demo_content``), with the
Django test client, so no server or network is measured:

    DATABASE_URL=sqlite:////tmp/perfsearch.sqlite3 .venv/bin/python benchmarks/search_profile.py
    … --requests 20 --html /tmp/search-html   # also save each page's HTML (to compare runs)
    … --profile "/en/search/?q=feedback"       # one URL under pyinstrument (pip install it)

Each URL is requested twice to warm the caches, then ``--requests`` times; the table gives
the mean wall-clock and CPU ms/request (CPU time is steadier on a shared machine), and the SQL
queries of a warm request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import django
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (label, query string) per language: a common word, two words, a filter, a typo, nothing
# found, all languages, newest first, the second page.
WORDS = {
    "en": ("feedback", "trainee mentor", "feedbak"),
    "bg": ("обратна връзка", "стажант наставник", "обратан"),
    "el": ("ανατροφοδότηση", "ασκούμενος μέντορας", "ανατροφοδοτση"),
    "it": ("feedback", "tirocinante tutor", "feedbak"),
    "pt": ("feedback", "formando mentor", "feedbak"),
    "es": ("feedback", "aprendiz mentor", "feedbak"),
}


def search_urls(langs):
    urls = []
    for lang in langs:
        word, words, typo = WORDS[lang]
        base = f"/{lang}/search/?q="
        urls += [
            (lang, "word", base + word),
            (lang, "words", base + words),
            (lang, "filtered", base + words + "&type=guide&audience=mentor"),
            (lang, "typo", base + typo),
            (lang, "zero", base + "zzqxv"),
            (lang, "all-langs", base + word + "&scope=all"),
            (lang, "all+lang", base + word + "&scope=all&language=en"),
            (lang, "newest", base + words + "&sort=newest"),
            (lang, "page 2", base + "mentor&scope=all&page=2"),
        ]
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10, help="timed requests per URL")
    parser.add_argument("--languages", default="en,bg,el,it,pt,es")
    parser.add_argument("--html", help="folder to save each page's HTML in")
    parser.add_argument("--profile", help="profile this URL with pyinstrument instead")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("PAGE_CACHE", "false")  # uncached: the cost of building the page
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    django.setup()

    # As in Django's tests: one connection for the whole run, so its queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    if args.profile:
        from pyinstrument import Profiler  # noqa: PLC0415 -- optional, for this mode only

        for _ in range(2):
            client.get(args.profile)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(args.requests):
                client.get(args.profile)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return

    html_dir = Path(args.html) if args.html else None
    if html_dir:
        html_dir.mkdir(parents=True, exist_ok=True)
    print(f"{'lang':4} {'search':10} {'status':>6} {'ms/req':>8} {'cpu ms':>7} {'queries':>7}  url")
    times, cpu_times, counts = [], [], []
    for lang, label, url in search_urls(args.languages.split(",")):
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            warm = client.get(url)
        count = len(queries)  # now: the next request empties the log
        if html_dir:
            name = f"{lang}-{label.replace(' ', '_').replace('+', '_')}"
            (html_dir / f"{name}.html").write_bytes(first.content)
            (html_dir / f"{name}.warm.html").write_bytes(warm.content)
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            client.get(url)
        ms = (time.perf_counter() - start) * 1000 / args.requests
        cpu = (time.process_time() - cpu_start) * 1000 / args.requests
        times.append(ms)
        cpu_times.append(cpu)
        counts.append(count)
        print(f"{lang:4} {label:10} {first.status_code:>6} {ms:8.1f} {cpu:7.1f} {count:>7}  {url}")
    print(
        f"mean {statistics.mean(times):.1f} ms/request, median {statistics.median(times):.1f}; "
        f"CPU mean {statistics.mean(cpu_times):.1f} ms, median {statistics.median(cpu_times):.1f}; "
        f"queries {min(counts)}-{max(counts)}"
    )


if __name__ == "__main__":
    main()
