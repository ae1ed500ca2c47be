"""gunicorn settings of one Sunshine web node (``gunicorn -c deploy/gunicorn.conf.py sunshine.wsgi``).

Everything that differs between nodes comes from the environment, so that every node of a cluster
runs the same file (deploy/README.md):

- ``SUNSHINE_BIND``: the address nginx reaches this node on (default ``127.0.0.1:8000``; on a
  node of a cluster, its private address, e.g. ``10.0.0.11:8000``);
- ``SUNSHINE_WEB_WORKERS``: sync workers (default ``2 × cores + 1``);
- ``SUNSHINE_FORWARDED_ALLOW_IPS``: the addresses of the nginx machines, whose
  ``X-Forwarded-Proto`` is believed (default ``127.0.0.1``);
- ``SUNSHINE_WEB_MAX_REQUESTS``: requests after which a worker is replaced (default 2000, 0: never).
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("SUNSHINE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SUNSHINE_WEB_WORKERS", "0")) or multiprocessing.cpu_count() * 2 + 1
worker_class = "sync"  # nginx buffers slow clients, so a sync worker is never held by one
timeout = 30
graceful_timeout = 20  # a reload or stop lets requests in flight finish this long
# A worker is replaced after this many requests (bounded memory growth). The jitter is wide: workers
# started together and fed evenly by nginx would otherwise all restart at the same moment, and a
# worker takes seconds to start on a busy machine.
max_requests = int(os.environ.get("SUNSHINE_WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 2
forwarded_allow_ips = os.environ.get("SUNSHINE_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
proc_name = f"sunshine-web-{bind}"
