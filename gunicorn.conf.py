"""gunicorn's configuration for the portal (`make serve`, the systemd unit of docs/deploy.md).

gunicorn reads this file from the working directory on its own; every value comes from an
environment variable with a default fit for a small server (docs/deploy.md lists them):

    HOST (127.0.0.1), PORT (8000)      where to listen; BIND overrides both (e.g.
                                       unix:/run/portal/gunicorn.sock); under systemd socket
                                       activation gunicorn uses the socket it is handed
    WORKERS (2)                        processes; about 2 per core (each holds its own
                                       database connection; SQLite takes one writer at a time)
    THREADS (1)                        threads per worker: above 1, gunicorn's gthread worker
    TIMEOUT (30)                       seconds before a silent worker is killed and replaced
    MAX_REQUESTS (10000)               a worker is replaced after this many requests plus a
                                       random number up to half of it (0: never), so workers do
                                       not restart together
    FORWARDED_ALLOW_IPS (127.0.0.1,::1)  proxies whose X-Forwarded-* headers are trusted
    GUNICORN_LOG_LEVEL (info)

Access and error logs go to stderr (journald under systemd); the portal's own logs go there too
(``LOGGING`` in portal/settings/base.py).
"""

import os

host = os.environ.get("HOST", "127.0.0.1")
port = os.environ.get("PORT", "8000")
bind = [os.environ.get("BIND") or f"{host}:{port}"]

workers = int(os.environ.get("WORKERS", "2"))
threads = int(os.environ.get("THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

timeout = int(os.environ.get("TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5  # behind a reverse proxy that reuses connections

# Recycling guards against slow memory growth. Each worker's limit is drawn between
# max_requests and 1.5 × max_requests: with 1,000 and a 10 % jitter, two workers serving cached
# pages at 500 to 1,800 requests/s reached their limits within a second or two of each other
# and restarted together (a 7 to 10 s stall on a loaded machine, docs/performance.md).
max_requests = int(os.environ.get("MAX_REQUESTS", "10000"))
max_requests_jitter = max(1, max_requests // 2)

# The application is loaded once in the master and forked: a broken configuration (a missing
# SECRET_KEY) stops start-up at once with its message, and the workers share the loaded code.
# No database connection is opened while loading (Django connects on the first query).
preload_app = True

# No control socket: the portal is managed by signals (systemd's ExecReload sends HUP).
control_socket_disable = True

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

wsgi_app = "portal.wsgi:application"

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn writes "-" access logs to stdout; send both logs to stderr, like the portal's.
logconfig_dict = {
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
    },
}
