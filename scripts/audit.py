"""Lighthouse and axe-core on the public site in every language: exit 1 below 100 or on a violation.

    .venv/bin/python scripts/audit.py [--only lighthouse|axe] [--languages en,bg] [--jobs 3]
    (make audit: --jobs 3, the six languages shared out between three processes, two each)

1. The demo content in six languages from .cache/demo/ (scripts/demo_db.py: built once for the
   current migrations and demo files, shared with the screenshot test), copied for this run.
2. The portal as `make run` serves it: runserver with DEBUG off (the portal's own error pages),
   static files served by --insecure, uploaded ones by SERVE_MEDIA, the Site on its free port.
3. axe-core (node_modules/axe-core/axe.min.js, injected with Playwright into Debian's chromium)
   on every public page type in every language, at phone (390 px) and desktop (1366 px) width:
   WCAG 2.0/2.1 A and AA rules and axe's best practices; any violation fails.
4. Lighthouse (node_modules/.bin/lighthouse, mobile, simulated throttling: its defaults) on the
   home page, a listing, a guide and the self-check's questionnaire in every language, every run
   in one Chromium: performance, accessibility, best practices and SEO must all be 100.
   Performance is the one score timed on this machine: a page short of 100 in it alone is
   measured again once nothing else of the audit runs (after axe; with --jobs, after every
   process), up to five times, and the median counts (measure_again).
Prints a table per tool and the details of what failed. Nothing leaves the machine.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the portal's own benchmarks package, run as a script

from scripts import demo_db, serving  # noqa: E402

PY = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ["en", "bg", "el", "it", "pt", "es"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = {"phone": 390, "desktop": 1366}
# the self-check's result is not there: it is noindex on purpose (an address per set of answers)
LIGHTHOUSE_PAGES = ["home", "listing", "guide", "self-check"]
MEASURED_AGAIN = 5  # runs whose median counts for a page short of 100 in performance alone
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["lighthouse", "axe"], help="run one tool only")
    parser.add_argument("--languages", default=",".join(LANGS), help="comma-separated codes")
    parser.add_argument("--keep", action="store_true", help="keep the Lighthouse JSON reports")
    parser.add_argument(
        "--pending",
        type=Path,
        help="(used by --jobs) write the pages short of 100 in performance alone to this JSON "
        "file, for the parent to measure again once every process has finished",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="audit the languages in this many processes at once (each its own server and "
        "Chromium): the runs mostly wait (for the network and the CPU to be quiet), so "
        "three on two cores take little longer than one",
    )
    return parser.parse_args()


def in_parallel(args, languages):
    """Audit ``languages`` in ``args.jobs`` processes (languages dealt out in turn); print each
    one's report in order, then measure again, alone, the pages they found short of 100 in
    performance alone; 1 if any failed."""
    groups = [languages[start :: args.jobs] for start in range(args.jobs)]
    started = time.monotonic()
    runs = []
    with tempfile.TemporaryDirectory(prefix="portal-audit-") as tmp:
        for number, group in enumerate(filter(None, groups)):
            pending = Path(tmp) / f"pending-{number}.json"
            command = [PY, __file__, "--languages", ",".join(group), "--pending", str(pending)]
            command += ["--only", args.only] if args.only else []
            command += ["--keep"] if args.keep else []
            runs.append(
                (
                    subprocess.Popen(  # noqa: S603 -- this script
                        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                    ),
                    pending,
                )
            )
        failed, pages = False, {}
        for run, pending in runs:
            output, _ = run.communicate()
            print(output, end="")
            failed |= run.returncode != 0
            if pending.exists():
                pages.update(
                    {(lang, kind): path for lang, kind, path in json.loads(pending.read_text())}
                )
        if pages:
            failed |= measure_pending(pages)
    print(
        f"\n{time.monotonic() - started:.0f} s in {len(runs)} processes; "
        f"{'FAILED' if failed else 'all 100, no violations'}"
    )
    return 1 if failed else 0


def measure_pending(pages):
    """Serve the demo again and measure ``pages`` again (measure_again); True if one failed."""
    with tempfile.TemporaryDirectory(prefix="portal-audit-") as tmp:
        folder = Path(tmp)
        port = serving.free_port()
        env = prepare_database(folder, port)
        with serve_portal(folder, port, env):
            return print_measured_again(measure_again(port, pages, folder))


def prepare_database(folder, port):
    """A copy of the shared demo database (scripts/demo_db.py, built once) in ``folder``, its
    Site on ``port``; the environment of a portal serving it, with the shared media."""
    shared = demo_db.prepared()
    shutil.copy(shared / "db.sqlite3", folder / "db.sqlite3")
    with closing(sqlite3.connect(folder / "db.sqlite3")) as db, db:
        db.execute(
            "UPDATE wagtailcore_site SET hostname = '127.0.0.1', port = ? WHERE is_default_site",
            [port],
        )
    return demo_db.environment(folder, f"http://127.0.0.1:{port}", MEDIA_ROOT=str(shared / "media"))


def get(port, path):
    status, body = serving.get(port, path)
    return status, body.decode(errors="replace")


def serve_portal(folder, port, env):
    """The portal as `make run` serves it (runserver, DEBUG off), stopped on leaving."""
    return serving.running(
        [PY, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        port=port,
        probe="/robots.txt",
        log=folder / "runserver.log",
        env=env,
        cwd=ROOT,
        name="the portal",
    )


def first_link(port, path, pattern):
    """The first link on ``path`` whose address matches ``pattern``."""
    status, body = get(port, path)
    found = re.search(rf'href="({pattern})"', body) if status == 200 else None
    return found[1] if found else None


def page_types(port, lang):
    """Every public page type in ``lang``: name -> path (found in the sitemap and by links)."""
    _status, sitemap = get(port, "/sitemap.xml")
    paths = [
        re.sub(r"^https?://[^/]+", "", url)
        for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
        if re.match(rf"^https?://[^/]+/{lang}/", url)
    ]

    def first(pattern):
        return next((p for p in paths if re.fullmatch(pattern, p)), None)

    prefix = f"/{lang}/"
    resources = first(rf"{prefix}resources/")
    cases = first(rf"{prefix}case-studies/")
    guide = first_link(port, f"{resources}?type=guide", rf"{prefix}resources/[^/\"?]+/")
    practice = first_link(port, f"{resources}?type=good-practice", rf"{prefix}resources/[^/\"?]+/")
    case = first(rf"{prefix}case-studies/[^/]+/")
    types = {
        "home": prefix,
        "listing": resources,
        "case studies": cases,
        "guide": guide,
        "good practice": practice,
        "case study": case,
        "skill index": f"{prefix}skills/",
        "skill": first_link(port, guide, rf"{prefix}skills/[^/\"?]+/") if guide else None,
        "tag": first_link(port, guide, rf"{prefix}tags/[^/\"?]+/") if guide else None,
        "standard page": first(rf"{prefix}about/"),
        "partners": first(rf"{prefix}partners/"),
        "site map": f"{prefix}site-map/",
        "open data": f"{prefix}open-data/",
        "pack": f"{prefix}pack/",
        # the pack page after "Add to my pack" on the guide (run_axe presses the button)
        "pack, one item": guide and AddToPack(guide),
        "search": f"{prefix}search/?q=feedback",
        "self-check": f"{prefix}self-check/",
        # answered (demo statements 1-3): recommendations, pack buttons, the sharing form
        "self-check done": f"{prefix}self-check/?a1=2&a2=2&a3=1",
        "404": f"{prefix}no-such-page/",
    }
    return types


class AddToPack(str):
    """A resource page whose "Add to my pack" button leads to the page to check."""


def run_axe(port, pages):
    """{(lang, type, width): [violations]} from axe-core in Playwright's Chromium."""
    source = AXE.read_text()
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width_name, width in WIDTHS.items():
            # bypass_csp: the portal allows no inline script, and axe is injected as one
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda r: r.abort())
            page = context.new_page()
            for (lang, kind), path in pages.items():
                if path is None:
                    results[lang, kind, width_name] = [{"id": "missing", "help": "page not found"}]
                    continue
                if kind == "pack":
                    context.clear_cookies()  # an empty pack: a new visitor's session
                response = page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
                if isinstance(path, AddToPack) and response.status == 200:
                    with page.expect_navigation(wait_until="load") as navigation:
                        page.click("form.pack-actions__add button[type=submit]")
                    response = navigation.value
                if response.status != (404 if kind == "404" else 200):
                    problem = {"id": f"status {response.status}", "help": path}
                    results[lang, kind, width_name] = [problem]
                    continue
                page.add_script_tag(content=source)
                found = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                    ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                    " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
                    AXE_TAGS,
                )
                results[lang, kind, width_name] = found
            context.close()
        browser.close()
    return results


def chromium_for_lighthouse(folder, port):
    """Debian's chromium with its DevTools port open, stopped on leaving."""
    return serving.running(
        [
            CHROMIUM,
            *CHROMIUM_ARGS,
            f"--remote-debugging-port={port}",
            f"--user-data-dir={folder / 'chromium-profile'}",
            "about:blank",
        ],
        port=port,
        probe="/json/version",
        timeout=30,
        name="chromium for Lighthouse",
    )


def lighthouse_once(url, chrome_port, report):
    """One Lighthouse run: a Run, or None if it wrote no report."""
    report.unlink(missing_ok=True)
    subprocess.run(  # noqa: S603 -- the npm package's CLI
        [
            str(LIGHTHOUSE),
            url,
            f"--port={chrome_port}",
            f"--only-categories={','.join(CATEGORIES)}",
            # an image of the whole page for the report's viewer: no audit scores it
            "--disable-full-page-screenshot",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        cwd=ROOT,
        check=False,
    )
    if not report.exists():
        return None
    data = json.loads(report.read_text())
    scores, lost = {}, []
    for category in CATEGORIES:
        entry = data["categories"][category]
        score = entry["score"]
        scores[category] = None if score is None else round(score * 100)
        if score != 1:
            for ref in entry["auditRefs"]:
                audit = data["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    lost.append(f"{category}: {audit['title']}")
    timings = {
        name: data["audits"].get(audit, {}).get("numericValue") or 0
        for name, audit in (("FCP", "first-contentful-paint"), ("TBT", "total-blocking-time"))
    }
    machine = data.get("environment", {}).get("benchmarkIndex")
    return Run(scores, lost, timings, machine, data.get("runWarnings", []))


class Run:
    """What one Lighthouse run scored, what lost points, and how it was timed."""

    def __init__(self, scores, lost, timings, benchmark_index, warnings):
        self.scores, self.lost, self.warnings = scores, lost, warnings
        self.timings, self.benchmark_index = timings, benchmark_index

    @property
    def complete(self):
        return all(score is not None for score in self.scores.values())

    @property
    def short_in_performance_only(self):
        """Below 100 in performance alone: the one category timed on this machine."""
        others = [s for c, s in self.scores.items() if c != "performance"]
        return self.scores["performance"] != 100 and all(s == 100 for s in others)

    def describe(self):
        timed = ", ".join(f"{name} {value:.0f} ms" for name, value in self.timings.items())
        index = f"{self.benchmark_index:.0f}" if self.benchmark_index else "-"
        return f"performance {self.scores['performance']} ({timed}; benchmark index {index})"


def complete_run(url, chrome_port, report, attempts=3):
    """A Lighthouse run that scored every category: Lighthouse's own runtime errors (a trace
    without a navigation start, now and then on a busy machine) leave categories unscored, and
    the page is then measured again, up to ``attempts`` times. None if no run scored them all."""
    run = None
    for _attempt in range(attempts):
        run = lighthouse_once(url, chrome_port, report)
        if run is not None and run.complete:
            return run
    return run


def run_lighthouse(port, pages, folder, keep):
    """{(lang, type): Run or None}: one run per page, every run in one Chromium."""
    chrome_port = serving.free_port()
    results = {}
    with chromium_for_lighthouse(folder, chrome_port):
        for (lang, kind), path in pages.items():
            report = folder / f"lighthouse-{lang}-{kind}.json"
            results[lang, kind] = complete_run(
                f"http://127.0.0.1:{port}{path}", chrome_port, report
            )
            if keep and report.exists():
                shutil.copy(report, ROOT / ".cache" / "audit" / report.name)
    return results


def measure_again(port, pages, folder, runs=MEASURED_AGAIN):
    """{(lang, type): [Run]} for pages short of 100 in performance alone: measured again, the
    machine otherwise idle, until the median of ``runs`` is decided (Lighthouse's advice for
    variable scores: the median of five runs; its variability notes name resource contention,
    three audits at once here, as a main source of variance)."""
    chrome_port = serving.free_port()
    measured = {}
    with chromium_for_lighthouse(folder, chrome_port):
        for (lang, kind), path in pages.items():
            report = folder / f"lighthouse-again-{lang}-{kind}.json"
            found = []
            while len(found) < runs:
                run = complete_run(f"http://127.0.0.1:{port}{path}", chrome_port, report)
                found.append(run)
                full = sum(1 for r in found if r and r.scores["performance"] == 100)
                if full > runs // 2 or len(found) - full > runs // 2:
                    break
            measured[lang, kind] = found
    return measured


def median_run(found):
    """The run of median performance among ``found`` (None counts as lowest)."""
    ordered = sorted(found, key=lambda r: (r.scores["performance"] or 0) if r else -1)
    # stopped as soon as one side had a majority of ``runs``: the middle run is on that side
    return ordered[len(ordered) // 2]


def print_lighthouse(results, pending=()):
    """Print the scores; True if any page failed (``pending`` pages are measured again later)."""
    print(f"\nLighthouse (mobile)  {'  '.join(f'{c[:11]:>11}' for c in CATEGORIES)}")
    failed = False
    for (lang, kind), run in results.items():
        scores = run.scores if run else dict.fromkeys(CATEGORIES)
        cells = "  ".join(f"{'-' if s is None else s:>11}" for s in scores.values())
        later = "  (measured again below)" if (lang, kind) in pending else ""
        print(f"  {lang} {kind:<16}{cells}{later}")
        failed |= (lang, kind) not in pending and any(s != 100 for s in scores.values())
    for (lang, kind), run in results.items():
        for line in run.lost if run else ["no complete Lighthouse run"]:
            print(f"    {lang} {kind}: {line}")
        if run and run.lost:
            print(f"    {lang} {kind}: {run.describe()}")
    return failed


def print_measured_again(measured):
    """Print each page's runs and the median; True if a median is below 100."""
    print(f"\nMeasured again, one audit at a time (median of up to {MEASURED_AGAIN} runs)")
    failed = False
    for (lang, kind), found in measured.items():
        median = median_run(found)
        runs = ", ".join(str(r.scores["performance"]) if r else "-" for r in found)
        verdict = median.scores["performance"] if median else "-"
        print(f"  {lang} {kind:<16} runs {runs}: median {verdict}")
        if median is None or median.scores["performance"] != 100:
            failed = True
            for line in (median.lost + [median.describe(), *median.warnings]) if median else []:
                print(f"    {lang} {kind}: {line}")
    return failed


def print_axe(results):
    print(f"\naxe-core {axe_version()}: violations per page type (phone / desktop)")
    languages = sorted({lang for lang, _, _ in results}, key=LANGS.index)
    kinds = list(dict.fromkeys(kind for _, kind, _ in results))
    print(f"  {'':<16}" + "".join(f"{lang:>8}" for lang in languages))
    for kind in kinds:
        cells = "".join(
            f"{len(results[lang, kind, 'phone'])}/{len(results[lang, kind, 'desktop'])}".rjust(8)
            for lang in languages
        )
        print(f"  {kind:<16}{cells}")
    failed = False
    for (lang, kind, width), violations in results.items():
        for violation in violations:
            failed = True
            nodes = ", ".join(violation.get("nodes", []))
            print(f"    {lang} {kind} {width}: {violation['id']}: {violation['help']} [{nodes}]")
    return failed


def axe_version():
    return json.loads((AXE.parent / "package.json").read_text())["version"]


def main():
    args = parse_args()
    languages = args.languages.split(",")
    for needed in (LIGHTHOUSE, AXE):
        if not needed.exists():
            sys.exit(f"{needed} is missing: run `make npm` (npm ci) first")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: `make audit` installs Debian's chromium when root")
    cache = ROOT / ".cache" / "audit"
    cache.mkdir(parents=True, exist_ok=True)
    if args.jobs > 1 and len(languages) > 1:
        demo_db.prepared()  # built once, before the processes share it
        return in_parallel(args, languages)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="portal-audit-") as tmp:
        folder = Path(tmp)
        port = serving.free_port()
        env = prepare_database(folder, port)
        with serve_portal(folder, port, env):
            pages = {}
            for lang in languages:
                for kind, path in page_types(port, lang).items():
                    pages[lang, kind] = path
            failed, left = False, ""
            if args.only in (None, "axe"):
                failed |= print_axe(run_axe(port, pages))
            if args.only in (None, "lighthouse"):
                chosen = {key: path for key, path in pages.items() if key[1] in LIGHTHOUSE_PAGES}
                results = run_lighthouse(port, chosen, folder, args.keep)
                pending = {
                    key: chosen[key]
                    for key, run in results.items()
                    if run and run.short_in_performance_only
                }
                failed |= print_lighthouse(results, pending)
                if args.pending:  # the parent measures them again when every process is done
                    args.pending.write_text(
                        json.dumps([[*key, path] for key, path in pending.items()])
                    )
                    left = f"{len(pending)} page(s) to measure again" if pending else ""
                elif pending:  # axe is done: this audit is alone on the machine now
                    failed |= print_measured_again(measure_again(port, pending, folder))
    verdict = "FAILED" if failed else left or "all 100, no violations"
    print(f"\n{time.monotonic() - started:.0f} s; {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
