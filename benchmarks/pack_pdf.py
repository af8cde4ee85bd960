"""The mentor pack's PDF: seconds to render a 10-guide pack and a single guide's PDF, per
language, through the whole request (Django's test client: middlewares, the pack view, the
template, WeasyPrint): the median wall-clock time and the process's CPU time (what the render
costs on an idle core, whatever else the machine runs; the load average is printed too).
Target: a 10-guide pack in under 5 s (issue 13, item 2).

    DATABASE_URL=sqlite:////tmp/pack.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/pack.sqlite3 .venv/bin/python manage.py load_demo_content
    .venv/bin/python benchmarks/pack_pdf.py --database-file /tmp/pack.sqlite3

The pack holds the language's first 10 live guides (the demo's guides again, in order, when it
has fewer: each is laid out again, so the PDF is as long as 10 guides). --media-root is where
the demo's pictures are (media/ by default), so the PDFs carry them as a visitor's would.
"""

import argparse
import io
import os
import statistics
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import django

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
PACK_SIZE = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-file", required=True, help="SQLite file with the demo")
    parser.add_argument("--languages", default="en,bg,el")
    parser.add_argument("--runs", type=int, default=3, help="timed renders of each PDF")
    parser.add_argument("--media-root", default=str(ROOT / "media"))
    return parser.parse_args()


def main():
    args = parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.database_file).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    sys.path.insert(0, str(ROOT))
    django.setup()

    from django.conf import settings  # noqa: PLC0415 -- after django.setup() (a script)
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415
    from django.utils import translation  # noqa: PLC0415

    from pack.items import SESSION_KEY  # noqa: PLC0415
    from resources.models import GuidePage  # noqa: PLC0415

    settings.MEDIA_ROOT = Path(args.media_root)
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    header = f"{'language':<10}{'PDF':<28}{'pages':>6}{'KB':>8}"
    print(f"{header}{'median s':>10}{'max s':>8}{'CPU s':>8}")
    worst = 0.0
    for language in args.languages.split(","):
        guides = list(
            GuidePage.objects.live()
            .filter(locale__language_code=language, alias_of__isnull=True)
            .order_by("path")
        )
        if not guides:
            print(f"{language:<10}no live guide")
            continue
        keys = [str(page.translation_key) for page in islice(cycle(guides), PACK_SIZE)]
        with translation.override(language):
            url = reverse("pack:pdf")
        client = Client()
        session = client.session
        session[SESSION_KEY] = keys
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        rows = [
            (f"{PACK_SIZE}-guide pack ({len(guides)} distinct)", client, {}),
            ("single guide", Client(), {"ids": guides[0].pk}),
        ]
        for label, visitor, query in rows:
            times, cpu, response = [], [], None
            for _run in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                response = visitor.get(url, query)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
                if response.status_code != 200:
                    sys.exit(f"{url} {query}: {response.status_code}")
            pages = len(PdfReader(io.BytesIO(response.content)).pages)
            median = statistics.median(times)
            if label.startswith(str(PACK_SIZE)):
                worst = max(worst, median)
            print(
                f"{language:<10}{label:<28}{pages:>6}{len(response.content) // 1024:>8}"
                f"{median:>10.2f}{max(times):>8.2f}{statistics.median(cpu):>8.2f}"
            )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"slowest {PACK_SIZE}-guide pack: {worst:.2f} s (target < 5 s); load average {load}")


if __name__ == "__main__":
    main()
