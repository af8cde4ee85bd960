"""Publish revisions of one page the way an editor does (Wagtail's ``save_revision().publish()``),
and print what happened as JSON: run by tests/portal/test_sqlite_under_load.py in a process of
its own, beside the server, on the same SQLite file.

    python tests/portal/publish_revisions.py PAGE_ID COUNT
"""

import json
import sys
import time

import django

django.setup()

from django.db import DatabaseError  # noqa: E402 (after django.setup())

from wagtail.models import Page  # noqa: E402


def publish(page_id, count):
    titles, failures, seconds = [], [], []
    for number in range(1, count + 1):
        title = f"Feedback guide, revision {number}"
        started = time.monotonic()
        try:
            page = Page.objects.get(pk=page_id).specific
            page.title = title
            page.save_revision().publish()
            titles.append(title)
        except DatabaseError as error:
            failures.append(f"{type(error).__name__}: {error}")
        seconds.append(round(time.monotonic() - started, 2))
        time.sleep(0.3)
    return {"published": titles, "failures": failures, "seconds": seconds}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(publish(int(sys.argv[1]), int(sys.argv[2]))) + "\n")
