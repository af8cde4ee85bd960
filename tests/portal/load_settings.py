"""Settings of the server and the publisher in tests/portal/test_sqlite_under_load.py: the test
settings, with the search log written in the background as in production.

``PORTAL_LOAD_TEST_OLD_SQLITE=1`` runs both on the settings before WAL (rollback journal,
deferred transactions, Python's 5-second busy timeout, the search log written by the request),
to show that the test fails there.
"""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES

SEARCH_LOG_IN_BACKGROUND = True
if os.environ.get("PORTAL_LOAD_TEST_OLD_SQLITE"):
    DATABASES["default"]["OPTIONS"] = {}
    SEARCH_LOG_IN_BACKGROUND = False
