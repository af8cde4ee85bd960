"""SQL queries and milliseconds per request of some URLs, in this process, with Django's test
client: the first request of each URL warms it up and is not counted.

Needs only Django, so it runs with either site's python (the portal's or bakerydemo's), from
that site's folder, with its DJANGO_SETTINGS_MODULE set; benchmarks/bakerydemo.py and
benchmarks/scale.py run it that way:

    DJANGO_SETTINGS_MODULE=portal.settings.production … \\
        .venv/bin/python benchmarks/count_queries.py /en/ /en/resources/ --requests 5

Prints one JSON object: {url: {"status", "queries", "ms"}} (ms: the median of --requests
warm requests; queries: those of the second request). --before module:function names a
callable run before the counted and each timed request: the portal's
``core.cache:bump_content_version`` empties what it keeps across requests, as a publish does.
--settle module:function names a callable run after the warm-up request, which is then made
again, and before each counted and timed request (before --before): the portal's
``search.spelling:wait_for_builds`` waits for what the previous request started off the response
path (its spelling vocabulary, built by a thread once a search after a publish is answered). So
a warm request finds it there, and a request after a publish is the first one after that
publish, with the previous publish's work done, as when publishes are further apart than that
work (about a second at 10,000 resources in a language), not a request made while it runs.
"""

import argparse
import importlib
import json
import os
import statistics
import sys
import time

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def measure(client, url, requests, before, settle=None):
    settle = settle or (lambda: None)
    client.get(url)  # warm-up: per-process caches, template loading, renditions
    settle()
    client.get(url)  # what the first one computed while something was missing is not kept
    settle()
    before()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)  # now: the next request_started signal empties the query log
    timings = []
    for _ in range(requests):
        settle()
        before()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "status": response.status_code,
        "queries": count,
        "ms": round(statistics.median(timings), 1) if timings else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--requests", type=int, default=0, help="timed warm requests per URL")
    parser.add_argument("--host", default="localhost", help="the Host header sent")
    parser.add_argument("--before", help="module:function to call before each measured request")
    parser.add_argument("--settle", help="module:function to call after the warm-up request")
    args = parser.parse_args()
    sys.path.insert(0, os.getcwd())  # the site's own packages, run from its folder
    django.setup()
    before = named(args.before) if args.before else (lambda: None)
    settle = named(args.settle) if args.settle else None
    client = Client(HTTP_HOST=args.host)
    print(
        json.dumps({url: measure(client, url, args.requests, before, settle) for url in args.urls})
    )


def named(path):
    """The callable ``module:function`` names."""
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


if __name__ == "__main__":
    main()
