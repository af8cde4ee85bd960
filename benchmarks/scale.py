"""Query counts and in-process milliseconds of the public pages as the content grows.

    .venv/bin/python benchmarks/scale.py                     # 1x, 10x, 100x, 10000x6
    .venv/bin/python benchmarks/scale.py --sizes 1x,10x --requests 5

Sizes: ``Nx`` is N times the demo content (each language's resources copied until it has N
times as many), ``10000x6`` is 10,000 resources in each of the six languages (60,000 pages).
Each size is a SQLite file under --work, built once from the demo database (kept; --rebuild
builds it again) and copied before it is measured, so the search log rows never accumulate.

How the content is built, fast and faithfully: every demo resource in every language is
copied, row for row, by bulk SQL inserts in one transaction: its page rows (Wagtail's page,
KnowledgePage and its own type's table), its skill, partner, audience and tag links, and its
search index entry (the SQLite FTS table follows by its trigger). A copy keeps its source's
title and text (so the copied index entry is exactly what indexing it would write), gets a new
slug ("…-n"), its place in the tree computed as treebeard does (`Page._get_path`, the parent's
`numchild` updated), and a translation key derived from the source's and the copy number, so
copy n of a guide is, in every language, a translation of copy n in English, exactly as the
demo's pages are translations of each other. Copies have no revisions (nothing public reads
them). --update-index rebuilds the index with Wagtail's `update_index` instead of copying the
entries (about 40 pages/s on the 2-core machine: 25 minutes for 60,000 pages). The time of
each step is printed.

Each page is measured with benchmarks/count_queries.py in a fresh process under production
settings with the page cache off: the queries of the second (warm) request and the median time
of --requests more, in three modes (``MODES``: warm, after a publish, during a publish). Last,
the median time ``core.fragments.rebuild()`` adds to an editor's change at each size
(benchmarks/after_change.py).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

from portal_site import (
    AFTER_PUBLISH,
    PUBLISH_RETURNED,
    PYTHON,
    ROOT,
    SETTLE,
    busiest_tag,
    collect_static,
    copy_database,
    count_queries,
    demo_database,
    django_output,
    git_commit,
    portal_env,
    run,
)

LANGS = ["en", "bg", "el", "it", "pt", "es"]
DEFAULT_SIZES = "1x,10x,100x,10000x6"
# Warm: what the portal keeps across requests (core/fragments.py) is there. After a publish: the
# content version is bumped before each request and what the editor's request computes before
# its response leaves is computed (the unfiltered listings, the home pages); a search or a
# filtered listing is computed by the request. During a publish: bumped only, as for a visitor
# who comes while the editor's request is still computing: every listing and search is computed.
MODES = {"warm": None, "after a publish": PUBLISH_RETURNED, "during a publish": AFTER_PUBLISH}


def pages(lang, tag):
    return [
        ("home", f"/{lang}/"),
        ("listing", f"/{lang}/resources/"),
        ("filtered listing", f"/{lang}/resources/?tag={tag}"),
        # two thirds of the demo's resources: a full page of cards at every size
        ("filtered, many results", f"/{lang}/resources/?audience=manager"),
        ("detail (guide)", f"/{lang}/resources/guide-active-listening/"),
        ("search", f"/{lang}/search/?q=feedback"),
    ]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "portal-bench")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default: {DEFAULT_SIZES}")
    parser.add_argument("--requests", type=int, default=10, help="timed warm requests per page")
    parser.add_argument("--rounds", type=int, default=3, help="processes per size (median)")
    parser.add_argument("--language", default="en", choices=LANGS)
    parser.add_argument("--tag", help="the filtered listing's tag (default: the most used)")
    parser.add_argument("--rebuild", action="store_true", help="build every size again")
    parser.add_argument(
        "--update-index", action="store_true", help="index with update_index (slow), not copies"
    )
    parser.add_argument("--grow", type=int, help=argparse.SUPPRESS)  # worker: resources/language
    return parser.parse_args()


def per_language(size, demo_per_language):
    """Resources per language at ``size`` ("10x": ten times the demo, "10000x6": 10,000)."""
    if size.endswith("x6"):
        return int(size[:-2])
    return int(size.rstrip("x")) * demo_per_language


def main():
    args = parse_args()
    if args.grow:
        return grow(args.grow, copy_index=not args.update_index)
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    pristine = demo_database(work)
    sizes = args.sizes.split(",")
    args.tag = args.tag or busiest_tag(portal_env(work, pristine))
    collect_static(portal_env(work, pristine))
    builds, envs = {}, {}
    for size in sizes:
        database = work / f"scale-{size}.sqlite3"
        if args.rebuild or not database.exists():
            builds[size] = build(pristine, database, size, work, args.update_index)
        envs[size] = copy_database(database, work / f"scale-{size}-measured.sqlite3", work)
    paths = [path for _, path in pages(args.language, args.tag)]
    rounds = defaultdict(list)  # (mode, size) -> one {path: {status, queries, ms}} per round
    for number in range(args.rounds):  # sizes take turns, so the machine's load hits them alike
        for size in sizes:
            print(f"round {number + 1}: {size}", flush=True)
            for mode, before in MODES.items():
                rounds[mode, size].append(
                    count_queries(
                        PYTHON, ROOT, envs[size], paths, args.requests, before, settle=SETTLE
                    )
                )
    rebuilds = {size: rebuild_ms(envs[size]) for size in sizes}
    for size in sizes:
        (work / f"scale-{size}-measured.sqlite3").unlink()
    print_builds(builds)
    for mode in MODES:
        results = {size: combine(rounds[mode, size]) for size in sizes}
        print_table(args, mode, sizes, results)
    print()
    print("what a change adds to the editor's request (core.fragments.rebuild), median ms:")
    print(" | ".join(f"{size} {ms}" for size, ms in rebuilds.items()))
    return 0


def rebuild_ms(env):
    """The median ms of ``core.fragments.rebuild()`` (benchmarks/after_change.py)."""
    script = f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\nimport after_change\n"
    return django_output(env, f"import sys\n{script}after_change.rebuild_ms()")


def combine(rounds):
    """The first round's status and queries, the median of every round's median time."""
    return {
        path: {**result, "ms": statistics.median(r[path]["ms"] for r in rounds)}
        for path, result in rounds[0].items()
    }


def build(pristine, database, size, work, update_index):
    """Copy the demo database and grow it to ``size``; (pages added, seconds, index seconds)."""
    print(f"{size}: building", flush=True)
    building = Path(f"{database}.tmp")
    env = copy_database(pristine, building, work)
    target = per_language(size, demo_per_language=resources_per_language(env))
    started = time.perf_counter()
    index = ["--update-index"] if update_index else []
    run([PYTHON, __file__, "--grow", str(target), *index], env, ROOT, quiet=False)
    grown = time.perf_counter() - started
    started = time.perf_counter()
    if update_index:
        run([PYTHON, "manage.py", "update_index", "-v0"], env, ROOT)
    indexed = time.perf_counter() - started if update_index else None
    building.rename(database)
    return grown, indexed


def resources_per_language(env):
    script = (
        "from resources.models import KnowledgePage\n"
        "print(KnowledgePage.objects.filter(locale__language_code='en').count())\n"
    )
    return int(django_output(env, script))


# --- the worker: runs inside Django (portal settings, the database being built) -----------


def grow(target, copy_index):
    """Copy each language's resources until it has ``target``; print what was added."""
    sys.path.insert(0, str(ROOT))
    import django  # the worker alone sets Django up, on the database to grow

    django.setup()
    from django.db import connection, transaction  # after django.setup()

    from wagtail.models import Page  # after django.setup()
    from wagtail.search.models import IndexEntry  # after django.setup()

    from resources.models import KnowledgePage  # after django.setup()

    sources = defaultdict(list)
    for page in KnowledgePage.objects.filter(alias_of__isnull=True).order_by("path"):
        sources[page.locale_id].append(page)
    copier = Copier(connection, Page, KnowledgePage, IndexEntry if copy_index else None)
    started = time.perf_counter()
    with transaction.atomic():
        for locale_sources in sources.values():
            for i in range(target - len(locale_sources)):
                copier.copy(locale_sources[i % len(locale_sources)], i // len(locale_sources) + 1)
        copier.flush()
    elapsed = time.perf_counter() - started
    print(f"  added {copier.added} resource pages in {elapsed:.1f} s", flush=True)
    return 0


class Copier:
    """Copies resource pages and their inline rows with bulk inserts (see the module's doc)."""

    def __init__(self, connection, page_model, resource_model, index_model):
        self.connection = connection
        self.index_table = index_model._meta.db_table if index_model else None
        self.page_model = page_model
        self.cursor = connection.cursor()
        self.rows = defaultdict(list)  # table -> rows to insert
        self.next_id = {}
        self.next_step = {}  # parent path -> the next child's step
        self.added = 0
        self.inlines = [  # (model, column of the page) for KnowledgePage's inline rows
            (rel.related_model, rel.field.column)
            for rel in resource_model._meta.related_objects
            if rel.related_model._meta.app_label == resource_model._meta.app_label
            and rel.field.many_to_one
        ]
        self.source_rows = {}
        self.parents = {}

    def select(self, table, column, value):
        quote = self.connection.ops.quote_name
        self.cursor.execute(f"SELECT * FROM {quote(table)} WHERE {quote(column)} = %s", [value])  # noqa: S608
        names = [d[0] for d in self.cursor.description]
        return [dict(zip(names, row, strict=True)) for row in self.cursor.fetchall()]

    def new_id(self, table, pk="id"):
        if table not in self.next_id:
            quote = self.connection.ops.quote_name
            self.cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")  # noqa: S608
            self.next_id[table] = self.cursor.fetchone()[0] + 1
        self.next_id[table] += 1
        return self.next_id[table] - 1

    def key(self, value, number):
        """A translation key derived from the source's: copy n shares it across languages."""
        derived = uuid.uuid5(uuid.UUID(str(value)), str(number))
        field = self.page_model._meta.get_field("translation_key")
        return field.get_db_prep_value(derived, self.connection)

    def rows_of(self, page):
        """The source page's own rows in each of its tables, and its inline rows (cached)."""
        if page.pk not in self.source_rows:
            specific = page.specific_class
            chain = [*reversed(specific._meta.get_parent_list()), specific]
            tables = [
                (
                    model._meta.db_table,
                    model._meta.pk.column,
                    self.select(model._meta.db_table, model._meta.pk.column, page.pk)[0],
                )
                for model in chain
            ]
            inlines = [
                (model._meta.db_table, column, self.select(model._meta.db_table, column, page.pk))
                for model, column in self.inlines
            ]
            if self.index_table:
                entries = [
                    entry
                    for entry in self.select(self.index_table, "object_id", str(page.pk))
                    if entry["content_type_id"] == page.content_type_id
                ]
                inlines.append((self.index_table, "object_id", entries))
            self.source_rows[page.pk] = (tables, inlines)
        return self.source_rows[page.pk]

    def place(self, page):
        """The next free path under the page's parent, treebeard's way."""
        parent_path = page.path[: -self.page_model.steplen]
        if parent_path not in self.next_step:
            last = (
                self.page_model.objects.filter(path__startswith=parent_path, depth=page.depth)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[parent_path] = (
                self.page_model._str2int(last[-self.page_model.steplen :]) + 1
            )
            self.parents[parent_path] = 0
        step = self.next_step[parent_path]
        self.next_step[parent_path] += 1
        self.parents[parent_path] += 1
        return self.page_model._get_path(parent_path, page.depth, step)

    def copy(self, page, number):
        tables, inlines = self.rows_of(page)
        page_table = self.page_model._meta.db_table
        new_id = self.new_id(page_table)
        for table, pk, source in tables:
            row = {**source, pk: new_id}
            if table == page_table:
                slug = f"{source['slug']}-{number}"
                row.update(
                    path=self.place(page),
                    slug=slug,
                    url_path=source["url_path"][: -len(source["slug"]) - 1] + slug + "/",
                    translation_key=self.key(source["translation_key"], number),
                    latest_revision_id=None,
                    live_revision_id=None,
                )
            self.rows[table].append(row)
        for table, column, source_rows in inlines:
            for source in source_rows:
                page_id = str(new_id) if table == self.index_table else new_id
                row = {**source, "id": self.new_id(table), column: page_id}
                if "translation_key" in row:
                    row["translation_key"] = self.key(source["translation_key"], number)
                self.rows[table].append(row)
        self.added += 1

    def flush(self):
        quote = self.connection.ops.quote_name
        for table, rows in self.rows.items():  # parents first: the insertion order of copy()
            columns = list(rows[0])
            self.cursor.executemany(
                f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                [[row[column] for column in columns] for row in rows],
            )
        for parent_path, added in self.parents.items():
            self.page_model.objects.filter(path=parent_path).update(
                numchild=self.page_model.objects.get(path=parent_path).numchild + added
            )
        self.rows.clear()


# --- the table ------------------------------------------------------------------------------


def print_builds(builds):
    for size, (grown, indexed) in builds.items():
        index = f"update_index {indexed:.0f} s" if indexed else "index entries copied"
        print(f"built {size}: {grown:.0f} s ({index})")


def print_table(args, mode, sizes, results):
    print()
    print(
        f"{mode}: portal {git_commit()}, /{args.language}/, production settings, page cache off, "
        f"SQLite, database search backend; ms = median of {args.rounds} rounds of the median of "
        f"{args.requests} warm requests; load {os.getloadavg()[0]:.2f}"
    )
    header = ["page"] + [f"{size} q/ms" for size in sizes] + [f"{s} ÷ 1x" for s in sizes[1:]]
    print(" | ".join(header))
    base = sizes[0]
    for label, path in pages(args.language, args.tag):
        cells = [label]
        for size in sizes:
            result = results[size][path]
            status = "" if result["status"] == 200 else f" ({result['status']})"
            cells.append(f"{result['queries']} / {result['ms']:.0f}{status}")
        for size in sizes[1:]:
            cells.append(f"{results[size][path]['ms'] / results[base][path]['ms']:.2f}")
        print(" | ".join(cells))
    print(f"(median ratio over pages at {sizes[-1]}: {median_ratio(results, sizes):.2f})")


def median_ratio(results, sizes):
    last, base = results[sizes[-1]], results[sizes[0]]
    return statistics.median(last[path]["ms"] / base[path]["ms"] for path in last)


if __name__ == "__main__":
    sys.exit(main())
