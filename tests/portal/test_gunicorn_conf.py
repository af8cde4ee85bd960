"""gunicorn.conf.py: workers are recycled after many requests, each after its own number, so
two workers serving cached pages at a thousand requests a second never restart together."""

import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parent.parent.parent / "gunicorn.conf.py"


@pytest.mark.parametrize(
    ("env", "limit", "jitter"),
    [({}, 10000, 5000), ({"MAX_REQUESTS": "1000"}, 1000, 500), ({"MAX_REQUESTS": "0"}, 0, 1)],
)
def test_each_worker_draws_its_limit_from_half_the_range(monkeypatch, env, limit, jitter):
    monkeypatch.delenv("MAX_REQUESTS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    conf = runpy.run_path(str(CONF))
    assert conf["max_requests"] == limit
    assert conf["max_requests_jitter"] == jitter
