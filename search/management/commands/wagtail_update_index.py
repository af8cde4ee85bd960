"""Wagtail's other name for ``update_index``: the same command (it empties the catch-up queue)."""

from search.management.commands.update_index import Command  # noqa: F401
