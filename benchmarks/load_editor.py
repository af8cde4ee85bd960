"""The editor of benchmarks/load.py: publishes a revision of an English guide every few seconds
and, every other time, a new revision of an English soft skill, through Wagtail's own API
(``save_revision().publish()``), in a process of its own on the server's database. After each
change it computes what the editor's admin request computes before its response leaves
(``core.fragments.rebuild``, run there by ``RebuildMiddleware``), so the load bears that work
too. Prints what happened as JSON on stdout; a failed publish is counted, never retried.

    DJANGO_SETTINGS_MODULE=portal.settings.production DATABASE_URL=… SECRET_KEY=… \
        python benchmarks/load_editor.py --duration 60 --every 3
"""

import argparse
import json
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.conf import settings  # noqa: E402 (after django.setup())
from django.db import DatabaseError  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from core.fragments import rebuild  # noqa: E402
from resources.models import GuidePage, SoftSkill  # noqa: E402


def edit(duration, every):
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    guide_id = GuidePage.objects.live().filter(locale=english).order_by("pk").first().pk
    skill_id = SoftSkill.objects.filter(locale=english).order_by("pk").first().pk
    outcome = {"page_publishes": 0, "snippet_publishes": 0, "failures": [], "seconds": []}
    deadline = time.monotonic() + duration
    number = 0
    while time.monotonic() < deadline:
        number += 1
        started = time.monotonic()
        try:
            guide = GuidePage.objects.get(pk=guide_id)
            guide.summary = f"{guide.summary.split(' [edit ')[0]} [edit {number}]"
            guide.save_revision().publish()
            outcome["page_publishes"] += 1
            if number % 2 == 0:
                skill = SoftSkill.objects.get(pk=skill_id)
                skill.description = f"{skill.description.split(' [edit ')[0]} [edit {number}]"
                skill.save_revision().publish()
                outcome["snippet_publishes"] += 1
            rebuild()  # as the admin's request would, before its response leaves
        except DatabaseError as error:
            outcome["failures"].append(f"{type(error).__name__}: {error}")
        took = time.monotonic() - started
        outcome["seconds"].append(round(took, 3))
        time.sleep(max(0.0, every - took))
    return outcome


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--every", type=float, default=3, help="seconds between publishes")
    args = parser.parse_args()
    print(json.dumps(edit(args.duration, args.every)))
