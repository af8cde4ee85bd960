"""Search performance benchmark: median and p95 latency of the public search page by kind of
query and by language, of the suggestion endpoint, and indexing throughput, on the configured
backend (DATABASE_URL / SEARCH_URL).

    .venv/bin/python benchmarks/search_benchmark.py --resources 10000 --database-file F
    DATABASE_URL=postgres://…/portal … --database-name N
    SEARCH_URL=elasticsearch://127.0.0.1:9250/<prefix> … --database-file F

It creates --resources resources in each of the six languages (benchmarks/search_bench_content.py:
texts recombined from the demo corpus, so the vocabulary is real; a few pages created one by
one, the rest bulk-copied with their own titles and paragraphs), indexes them with
``update_index`` and requests the search page through Django's test client (in process: the
URL, middleware, view and template; no network or server overhead), as docs/search.md's earlier
figures were measured. The pages can be kept and reused by every backend: --database-file F
(SQLite) or --database-name N (PostgreSQL, on DATABASE_URL's server); --prepare-only creates
them without measuring. Without either, a throw-away database is used.

The queries, the same list on every backend and at every commit (seeded): for each language,
--per-kind requests of each kind — one word, several words, a typo, several words with a
facet (type or soft skill), several words in all-languages mode — taken from the dev queries
of ../shared/search-bench (the words of its queries; typos: its typo queries, then words with
a letter left out). Each request is distinct and each kind starts after a content change
(``core.cache.bump_content_version``, as a publish does), so every measured search is computed,
not read from the portal's cross-request cache; the first search of each language after that
change (it rebuilds the language's spelling vocabulary) is timed apart. The cache is the
worker's own (locmem). The machine's load average is printed with each kind.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment

from wagtail.search.backends import get_search_backend

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "home" / "demo_content" / "corpus"
DEV_QUERIES = ROOT.parent / "shared" / "search-bench" / "queries-dev.jsonl"
LANGS = ["en", "bg", "el", "it", "pt", "es"]
KINDS = ["one word", "several words", "typo", "facet-filtered", "all languages"]
WARM_UP_QUERY = "zzqx"  # no page has it: the zero-result path, which builds the vocabulary


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=1000, help="resources per language")
    parser.add_argument(
        "--per-kind", type=int, default=8, help="search requests per kind and language"
    )
    parser.add_argument("--requests", type=int, default=100, help="suggestion requests")
    parser.add_argument("--queries", type=Path, default=DEV_QUERIES, help="search-bench queries")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-file",
        help="SQLite file to keep the generated pages in; if it already holds them, page "
        "creation is skipped (so one 10,000 x 6 database serves every search backend)",
    )
    parser.add_argument(
        "--database-name",
        help="PostgreSQL database (on DATABASE_URL's server) to keep the generated pages in; "
        "created if missing, reused and not dropped afterwards",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="only create the pages in --database-file / --database-name, measure nothing",
    )
    parser.add_argument(
        "--keep-index",
        action="store_true",
        help="engines: index under SEARCH_URL's prefix + '_bench' and keep it (for "
        "--skip-update-index); default: a throw-away prefix, deleted at the end",
    )
    parser.add_argument(
        "--skip-update-index",
        action="store_true",
        help="measure on the index a previous run built and kept (implies --keep-index; same "
        "commit only: the analysis may differ between commits)",
    )
    parser.add_argument(
        "--index-only",
        action="store_true",
        help="create the pages if needed and run update_index, measure nothing (with "
        "--keep-index on an engine; then measure with --skip-update-index)",
    )
    parser.add_argument("--json-out", type=Path, help="also write the figures there (JSON)")
    parser.add_argument(
        "--table",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="print docs/search.md's tables from --json-out files and stop",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.database_file and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database-file is for SQLite; unset DATABASE_URL")
    if args.database_name and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database-name is for PostgreSQL; set DATABASE_URL")
    if args.table:
        return docs_tables(args.table)
    if args.worker:
        return worker(args)
    env = dict(os.environ)
    token = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        db_url = env.get("DATABASE_URL", "")
        scratch = None
        if db_url.startswith("postgres"):
            import psycopg  # the PostgreSQL driver is an optional extra: only needed here

            name = args.database_name or f"search_bench_{token}"
            scratch = None if args.database_name else name
            admin = urlunsplit(urlsplit(db_url)._replace(scheme="postgresql", path="/postgres"))
            with psycopg.connect(admin, autocommit=True) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = urlunsplit(urlsplit(db_url)._replace(path=f"/{name}"))
        elif args.database_file:
            env["DATABASE_URL"] = f"sqlite:///{Path(args.database_file).resolve()}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        search_url = env.get("SEARCH_URL", "database://")
        parts = urlsplit(search_url)
        if not search_url.startswith("database"):
            prefix = parts.path.strip("/") or "searchbench"
            kept = args.keep_index or args.skip_update_index
            parts = parts._replace(path=f"/{prefix}_{'bench' if kept else token}")
        # Bulk load without live indexing, then measure update_index on its own.
        env["SEARCH_URL"] = urlunsplit(parts._replace(query="auto_update=false"))
        env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
        env["CACHE_URL"] = "locmemcache://"  # the worker's own cache, empty at the start
        try:
            result = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--worker", *sys.argv[1:]], env=env, check=False
            )
        finally:
            if scratch:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    return result.returncode


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(timings):
    return {
        "n": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
    }


def load():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def commit():
    described = subprocess.run(  # noqa: S603
        ["git", "describe", "--always", "--dirty", "--abbrev=12"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip() or "unknown"


def words(text):
    return [w.strip(".,;:!?\"'()«»“”") for w in text.split()]


def typo(word, number):
    """A misspelling of ``word``: a middle letter left out, or two swapped (alternately)."""
    middle = len(word) // 2
    if number % 2:
        return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return word[:middle] + word[middle + 1 :]


def query_plan(queries, facets, per_kind, rng):
    """kind -> [(language, GET parameters)]: the same list for any backend and commit."""
    plan = defaultdict(list)
    for lang in LANGS:
        mine = [q for q in queries if q["lang"] == lang]
        plain = [q["query"] for q in mine if q.get("kind") != "typo"]
        several = [q for q in plain if len(words(q)) > 1]
        singles = list(dict.fromkeys(w for q in plain for w in words(q) if len(w) >= 4))
        rng.shuffle(several)
        rng.shuffle(singles)
        typos = [q["query"] for q in mine if q.get("kind") == "typo"]
        typos += [typo(w, n) for n, w in enumerate(w for w in singles if len(w) >= 6)]
        several = several[:per_kind]
        for q in singles[:per_kind]:
            plan["one word"].append((lang, {"q": q}))
        for q in several:
            plan["several words"].append((lang, {"q": q}))
        for q in typos[:per_kind]:
            plan["typo"].append((lang, {"q": q}))
        choices = facets[lang]
        for number, q in enumerate(several):
            name, value = choices[number % len(choices)]
            plan["facet-filtered"].append((lang, {"q": q, name: value}))
        for q in several:
            plan["all languages"].append((lang, {"q": q, "scope": "all"}))
    return plan


def worker(args):
    sys.path.insert(0, str(ROOT))
    django.setup()
    # The project's modules can only be imported once Django is set up (in this child process).
    import search_bench_content  # after django.setup(), see above

    from core.cache import bump_content_version  # after django.setup(), see above
    from resources.models import KnowledgePage, SoftSkill  # after django.setup(), see above
    from search.evaluation import read_jsonl  # after django.setup(), see above

    setup_test_environment()
    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0, interactive=False)
    backend = get_search_backend()
    print(f"commit: {commit()}")
    print(f"backend: {type(backend).__module__}.{type(backend).__name__}")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    figures = {
        "commit": commit(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "backend": type(backend).__name__,
        "database": connection.vendor,
        "load": {},
    }

    created = search_bench_content.existing()
    if created:
        print(f"reusing {created} generated pages from {args.database_file or args.database_name}")
    else:
        print(f"creating pages (load {load()})", flush=True)
        started = time.perf_counter()
        created = search_bench_content.build(CORPUS, LANGS, args.resources, rng)
        elapsed = time.perf_counter() - started
        print(f"page creation (index not updated): {created} pages in {elapsed:.0f} s")
        figures["creation_s"] = round(elapsed)
    if args.prepare_only:
        return 0

    if not args.skip_update_index:
        print(f"update_index (load {load()})", flush=True)
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        elapsed = time.perf_counter() - started
        total = KnowledgePage.objects.count()
        print(f"full reindex (update_index): {total / elapsed:.1f} pages/s ({elapsed:.0f} s)")
        figures["update_index_s"] = round(elapsed)
    if args.index_only:
        return 0

    queries = read_jsonl(args.queries)
    facets = {
        lang: [("type", kind) for kind in KnowledgePage.kinds()]
        + [
            ("skill", slug)
            for slug in SoftSkill.objects.filter(locale__language_code=lang)
            .order_by("slug")
            .values_list("slug", flat=True)[:3]
        ]
        for lang in LANGS
    }
    plan = query_plan(queries, facets, args.per_kind, rng)
    client = Client()
    timings, by_lang, first, statuses = {}, defaultdict(list), [], defaultdict(set)

    def get(lang, path, params):
        started = time.perf_counter()
        response = client.get(f"/{lang}/{path}", params)
        return (time.perf_counter() - started) * 1000, response.status_code

    for kind in KINDS:
        bump_content_version()  # as a publish does: nothing computed before is reused
        figures["load"][kind] = load()
        for lang in LANGS:
            ms, status = get(lang, "search/", {"q": WARM_UP_QUERY})
            first.append(ms)
            statuses["first search"].add(status)
        timings[kind] = []
        for lang, params in plan[kind]:
            ms, status = get(lang, "search/", params)
            timings[kind].append(ms)
            by_lang[lang].append(ms)
            statuses[kind].add(status)
        print(f"  {kind}: {summary(timings[kind])} (load {load()})", flush=True)
    suggest = []
    for number in range(args.requests):
        lang, params = plan["several words"][number % len(plan["several words"])]
        q = params["q"]
        ms, status = get(lang, "search/suggest/", {"q": q[: max(3, len(q) // 2)]})
        suggest.append(ms)
        statuses["suggestions"].add(status)

    figures["kinds"] = {kind: summary(values) for kind, values in timings.items()}
    figures["kinds"]["all kinds"] = summary([ms for values in timings.values() for ms in values])
    figures["languages"] = {lang: summary(by_lang[lang]) for lang in LANGS}
    figures["first search after a change"] = summary(first)
    figures["suggestions"] = summary(suggest)
    figures["statuses"] = {name: sorted(codes) for name, codes in statuses.items()}
    print_table(figures)
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    client_es = getattr(backend, "es", None)
    if client_es is not None and not (args.keep_index or args.skip_update_index):
        client_es.indices.delete(index=f"{backend.index_prefix}*", ignore_unavailable=True)
    failed = {name for name, codes in figures["statuses"].items() if codes != [200]}
    if failed:
        print(f"NOT ALL ANSWERED 200: {sorted(failed)}; the figures are not valid")
        return 1
    return 0


def print_table(figures):
    print(f"\ncommit {figures['commit']}, {figures['backend']}; load per kind {figures['load']}")
    print("| requests | n | median ms | p95 ms |")
    print("|---|---|---|---|")
    rows = {
        **figures["kinds"],
        **{f"language {lang}": value for lang, value in figures["languages"].items()},
        "first search after a change": figures["first search after a change"],
        "suggestions": figures["suggestions"],
    }
    for name, value in rows.items():
        print(f"| {name} | {value['n']} | {value['median_ms']} | {value['p95_ms']} |")
    print(f"statuses: {figures['statuses']}")
    print(json.dumps(figures))


def docs_tables(paths):
    """docs/search.md's tables (median / p95 ms by kind, then by language) from JSON files."""
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in paths]

    def cell(value):
        return f"{value['median_ms']:.0f} / {value['p95_ms']:.0f}"

    def label(run):
        return f"{run['backend']} ({run['database']}), {run['commit']}, {run['date']}"

    kinds = [*KINDS, "all kinds"]
    print(
        "| backend, commit, date | " + " | ".join(kinds) + " | first search after a change "
        "| suggestions | load |"
    )
    print("|---" * (len(kinds) + 4) + "|")
    for run in runs:
        loads = sorted(float(value.split()[0]) for value in run["load"].values())
        cells = [cell(run["kinds"][kind]) for kind in kinds]
        cells += [cell(run["first search after a change"]), cell(run["suggestions"])]
        print(f"| {label(run)} | " + " | ".join(cells) + f" | {loads[0]:.1f}–{loads[-1]:.1f} |")
    print()
    print("| backend, commit | " + " | ".join(LANGS) + " |")
    print("|---" * (len(LANGS) + 1) + "|")
    for run in runs:
        cells = [cell(run["languages"][lang]) for lang in LANGS]
        name = f"{run['backend']} ({run['database']}), {run['commit']}"
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
