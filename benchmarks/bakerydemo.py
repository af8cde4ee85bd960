"""The portal against Wagtail's reference site (bakerydemo): requests/s and SQL queries per page.

    git clone https://github.com/wagtail/bakerydemo /work/bakerydemo   # outside this repository
    .venv/bin/python benchmarks/bakerydemo.py --bakerydemo /work/bakerydemo            # ~10 min
    .venv/bin/python benchmarks/bakerydemo.py --bakerydemo /work/bakerydemo --quick    # ~3 min

bakerydemo is set up in its own checkout, once: a virtual environment PATH/.venv (its
requirements/base.txt from PyPI, plus WhiteNoise, which its production settings use, and
gunicorn), `migrate`, its `load_initial_data`, `collectstatic`. Its code is never copied here.
The portal's demo database is built once in --work (`migrate` + `load_demo_content`, about four
minutes; --rebuild makes it again). Each run serves copies of both databases, so the search
logs written under load are thrown away.

Both sites run under gunicorn with the portal's gunicorn.conf.py (`make serve`'s: 2 sync workers,
preloaded, access log, workers renewed after 10,000 to 15,000 requests; its logs go to --work),
their production settings (DEBUG off; plain HTTP: no SSL redirect, no HSTS) and SQLite, bound to
loopback. The portal runs twice: with its anonymous page cache off (PAGE_CACHE=false) and on.
wrk loads one URL at a time with --connections (8) for --duration seconds, the sites taking
turns (portal, bakerydemo, portal with the cache), --runs (3) times; the table gives the
medians. SQL queries are counted in each site's own process by benchmarks/count_queries.py,
run with that site's python (Django's CaptureQueriesContext, the second request of each URL);
for the portal also after a publish (its content version bumped before the request, so nothing
it keeps across requests is used). --queries-only counts the queries and skips the load.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

from portal_site import (
    AFTER_PUBLISH,
    PYTHON,
    ROOT,
    SETTLE,
    base_env,
    busiest_tag,
    collect_static,
    copy_database,
    count_queries,
    demo_database,
    django_output,
    git_commit,
    run,
)

sys.path.insert(0, str(ROOT))  # the portal's own scripts package, run as a script
from scripts.serving import free_port  # noqa: E402

# The one gunicorn configuration both sites run under, `make serve`'s, with two sync workers.
GUNICORN_CONFIG = ROOT / "gunicorn.conf.py"
GUNICORN_ENV = {"WORKERS": "2", "THREADS": "1"}


@dataclass(frozen=True)
class Pair:
    label: str
    ours: str
    theirs: str
    cached: bool = True  # also measured with the portal's page cache on


# A word each site has: "feedback" is in most portal resources, "bread" in most bakery pages.
PAIRS = [
    Pair("home / home", "/en/", "/"),
    Pair("guide / blog page", "/en/resources/guide-active-listening/", "/blog/{blog_page}/"),
    Pair(
        "case study / blog page",
        "/en/case-studies/case-algarve-hotel-peak-season/",
        "/blog/{blog_page}/",
    ),
    Pair("listing / blog index", "/en/resources/", "/blog/"),
    Pair("filtered listing / blog tag", "/en/resources/?tag={our_tag}", "/blog/tags/{their_tag}/"),
    Pair("search / search", "/en/search/?q=feedback", "/search/?q=bread", cached=False),
]


@dataclass
class Site:
    name: str
    folder: Path
    python: Path
    env: dict
    port: int = 0
    process: subprocess.Popen | None = None
    runs: dict = field(default_factory=dict)  # url -> [rps, …]
    queries: dict = field(default_factory=dict)  # url -> {"status", "queries", "ms"}
    queries_after_publish: dict = field(default_factory=dict)  # the same, nothing kept

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", required=True, type=Path, help="a bakerydemo checkout")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "portal-bench")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="runs per URL and site (median)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="3-second runs (about 3 minutes)")
    parser.add_argument(
        "--python",
        help="the interpreter for bakerydemo's venv (default: the "
        "version in its .python-version, found on PATH or in ~/.pyenv)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the portal's demo database")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--queries-only", action="store_true", help="count queries, no load")
    args = parser.parse_args()
    if args.quick:
        args.duration = 3
    args.bakerydemo = args.bakerydemo.resolve()
    if args.bakerydemo == ROOT or ROOT in args.bakerydemo.parents:
        sys.exit("Keep the bakerydemo checkout outside this repository.")
    if not (args.bakerydemo / "bakerydemo" / "settings").is_dir():
        sys.exit(f"{args.bakerydemo} is not a bakerydemo checkout.")
    return args


def find_python(checkout, explicit):
    if explicit:
        return explicit
    wanted = (
        (checkout / ".python-version").read_text().strip()
        if (checkout / ".python-version").exists()
        else "3.12"
    )
    candidates = [shutil.which(f"python{wanted}")]
    candidates += sorted(Path.home().glob(f".pyenv/versions/{wanted}*/bin/python{wanted}"))
    for candidate in candidates:  # a pyenv shim exists even where its version is not selected
        if candidate and subprocess.run([candidate, "-V"], capture_output=True).returncode == 0:  # noqa: S603
            return str(candidate)
    sys.exit(f"bakerydemo wants Python {wanted}: install it or pass --python.")


def gunicorn_version():
    """Bakerydemo gets the gunicorn the portal is pinned to (the same server code)."""
    constraints = (ROOT / "requirements" / "constraints.txt").read_text()
    match = re.search(r"^gunicorn==(\S+)", constraints, re.MULTILINE)
    return f"gunicorn=={match.group(1)}" if match else "gunicorn"


def bakerydemo_site(args, work):
    checkout = args.bakerydemo
    venv = checkout / ".venv"
    python = venv / "bin" / "python"
    env = {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }
    pristine = checkout / "bench-demo.sqlite3"
    stamp = venv / ".bench-installed"
    if not stamp.exists():
        print("bakerydemo: virtual environment and requirements (from PyPI)")
        run([find_python(checkout, args.python), "-m", "venv", venv], env, checkout)
        run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], env, checkout)
        requirements = ["-r", "requirements/base.txt", "whitenoise", gunicorn_version()]
        run([python, "-m", "pip", "install", "-q", *requirements], env, checkout)
        stamp.touch()
    if not pristine.exists():
        print("bakerydemo: migrate, load_initial_data, collectstatic")
        build_env = {**env, "DATABASE_NAME": str(pristine.with_suffix(".tmp"))}
        manage = [python, "manage.py"]
        run([*manage, "migrate", "--no-input", "-v0"], build_env, checkout)
        run([*manage, "load_initial_data"], build_env, checkout)
        run([*manage, "collectstatic", "--no-input", "-v0"], build_env, checkout)
        pristine.with_suffix(".tmp").rename(pristine)
    database = work / "bakerydemo.sqlite3"
    shutil.copyfile(pristine, database)
    return Site("bakerydemo", checkout, python, {**env, "DATABASE_NAME": str(database)})


def portal_sites(args, work):
    """The portal on a copy of its demo database: page cache off, and on."""
    pristine = demo_database(work, rebuild=args.rebuild)
    print("portal: migrate (a copy of the demo database), collectstatic", flush=True)
    env = copy_database(pristine, work / "portal.sqlite3", work)
    collect_static(env)
    return [
        Site("portal", ROOT, PYTHON, env),
        Site("portal+cache", ROOT, PYTHON, {**env, "PAGE_CACHE": "true"}),
    ]


def start(site, wsgi, work):
    site.port = free_port()
    gunicorn = site.python.parent / "gunicorn"
    if not gunicorn.exists():
        sys.exit(f"{gunicorn} is missing: install gunicorn into that environment.")
    command = [str(gunicorn), "--config", str(GUNICORN_CONFIG), wsgi]
    env = {**site.env, **GUNICORN_ENV, "BIND": f"127.0.0.1:{site.port}"}
    with open(work / f"{site.name}.log", "w") as log:  # the access and error logs
        site.process = subprocess.Popen(  # noqa: S603
            command, cwd=site.folder, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(site.url("/"), timeout=5):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers (a redirect to a language, a 404): up
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{site.name} did not start on port {site.port}")


def stop(sites):
    for site in sites:
        if site.process and site.process.poll() is None:
            site.process.terminate()
            site.process.wait(timeout=30)


def check(site, path):
    with urllib.request.urlopen(site.url(path), timeout=30) as response:  # noqa: S310
        if response.status != 200:
            sys.exit(f"{site.name} {path}: {response.status}")


def wrk(url, seconds, connections):
    """Requests/s and errors (non-2xx/3xx answers and socket errors) of one wrk run."""
    if not shutil.which("wrk"):
        return python_load(url, seconds, connections)
    output = subprocess.run(  # noqa: S603
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(
        int(n)
        for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output)
        + re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
    )
    return rps, errors


def python_load(url, seconds, connections):
    """wrk's stand-in when it is missing (slower: compare its figures only with each other)."""
    match = re.match(r"http://([^/]+)(/.*)", url)
    host, path = match.groups()
    deadline = time.monotonic() + seconds
    counts = {"ok": 0, "errors": 0}
    lock = threading.Lock()

    def client():
        while time.monotonic() < deadline:
            connection = HTTPConnection(host, timeout=30)
            try:
                connection.request("GET", path)
                status = connection.getresponse().status
                key = "ok" if status < 400 else "errors"
            except OSError:
                key = "errors"
            finally:
                connection.close()
            with lock:
                counts[key] += 1

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts["ok"] / seconds, counts["errors"]


def bakery_names(site):
    """A blog page and one of its tags, read from bakerydemo's database."""
    script = (
        "import json\n"
        "from bakerydemo.blog.models import BlogPage\n"
        "page = BlogPage.objects.live().order_by('path').first()\n"
        "tag = page.tags.order_by('slug').first()\n"
        "print(json.dumps({'blog_page': page.slug, 'their_tag': tag.slug}))\n"
    )
    return json.loads(django_output(site.env, script, site.python, site.folder))


def main():
    args = parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    bakery = bakerydemo_site(args, work)
    ours, cached = portal_sites(args, work)
    names = {**bakery_names(bakery), "our_tag": busiest_tag(ours.env)}
    pairs = [
        Pair(p.label, p.ours.format(**names), p.theirs.format(**names), p.cached) for p in PAIRS
    ]
    print("queries per page (warm second request, each site in its own process)")
    ours.queries = count_queries(PYTHON, ROOT, ours.env, [p.ours for p in pairs], settle=SETTLE)
    ours.queries_after_publish = count_queries(
        PYTHON, ROOT, ours.env, [p.ours for p in pairs], before=AFTER_PUBLISH, settle=SETTLE
    )
    cached.queries = count_queries(
        PYTHON, ROOT, cached.env, [p.ours for p in pairs if p.cached], settle=SETTLE
    )
    bakery.queries = count_queries(
        bakery.python, bakery.folder, bakery.env, [p.theirs for p in pairs]
    )
    sites = [ours, bakery, cached]
    if args.queries_only:
        print_table(table(pairs, ours, bakery, cached), args, time.monotonic() - started)
        return
    try:
        start(ours, "portal.wsgi:application", work)
        start(cached, "portal.wsgi:application", work)
        start(bakery, "bakerydemo.wsgi:application", work)
        for pair in pairs:
            check(ours, pair.ours)
            check(bakery, pair.theirs)
        print(f"load: wrk -c{args.connections}, {args.duration} s per run, {args.runs} runs")
        for pair in pairs:
            turns = [(ours, pair.ours), (bakery, pair.theirs)]
            if pair.cached:
                turns.append((cached, pair.ours))
            for site, path in turns:  # warm-up: both workers, every cache
                wrk(site.url(path), 1, args.connections)
            for _ in range(args.runs):
                for site, path in turns:
                    rps, errors = wrk(site.url(path), args.duration, args.connections)
                    if errors:
                        print(f"  {site.name} {path}: {errors} errors", flush=True)
                    site.runs.setdefault(path, []).append(rps)
            print(f"  {pair.label}: done", flush=True)
    finally:
        stop(sites)
    rows = table(pairs, ours, bakery, cached)
    print_table(rows, args, time.monotonic() - started)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def table(pairs, ours, bakery, cached):
    rows = []
    for pair in pairs:
        theirs_rps = median(bakery.runs.get(pair.theirs))
        their_queries = bakery.queries[pair.theirs]["queries"]
        for site, label in ((ours, pair.label), (cached, f"{pair.label} (page cache)")):
            if pair.ours not in site.queries:
                continue
            ours_rps = median(site.runs.get(pair.ours))
            after_publish = site.queries_after_publish.get(pair.ours, {}).get("queries")
            rows.append(
                {
                    "pair": label,
                    "ours": pair.ours,
                    "theirs": pair.theirs,
                    "our_rps": ours_rps,
                    "their_rps": theirs_rps,
                    "ratio": round(ours_rps / theirs_rps, 2) if ours_rps and theirs_rps else None,
                    "our_queries": site.queries[pair.ours]["queries"],
                    "our_queries_after_publish": after_publish,
                    "their_queries": their_queries,
                }
            )
    return rows


def print_table(rows, args, elapsed):
    print()
    print(
        f"portal {git_commit()} vs bakerydemo "
        f"{args.bakerydemo}; wrk -c{args.connections}, {args.duration} s x {args.runs} runs "
        f"(median), gunicorn.conf.py with WORKERS=2; load {os.getloadavg()[0]:.2f}; "
        f"{elapsed / 60:.1f} min"
    )
    print("our q: warm; our q*: after a publish (nothing the portal keeps across requests)")
    print(line(("page pair", "our rps", "their rps", "ratio", "our q", "our q*", "their q")))
    for row in rows:
        print(
            line(
                (
                    row["pair"],
                    f"{row['our_rps']}" if row["our_rps"] is not None else "-",
                    f"{row['their_rps']}" if row["their_rps"] is not None else "-",
                    f"{row['ratio']:.2f}x" if row["ratio"] else "-",
                    str(row["our_queries"]),
                    str(row["our_queries_after_publish"] or "-"),
                    str(row["their_queries"]),
                )
            )
        )


def median(runs):
    """The median requests/s of some runs, rounded; None when there were none (--queries-only)."""
    return round(statistics.median(runs), 1) if runs else None


def line(cells, widths=(44, 9, 10, 7, 6, 7, 8)):
    first, *rest = zip(cells, widths, strict=True)
    return f"{first[0]:<{first[1]}}" + "".join(f"{cell:>{width}}" for cell, width in rest)


if __name__ == "__main__":
    main()
