"""`make serve` serves the portal: scripts/serve (what `make serve` runs once the virtual
environment and the messages are ready) is started on a free port with production settings, a
temporary SQLite copy of the test portal (six languages), its own static and media folders and
a secret key; it migrates, collects the static files and starts gunicorn with two workers.
Pages in two languages, a static file (compressed, cached for ten years), the security headers,
the portal's own 404 page and secure cookies are checked over real HTTP, then the server stops.
"""

import gzip
import os
import re
import signal
import sqlite3
import subprocess
import time
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest
from bs4 import BeautifulSoup

from benchmarks.load import environment, free_port
from tests.helpers import _BUILT

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "serve"
START_TIMEOUT = 300  # migrate + collectstatic (compressing every file) on a busy machine
TEN_YEARS = "max-age=315360000"

# pytest-django creates the test database only for a session with a test marked for it, and
# runs marked tests before the others: all are marked, so they keep their order (the last one
# stops the server). The server itself runs on a file copied from the built portal.
pytestmark = pytest.mark.django_db


class Server:
    def __init__(self, port, process, stdout, stderr):
        self.port, self.process, self.stdout, self.stderr = port, process, stdout, stderr

    def get(self, path, **headers):
        client = HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request("GET", path, headers=headers)
            response = client.getresponse()
            return response, response.read()
        finally:
            client.close()

    def logs(self):
        return self.stdout.read_text(), self.stderr.read_text()


@pytest.fixture(scope="module")
def server(portal, tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("`make serve` is tested on a copy of the SQLite test portal (make test)")
    folder = tmp_path_factory.mktemp("serve")
    # The built portal as built_once keeps it (a plain in-memory copy, outside any transaction:
    # a backup from the test connection waits forever on the test's own write lock).
    built, _ = _BUILT["portal"]
    target = sqlite3.connect(folder / "db.sqlite3")
    built.backup(target)
    target.close()
    port = free_port()
    stdout, stderr = folder / "stdout.log", folder / "stderr.log"
    with stdout.open("w") as out, stderr.open("w") as err:
        process = subprocess.Popen(  # noqa: S603 -- the portal's own script
            [str(SCRIPT)],
            cwd=ROOT,
            env=environment(folder, port, workers=2),
            stdout=out,
            stderr=err,
            start_new_session=True,  # gunicorn and its workers in a group of their own
        )
    running = Server(port, process, stdout, stderr)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            if running.get("/en/")[0].status == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("`make serve` did not start:\n{}\n{}".format(*running.logs()))
        time.sleep(0.5)
    yield running
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def stylesheet(body):
    return re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', body.decode())[1]


@pytest.mark.parametrize("language", ["en", "bg"])
def test_serves_the_home_page_in_each_language(server, portal, language):
    response, body = server.get(f"/{language}/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    page = BeautifulSoup(body.decode(), "html.parser")
    assert page.html["lang"] == language
    assert page.select_one("title").get_text(strip=True)
    assert stylesheet(body)  # hashed name from the collected manifest


def test_serves_static_files_compressed_with_far_future_cache_headers(server):
    _, page = server.get("/en/")
    path = stylesheet(page)
    plain, plain_body = server.get(path)
    assert plain.status == 200
    assert plain.getheader("Content-Type").startswith("text/css")
    assert plain.getheader("Content-Encoding") is None

    zipped, zipped_body = server.get(path, **{"Accept-Encoding": "gzip"})
    assert zipped.status == 200
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(zipped_body) == plain_body
    assert len(zipped_body) < len(plain_body)
    assert "Accept-Encoding" in zipped.getheader("Vary")

    brotli, _ = server.get(path, **{"Accept-Encoding": "gzip, br"})
    assert brotli.getheader("Content-Encoding") == "br"

    for response in (plain, zipped, brotli):
        cache_control = response.getheader("Cache-Control")
        assert TEN_YEARS in cache_control
        assert "immutable" in cache_control


def test_sends_the_security_headers(server):
    response, _ = server.get("/en/", **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "same-origin"
    if getattr(settings, "CONTENT_SECURITY_POLICY", None):
        policy = response.getheader("Content-Security-Policy")
        assert "default-src 'none'" in policy or "default-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
    if getattr(settings, "PERMISSIONS_POLICY", None):
        assert "camera=()" in response.getheader("Permissions-Policy")

    plain, _ = server.get("/en/")  # HSTS only over HTTPS (the proxy says which)
    assert plain.getheader("Strict-Transport-Security") is None


def test_cookies_are_https_only_unless_asked_otherwise(server):
    response, _ = server.get("/admin/login/")
    assert response.status == 200
    cookies = response.getheader("Set-Cookie")
    assert "csrftoken=" in cookies
    assert "Secure" in cookies


def test_a_missing_page_is_the_portals_own_404(server):
    response, body = server.get("/bg/no-such-page/")
    assert response.status == 404
    page = BeautifulSoup(body.decode(), "html.parser")
    assert page.html["lang"] == "bg"
    assert stylesheet(body)
    assert page.select_one("a[href='/bg/search/']")


def test_logs_go_to_stderr_and_the_server_stops_cleanly(server):
    server.get("/it/")
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=60) == 0
    stdout, stderr = server.logs()
    assert '"GET /it/ HTTP/1.1" 200' in stderr
    assert "GET /it/" not in stdout
    assert "Booting worker" in stderr
