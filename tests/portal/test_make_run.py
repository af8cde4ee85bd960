"""`make run` serves the portal as a visitor would see it, at its real host and port.

`make run PORT=…` is started as a newcomer starts it (the Makefile's own target: migrate, the
demo content, the admin account, runserver) on a copy of the demo database (the one
tests/home/test_demo_loader.py loads) and a port other than 8000. Canonical, hreflang and
sitemap links then carry that port (the Site's host and port come from PORTAL_BASE_URL, which
`make run` sets from HOST and PORT), and an unknown address gets the portal's own 404 page,
not Django's technical one (DEBUG is off), while static and uploaded files are still served.
"""

import os
import re
import signal
import sqlite3
import subprocess
import time
from http.client import HTTPConnection
from pathlib import Path

from django.db import connection

import pytest
from bs4 import BeautifulSoup

from benchmarks.load import free_port
from tests.helpers import _BUILT
from tests.home.test_demo_loader import loaded_demo

ROOT = Path(__file__).resolve().parent.parent.parent
START_TIMEOUT = 300  # migrate and the "already loaded" demo check on a busy machine

pytestmark = pytest.mark.django_db


class Server:
    def __init__(self, port, process, log):
        self.port, self.process, self.log = port, process, log

    def get(self, path):
        client = HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request("GET", path)
            response = client.getresponse()
            return response, response.read().decode(errors="replace")
        finally:
            client.close()


def make_run_environment(folder, media, port):
    """A newcomer's shell: nothing of pytest's, make's or the test settings' environment."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DATABASE_", "DJANGO_", "MAKE", "MFLAGS", "PYTEST_", "PORTAL_", "DEBUG", "SEARCH_")
        )
    }
    return {
        **inherited,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(media),
        "CACHE_URL": "locmemcache://",
        "ADMIN_USERNAME": "admin",
        "ADMIN_PASSWORD": "a-long-demo-password-for-make-run",
        "PORT": str(port),
    }


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("`make run` is tested on a copy of the SQLite demo database (make test)")
    folder = tmp_path_factory.mktemp("make-run")
    with loaded_demo(django_db_blocker, tmp_path_factory):
        built, _ = _BUILT["demo"]  # the demo database as built_once keeps it, in memory
        target = sqlite3.connect(folder / "db.sqlite3")
        built.backup(target)
        target.close()
    media = tmp_path_factory.getbasetemp() / "demo-media"
    port = free_port()
    log = folder / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 -- the portal's own Makefile
            ["make", "--no-print-directory", "run", f"PORT={port}"],  # noqa: S607
            cwd=ROOT,
            env=make_run_environment(folder, media, port),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make, runserver and its reloader in a group of their own
        )
    running = Server(port, process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            if running.get("/robots.txt")[0].status == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"`make run PORT={port}` did not start:\n{log.read_text()}")
        time.sleep(0.5)
    yield running
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_canonical_and_hreflang_links_use_the_port_it_serves_on(server):
    response, body = server.get("/bg/")
    assert response.status == 200
    page = BeautifulSoup(body, "html.parser")
    base = f"http://127.0.0.1:{server.port}/"
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical.startswith(base)
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert {"en", "bg", "el", "it", "pt", "es"} <= set(alternates)
    assert all(href.startswith(base) for href in alternates.values()), alternates
    assert ":8000" not in body


def test_sitemap_links_use_the_port_it_serves_on(server):
    response, body = server.get("/sitemap.xml")
    assert response.status == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert len(locations) > 50  # every page of the demo in six languages
    assert all(url.startswith(f"http://127.0.0.1:{server.port}/") for url in locations)
    assert ":8000" not in body


@pytest.mark.parametrize("path", ["/el/no-such-page/", "/en/resources/no-such-guide/"])
def test_an_unknown_address_gets_the_portals_own_404_page(server, path):
    response, body = server.get(path)
    assert response.status == 404
    page = BeautifulSoup(body, "html.parser")
    assert "Technical details" not in body and "URLconf" not in body  # not Django's debug page
    language = path.split("/")[1]
    assert page.html["lang"] == language
    assert page.select_one("h1").get_text(strip=True)
    assert page.select_one(f'a[href="/{language}/search/"]')  # the portal's 404: search


def test_static_and_uploaded_files_are_still_served(server):
    _, body = server.get("/en/")
    page = BeautifulSoup(body, "html.parser")
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert server.get(stylesheet)[0].status == 200
    image = page.select_one('img[src^="/media/"]') or BeautifulSoup(
        server.get(page.select_one('a[href*="/resources/"]')["href"])[1], "html.parser"
    ).select_one('img[src^="/media/"]')
    if image is None:
        pytest.skip("no uploaded picture on the demo pages to fetch")
    assert server.get(image["src"])[0].status == 200
