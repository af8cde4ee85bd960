"""A long list of primary keys in a query, as one parameter.

``Model.objects.filter(pk__in=ids)`` binds one parameter per id: with the 7,000 ids of a listing
at 10,000 resources per language, the seven parts of its facet query are 50,000 parameters,
which Django prepares one by one (about 0.2 s) and which older SQLite builds refuse (their limit
is 32,766 variables). ``filter(pk__in=among(ids))`` sends the list once, as JSON that SQLite
reads with ``json_each`` or as an array PostgreSQL unnests, and the database gets the same
fixed list to match against.
"""

import json

from django.db import connection
from django.db.models.expressions import RawSQL


def among(ids):
    """A subquery of the integers ``ids``, for ``__in`` (no ids: an empty list, so that Django
    matches nothing without asking the database, as ``pk__in=[]`` does)."""
    ids = [int(pk) for pk in ids]
    if not ids:
        return []
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::integer[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
