"""A bounded load on `make serve` while an editor publishes: zero errors or exit 1.

    .venv/bin/python benchmarks/load.py [--database db.sqlite3] [--duration 60]   (make load)

1. A temporary copy (SQLite's backup API) of the demo database scripts/demo_db.py builds once
   for the current sources into .cache/demo/, the one `make audit` and the screenshot test use
   (built first if missing; the load publishes into its copy only), with its media; or of
   --database. Its own static and cache folders and a random SECRET_KEY.
2. scripts/serve (what `make serve` runs) on a free loopback port with --workers gunicorn
   workers (2), production settings (scripts/serving.py starts, waits for and stops it).
3. The mix, found in sitemap.xml: in each of the six languages the home page, the listings,
   a filtered listing, guides and case studies, and searches for words of their titles.
4. Capacity: --connections clients back to back for --capacity-seconds (closed loop), while
   benchmarks/load_editor.py publishes a guide revision every --publish-every seconds (and a
   soft skill every other time) on the same database, from here to the end of the load.
5. The load: --fraction of that capacity (0.8) as a fixed request rate over twice as many
   connections (open loop: a request is due at its time whatever the answers), for
   --duration seconds, the editor still publishing.
6. Prints rps, p50/p95/p99 latency, the errors and the publishes; exits 1 on any error (a
   non-2xx answer, a timeout, a failed or missing publish).
"""

import argparse
import json
import random
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the portal's own scripts package, run as a script

from scripts import demo_db, serving  # noqa: E402
from scripts.serving import free_port  # noqa: E402 (tests/portal import it from here too)

PY = sys.executable
TIMEOUT = 10  # seconds: a slower answer counts as an error
LANGS = ["en", "bg", "el", "it", "pt", "es"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", type=Path, help="an SQLite demo database to copy (default: .cache/demo/)"
    )
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--capacity-seconds", type=float, default=15)
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--fraction", type=float, default=0.8, help="of capacity (0.8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--publish-every", type=float, default=3, help="seconds (3)")
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args()


def environment(folder, port, workers):
    """What a partner's server would have: production settings, nothing of the caller's."""
    return serving.environment(
        ("DATABASE_", "DJANGO_", "SECURE_", "SECRET_", "MAKE", "PYTEST_"),
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        CACHE_URL=f"filecache://{folder / 'cache'}",
        SECRET_KEY=secrets.token_urlsafe(50),
        HOST=serving.HOST,
        PORT=str(port),
        WORKERS=str(workers),
        SECURE_SSL_REDIRECT="false",
    )


def prepare_database(folder, source=None):
    """``folder``'s db.sqlite3: a copy of ``source``, or of the shared demo database (built
    first if missing) with a copy of its media. The load writes to the copies only: the audit
    and the screenshot test see the demo as it was built."""
    if source is None:
        shared = demo_db.prepared(log=lambda line: print(line, flush=True))
        source = shared / "db.sqlite3"
        shutil.copytree(shared / "media", folder / "media")
    with (
        closing(sqlite3.connect(source)) as original,
        closing(sqlite3.connect(folder / "db.sqlite3")) as copy,
    ):
        original.backup(copy)


def get(port, path, timeout=TIMEOUT):
    """(status, body), compressed as a browser asks for it."""
    return serving.get(port, path, timeout, headers={"Accept-Encoding": "gzip"})


def discover(port):
    """The paths of the mix, from the sitemap: per language, home, listings (one filtered),
    detail pages, and searches for a word of each detail page's title."""
    status, body = get(port, "/sitemap.xml")
    if status != 200:
        sys.exit(f"/sitemap.xml answered {status}")
    paths = sorted({urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())})
    mix = []
    for lang in LANGS:
        own = [path for path in paths if path.startswith(f"/{lang}/")]
        depth = {path: path.strip("/").count("/") for path in own}
        listings = [
            path
            for path in own
            if depth[path] == 1
            and any(other.startswith(path) and depth[other] == 2 for other in own)
        ]
        details = [path for path in own if depth[path] == 2]
        mix += [f"/{lang}/", *listings, *details]
        mix += [f"{path}?audience=mentor" for path in listings]
        for path in details[:6]:
            status, page = get(port, path, timeout=60)
            title = re.search(r"<h1[^>]*>(.*?)</h1>", page.decode(), re.S)
            words = re.findall(r"\w{5,}", title[1] if title else "")
            if words:
                mix.append(f"/{lang}/search/?q={quote(words[0])}")
    return mix


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.errors, self.statuses = [], Counter(), Counter()

    def fetch(self, port, path):
        started = time.monotonic()
        try:
            status, _ = get(port, path)
        except OSError as error:  # refused, reset, timed out
            status = f"{type(error).__name__}"
        took = time.monotonic() - started
        with self.lock:
            self.statuses[status] += 1
            if isinstance(status, int) and status < 400:
                self.latencies.append(took)
            else:
                self.errors[f"{status} {path}"] += 1


def closed_loop(port, mix, connections, seconds, rng):
    """Capacity: each client sends its next request as soon as the last one is answered."""
    recorder = Recorder()
    deadline = time.monotonic() + seconds
    paths = [rng.choice(mix) for _ in range(100_000)]
    counter = iter(range(len(paths)))
    lock = threading.Lock()

    def client():
        while time.monotonic() < deadline:
            with lock:
                number = next(counter)
            recorder.fetch(port, paths[number])

    started = time.monotonic()
    run_threads(client, connections)
    return recorder, len(recorder.latencies) / (time.monotonic() - started)


def open_loop(port, mix, connections, rate, seconds, rng):
    """The load: request n is due at start + n / rate, sent by the next free client."""
    recorder = Recorder()
    total = int(rate * seconds)
    paths = [rng.choice(mix) for _ in range(total)]
    counter = iter(range(total))
    lock = threading.Lock()
    lag = []
    start = time.monotonic() + 0.5

    def client():
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            wait = start + number / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            else:
                lag.append(-wait)
            recorder.fetch(port, paths[number])

    run_threads(client, connections)
    elapsed = time.monotonic() - start
    return recorder, total / elapsed, max(lag, default=0.0)


def run_threads(target, count):
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="portal-load-") as name:
        folder = Path(name)
        port = free_port()
        env = environment(folder, port, args.workers)
        prepare_database(folder, args.database)
        with serving.running(
            [str(ROOT / "scripts" / "serve")],
            port=port,
            probe="/en/",
            log=folder / "serve.log",
            env=env,
            cwd=ROOT,
            timeout=300,  # migrate and collectstatic (compressing every file) on a busy machine
            name="`make serve`",
        ):
            mix = discover(port)
            for path in mix:  # every page answers before the clock starts (and is warm)
                status, _ = get(port, path, timeout=60)
                if status != 200:
                    sys.exit(f"{path} answered {status} before the load")
            # The editor publishes from the start of the capacity measure to the end of the
            # load: the capacity is what the site serves while it is being edited.
            editing_seconds = args.capacity_seconds + args.duration
            editor = subprocess.Popen(  # noqa: S603 -- our own interpreter and script
                [
                    *(PY, str(ROOT / "benchmarks" / "load_editor.py")),
                    *("--duration", str(editing_seconds), "--every", str(args.publish_every)),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=(folder / "editor.log").open("w"),  # Wagtail's log of each publish
                text=True,
            )
            _, capacity = closed_loop(port, mix, args.connections, args.capacity_seconds, rng)
            rate = args.fraction * capacity
            print(
                f"Mix: {len(mix)} paths in {len(LANGS)} languages; capacity "
                f"{capacity:.1f} req/s with {args.connections} connections; load at "
                f"{rate:.1f} req/s ({args.fraction:.0%}) for {args.duration:.0f} s, "
                f"{args.workers} workers, an editor publishing every {args.publish_every} s",
                flush=True,
            )
            # Twice the connections: a request due while every connection waits for an answer
            # would otherwise be sent late (closed loop again), and the rate not held.
            recorder, achieved, lag = open_loop(
                port, mix, 2 * args.connections, rate, args.duration, rng
            )
            edited, _ = editor.communicate(timeout=120)
        if editor.returncode != 0:
            log = (folder / "editor.log").read_text()[-3000:]
            sys.exit(f"the editor failed (exit {editor.returncode}):\n{log}")
        editing = json.loads(edited)
    latencies = recorder.latencies
    requests = sum(recorder.statuses.values())
    print(
        f"Requests {requests} at {achieved:.1f} req/s (due {rate:.1f}; largest lag "
        f"{lag:.2f} s); latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, p95 "
        f"{percentile(latencies, 0.95) * 1000:.0f} ms, p99 "
        f"{percentile(latencies, 0.99) * 1000:.0f} ms, mean "
        f"{statistics.fmean(latencies or [0]) * 1000:.0f} ms"
    )
    print(f"Statuses: {dict(recorder.statuses)}")
    print(
        f"Editor: {editing['page_publishes']} page and {editing['snippet_publishes']} snippet "
        f"publishes, {len(editing['failures'])} failed; slowest publish "
        f"{max(editing['seconds'], default=0):.2f} s"
    )
    errors = sum(recorder.errors.values()) + len(editing["failures"])
    if recorder.errors:
        print("Errors:", dict(recorder.errors.most_common(10)))
    if editing["failures"]:
        print("Failed publishes:", editing["failures"][:5])
    if editing["page_publishes"] < editing_seconds / args.publish_every / 2:
        print("Too few publishes")
        errors += 1
    print("Zero errors." if not errors else f"{errors} errors.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
