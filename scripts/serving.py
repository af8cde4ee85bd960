"""A server on a free loopback port for the portal's own scripts: its environment, start it,
wait until it answers, stop it. Shared by `make load` (benchmarks/load.py: scripts/serve, i.e.
gunicorn), `make audit` (scripts/audit.py: runserver, and the Chromium Lighthouse drives) and
scripts/demo_db.py (the environment of its manage.py runs).

    port = free_port()
    with running([...command...], port=port, probe="/en/", log=folder / "serve.log") as process:
        status, body = get(port, "/en/")

The command runs in a session of its own (a process group: gunicorn and its workers, Chromium
and its helpers), its output in ``log``. Starting waits until ``probe`` answers 200; if the
process ends or ``timeout`` passes first, the script exits with the server's log. Stopping sends
SIGTERM to the group (a graceful stop for gunicorn, runserver and Chromium), then SIGKILL to
what is still there after ``grace`` seconds.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from http.client import HTTPConnection

HOST = "127.0.0.1"


def environment(dropped, **values):
    """The caller's environment without the variables whose names start with one of
    ``dropped`` (a server of the script's own, not the caller's settings), and ``values``."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith(dropped)}
    return {**kept, **values}


def free_port():
    """A loopback port nobody listens on (the system's choice)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port, path, timeout=30, headers=None):
    """(status, body as bytes) of GET ``path`` over a new connection (gunicorn's sync workers
    close each one after the answer)."""
    client = HTTPConnection(HOST, port, timeout=timeout)
    try:
        client.request("GET", path, headers=headers or {})
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


def start(command, *, port, probe, log=None, env=None, cwd=None, timeout=120, name=None):
    """Popen ``command`` and return it once GET ``probe`` on ``port`` answers 200; exit the
    script with ``log``'s text if the process ends or ``timeout`` seconds pass first."""
    output = log.open("w") if log else subprocess.DEVNULL
    try:
        process = subprocess.Popen(  # noqa: S603 -- the caller's own command
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if log:
            output.close()  # the child has its own copy
    deadline = time.monotonic() + timeout
    while True:
        try:
            if get(port, probe)[0] == 200:
                return process
        except OSError:  # not listening yet, or reset while starting
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            ended = process.poll() is not None
            stop(process)
            why = f"exit {process.returncode}" if ended else f"no answer in {timeout:.0f} s"
            details = f":\n{log.read_text()}" if log else ""
            sys.exit(f"{name or command[0]} did not start ({why}){details}")
        time.sleep(0.3)


def stop(process, grace=60):
    """SIGTERM to the process's group, SIGKILL to the group after ``grace`` seconds."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def running(command, **options):
    """``start`` on entering, ``stop`` on leaving, whatever happened in between."""
    process = start(command, **options)
    try:
        yield process
    finally:
        stop(process)
