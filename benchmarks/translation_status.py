"""Time and count the queries of the translation status for N English pages × every language.

Runs in a throw-away SQLite database (a temporary file, migrated from scratch):

    .venv/bin/python benchmarks/translation_status.py --pages 200

Half of the pages are translated into every language, so every state's code path runs.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="English pages to create")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/benchmark.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        call_command("migrate", verbosity=0)
        from home.setup import ensure_site
        from tests.factories import StandardPageFactory
        from tests.helpers import translate
        from translations.status import TranslationStatus

        home = ensure_site()
        translate(home)
        start = time.perf_counter()
        for n in range(args.pages):
            page = StandardPageFactory(parent=home, title=f"Benchmark page {n}")
            if n % 2:
                translate(page)
        print(f"created {args.pages} pages in {time.perf_counter() - start:.1f} s")

        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            status = TranslationStatus()
            rows = status.rows
            summaries = status.summaries()
            elapsed = time.perf_counter() - start
        cells = sum(len(row.cells) for row in rows)
        print(
            f"translation status: {len(rows)} rows × {len(summaries)} languages = {cells} cells "
            f"in {elapsed * 1000:.0f} ms, {len(queries)} queries"
        )
        for summary in summaries:
            print(
                f"  {summary.name}: {summary.published} of {summary.total} published, "
                f"{summary.outdated} outdated, {summary.awaiting_review} awaiting review"
            )

        # The admin page and its exports, as an administrator gets them.
        admin = get_user_model().objects.create_superuser("benchmark", "b@example.org", "pw")
        client = Client()
        client.force_login(admin)
        url = reverse("translations:status")
        requests = [("page", {}), ("CSV", {"export": "csv"}), ("XLSX", {"export": "xlsx"})]
        for label, params in requests:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url, params)
                body = response.getvalue()
                elapsed = time.perf_counter() - start
            print(
                f"{label}: {response.status_code}, {len(body) // 1024} KiB "
                f"in {elapsed * 1000:.0f} ms, {len(queries)} queries"
            )


if __name__ == "__main__":
    main()
