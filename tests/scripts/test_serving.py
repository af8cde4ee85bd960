"""``scripts/serving.py``, how `make load` and `make audit` start their servers: a real HTTP
server (Python's own) on a free loopback port is waited for until it answers, then stopped; a
server that ends or never answers stops the script with its log."""

import sys

import pytest

from scripts import serving


def http_server(folder, port):
    return [
        sys.executable,
        "-m",
        "http.server",
        "--bind",
        "127.0.0.1",
        "--directory",
        str(folder),
        str(port),
    ]


def test_waits_until_the_server_answers_and_stops_it_on_leaving(tmp_path):
    (tmp_path / "ready.txt").write_text("ready")
    port = serving.free_port()
    log = tmp_path / "server.log"
    with serving.running(
        http_server(tmp_path, port), port=port, probe="/ready.txt", log=log
    ) as process:
        assert serving.get(port, "/ready.txt") == (200, b"ready")
        assert serving.get(port, "/missing.txt")[0] == 404
    assert process.returncode is not None
    with pytest.raises(OSError):
        serving.get(port, "/ready.txt", timeout=2)
    assert "GET /ready.txt" in log.read_text()


def test_a_server_that_ends_stops_the_script_with_its_log(tmp_path):
    command = [sys.executable, "-c", "import sys; sys.exit('no database here')"]
    with pytest.raises(SystemExit) as stopped:
        serving.start(
            command, port=serving.free_port(), probe="/", log=tmp_path / "log", name="the portal"
        )
    assert "the portal did not start (exit 1)" in str(stopped.value)
    assert "no database here" in str(stopped.value)


def test_a_server_that_never_answers_200_is_stopped_after_the_timeout(tmp_path):
    port = serving.free_port()
    with pytest.raises(SystemExit) as stopped:
        serving.start(http_server(tmp_path, port), port=port, probe="/never.txt", timeout=1)
    assert "did not start (no answer in 1 s)" in str(stopped.value)
    with pytest.raises(OSError):
        serving.get(port, "/", timeout=2)


def test_the_environment_keeps_the_callers_but_not_its_settings(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone/else")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    monkeypatch.setenv("LANG", "C.UTF-8")

    env = serving.environment(("DATABASE_", "DJANGO_"), DATABASE_URL="sqlite:////tmp/db.sqlite3")

    assert env["DATABASE_URL"] == "sqlite:////tmp/db.sqlite3"
    assert "DJANGO_SETTINGS_MODULE" not in env
    assert env["LANG"] == "C.UTF-8"
    assert env["PATH"]
